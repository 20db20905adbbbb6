"""Policy documents as structured clauses.

A clause keeps its number as the source prints it and its text verbatim; the
structured fields say what it does in the vocabulary's terms. A savings
clause lists what it `preserves`: conflicts of the same document's other
clauses inside that scope are neutralised.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import StrictBool, model_validator

from compliance.errors import Location
from compliance.model.base import Date, Label, Model, TermId, TermList, Text, Url
from compliance.model.law import ClauseScope


class Preserves(Model):
    """The scope a savings clause keeps unrestricted."""

    action: TermList
    counterpart: TermList = ()


class Clause(ClauseScope):
    """One clause of a policy: number as printed, verbatim text, and its scope."""

    number: Label
    part: Label | None = None
    text: Text
    verified: StrictBool = True
    note: Text | None = None
    preserves: Preserves | None = None

    @property
    def key(self) -> str:
        """The clause's identity in reports: its number, and its part when split."""
        return f"{self.number} ({self.part})" if self.part else self.number

    @model_validator(mode="after")
    def _unverified_needs_note(self) -> Clause:
        if not self.verified and self.note is None:
            raise ValueError("an unverified clause needs a note saying what is not verbatim")
        return self


class PolicyDocument(Model):
    """A policy file under `policies/`.

    `encodes` names the rules instrument that encodes this same document, if
    any: a document is never checked against itself.
    """

    id: TermId
    title: Label
    issuer: Label
    issuer_kind: TermId
    adopted: Date | None = None
    source: Url
    encodes: TermId | None = None
    note: Text | None = None
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class LoadedPolicy:
    """A checked policy document, the file it came from and where each clause starts."""

    document: PolicyDocument
    path: str
    clause_locations: dict[str, Location]
