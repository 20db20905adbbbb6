"""Readings: dated positions of named authorities on the law, as data.

A reading changes law only additively, so readings can be compared: it may
`link` a term to others it is read to include (the DOJ read a no-inquiry rule
as possibly reaching *requesting* status information) and `widen`
provisions' scopes (the broad reading makes § 1373 protect all immigration
cooperation). Each link and widening names the provisions its holder stated
it for, so a reading of § 1373 never reaches a Louisiana statute or the
consent decree. A reading is held from `since` to `until`, by holders of a
stated authority: a court's reading binds only inside its `reach`, and the
exit code counts readings by authority (see `analysis.fail_on`).

A link of kind `risk` is not a definition but a risk of application ("a
no-inquiry rule may be applied so as to stop requesting"): what it adds
gives a *potential* conflict, which an interpretation the issuer recorded
(and the reading accepts on the date) resolves either way.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import model_validator

from compliance.model.base import Date, Label, Model, Reach, TermId, TermList, Text, Url

AuthorityKind = Literal[
    "court", "enforcing-agency", "legislature", "executive", "state-official", "political", "advocacy"
]
LinkKind = Literal["definition", "risk"]


class Source(Model):
    """Where a reading is stated, with the words quoted from it."""

    url: Url
    quote: Text | None = None


class Holder(Model):
    """Who holds a reading, with what authority; a court names itself and the territory it binds."""

    name: Label
    authority: AuthorityKind
    court: Label | None = None
    reach: tuple[Reach, ...] = ()
    note: Text | None = None

    @model_validator(mode="after")
    def _court_has_reach(self) -> Holder:
        if self.authority == "court" and (self.court is None or not self.reach):
            raise ValueError("a holder with authority `court` needs `court` (its name) and `reach` (where it binds)")
        if self.authority != "court" and (self.court is not None or self.reach):
            raise ValueError(f"`court` and `reach` belong to a court; this holder's authority is {self.authority}")
        return self


class Link(Model):
    """Under this reading, a clause about `term` also covers `includes`, for the provisions named.

    `persons`, when given, limits the link to clauses about those persons (as its holder said).
    """

    term: TermId
    includes: TermList
    provisions: TermList
    persons: TermList = ()
    kind: LinkKind = "definition"
    why: Text


class Widening(Model):
    """Under this reading, the named provisions also cover these actions."""

    provisions: TermList
    action: TermList = ()
    why: Text


class Acceptance(Model):
    """From when a reading takes an issuer's recorded interpretations of its own clauses as the clauses' meaning."""

    since: Date
    why: Text
    source: Url | None = None


class Reading(Model):
    """One interpretation, who held it and with what authority, when, and what it changes."""

    id: TermId
    title: Label
    held_by: tuple[Holder, ...]
    since: Date | None = None
    until: Date | None = None
    summary: Text
    sources: tuple[Source, ...]
    accepts_interpretations: Acceptance | None = None
    links: tuple[Link, ...] = ()
    widen: tuple[Widening, ...] = ()

    @model_validator(mode="after")
    def _period_in_order(self) -> Reading:
        if not self.held_by:
            raise ValueError("a reading needs at least one holder in `held-by`")
        if self.since is not None and self.until is not None and self.until < self.since:
            raise ValueError(f"`until` ({self.until}) is before `since` ({self.since})")
        return self

    def held_on(self, day: dt.date) -> bool:
        """Was the reading held on `day` (both ends inclusive, an open end unbounded)?"""
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)

    def period(self) -> str:
        """The period held, in words."""
        since = self.since.isoformat() if self.since else "an unrecorded date"
        return f"{since}..{self.until.isoformat()}" if self.until else f"since {since}"

    def accepts_on(self, day: dt.date) -> bool:
        """Does the reading take issuer interpretations as the clauses' meaning on `day`?"""
        return self.accepts_interpretations is not None and self.accepts_interpretations.since <= day

    @property
    def authorities(self) -> tuple[str, ...]:
        """Each holder's authority, once each, in the order written."""
        return tuple(dict.fromkeys(h.authority for h in self.held_by))

    def states(self, provision: str) -> bool:
        """Did the holder state any link or widening for this provision (else the reading reads it as the text)?"""
        return any(provision in x.provisions for x in self.links) or any(provision in w.provisions for w in self.widen)


class ReadingsFile(Model):
    """`rules/readings.yaml`."""

    readings: tuple[Reading, ...]
