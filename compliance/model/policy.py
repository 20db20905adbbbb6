"""Policy documents as structured clauses.

A clause keeps its number as the source prints it and its text verbatim; the
structured fields say what it does in the vocabulary's terms. A savings
clause lists what it `preserves`: conflicts of the same document's other
clauses inside that scope are neutralised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, NonNegativeInt, StrictBool, StringConstraints, model_validator

from compliance.errors import Location
from compliance.model.base import Date, Label, Model, TermId, TermList, Text, Url
from compliance.model.law import ClauseScope
from compliance.model.record import RecordedVerdict

Review = Literal["unreviewed", "reviewed"]
DraftedField = Literal["modality", "actor", "action", "persons", "counterpart", "exceptions", "preserves"]


def _offset(value: Any) -> Any:
    """YAML scalars arrive as the strings written: accept digits, refuse booleans."""
    if isinstance(value, bool):
        raise ValueError("expected a character offset (a whole number), found true or false")
    return int(value) if isinstance(value, str) and value.isdigit() else value


Offset = Annotated[NonNegativeInt, BeforeValidator(_offset)]


class Evidence(Model):
    """Why `compliance draft` filled one field: the words in the source and where they are.

    `start` and `end` are character offsets into the text the drafter read
    (for a PDF, the text of its text layer), so a reviewer can find the words.
    """

    field: DraftedField
    value: Label
    phrase: Label
    start: Offset
    end: Offset
    cue: Label | None = None


class DraftState(Model):
    """A document written by `compliance draft`, and whether a person has reviewed it."""

    status: Review
    drafted_from: Label
    sha256: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{64}$")] | None = None
    note: Text | None = None


class UnclassifiedClause(Model):
    """A passage whose modality or action the drafter could not find: kept verbatim, never evaluated."""

    number: Label
    part: Label | None = None
    text: Text
    missing: tuple[Literal["modality", "action"], ...]
    evidence: tuple[Evidence, ...] = ()
    note: Text | None = None

    @property
    def key(self) -> str:
        """The passage's identity in reports, as for a clause."""
        return f"{self.number} ({self.part})" if self.part else self.number


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
    review: Review | None = None
    evidence: tuple[Evidence, ...] = ()

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
    any: a document is never checked against itself. A document written by
    `compliance draft` carries its `draft` state (it may lack a `source`
    until reviewed) and keeps the passages it could not classify apart, in
    `unclassified`, so no evaluator ever sees a clause without a modality.
    Its `record` holds the official and judicial verdicts on it, verbatim.
    """

    id: TermId
    title: Label
    issuer: Label
    issuer_kind: TermId
    adopted: Date | None = None
    source: Url | None = None
    encodes: TermId | None = None
    note: Text | None = None
    draft: DraftState | None = None
    clauses: tuple[Clause, ...]
    unclassified: tuple[UnclassifiedClause, ...] = ()
    record: tuple[RecordedVerdict, ...] = ()
    """What courts, agencies and officials said about this document (`compliance record` replays it)."""

    @model_validator(mode="after")
    def _source_unless_draft(self) -> PolicyDocument:
        if self.source is None and self.draft is None:
            raise ValueError("a policy document needs a `source` (the URL it was copied from)")
        return self


@dataclass(frozen=True)
class LoadedPolicy:
    """A checked policy document, the file it came from and where each clause starts."""

    document: PolicyDocument
    path: str
    clause_locations: dict[str, Location]
    id_location: Location | None = None
    """Where the document's `id` is written: two files of one run may not share it."""
