"""The record: what courts, agencies and officials said about a policy, kept in the policy's file.

Why in the policy file: a user should see, beside every real policy the tool ships,
what the authorities decided and whether the tool agrees (`compliance record`). Each
entry keeps the authority's own wording, verbatim with its source, and classifies it
into one of a fixed set of `wording` kinds; how each kind corresponds to the tool's
verdicts is decided once, in `compliance/analysis/record.py`, never per entry, so no
entry can be tuned toward agreement.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from compliance.model.base import Date, Label, Model, TermId, Text, Url

AuthorityKind = Literal[
    "federal-court", "state-court", "enforcing-agency", "state-official", "legislature", "political", "advocacy"
]
"""The casebook's authority types (casebook.md, "How to read")."""

Wording = Literal[
    "violates",
    "may-violate",
    "remains-concerned",
    "alleges-violation",
    "no-evidence-of-non-compliance",
    "complies",
    "designated",
    "held-unconstitutional",
    "enjoined",
    "upheld",
    "dismissed",
    "preempted-on-other-grounds",
]
"""What kind of statement the authority made, in the record's own terms (docs/reference/record.md)."""

Basis = Literal["verbatim", "secondary"]


class RecordedVerdict(Model):
    """One verdict of the record on this document: who said it, when, about what, in which words."""

    authority: Label
    authority_kind: AuthorityKind
    date: Date
    wording: Wording
    said: Text
    """The authority's words, verbatim as the source prints them."""
    source: Url
    basis: Basis
    """`verbatim` when `said` is the authority's own text; `secondary` when a third party reports it."""
    instrument: TermId | None = None
    provision: TermId | None = None
    clause: Label | None = None
    """The clause the authority named, when it named one."""
    reading: TermId | None = None
    """The corpus reading that stands for this authority's position, when one does."""
    note: Text | None = None

    @model_validator(mode="after")
    def _names_law(self) -> RecordedVerdict:
        if (self.instrument is None) == (self.provision is None):
            raise ValueError("a recorded verdict names exactly one of `instrument` or `provision`")
        return self
