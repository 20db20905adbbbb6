"""Readings: named interpretations of the law, held by someone, as data.

A reading changes law only additively, so readings can be compared: it may
`link` a term to others it is read to include (the DOJ read a no-inquiry rule
as reaching *requesting* status information) and `widen` provisions' scopes
(the broad reading makes § 1373 protect all immigration cooperation).
"""

from __future__ import annotations

from compliance.model.base import Date, Label, Model, TermId, TermList, Text, Url


class Source(Model):
    """Where a reading is stated, with the words quoted from it."""

    url: Url
    quote: Text | None = None


class Link(Model):
    """Under this reading, a clause about `term` also covers `includes`."""

    term: TermId
    includes: TermList
    why: Text


class Widening(Model):
    """Under this reading, the named provisions also cover these actions and persons."""

    provisions: TermList
    action: TermList = ()
    why: Text


class Reading(Model):
    """One interpretation, who held it, when, and what it changes."""

    id: TermId
    title: Label
    held_by: tuple[Label, ...]
    since: Date | None = None
    until: Date | None = None
    summary: Text
    sources: tuple[Source, ...]
    links: tuple[Link, ...] = ()
    widen: tuple[Widening, ...] = ()


class ReadingsFile(Model):
    """`rules/readings.yaml`."""

    readings: tuple[Reading, ...]
