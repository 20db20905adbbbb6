"""Policy documents as structured clauses.

A clause keeps its number as the source prints it and its text verbatim; the
structured fields say what it does in the vocabulary's terms. A savings
clause lists what it `preserves`: conflicts of the same document's other
clauses inside that scope are neutralised.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, NonNegativeInt, StrictBool, StringConstraints, model_validator

from compliance.errors import Location
from compliance.model.base import Date, Label, Model, TermId, TermList, Text, Url
from compliance.model.hierarchy import Rank, default_rank
from compliance.model.jurisdiction import Jurisdiction
from compliance.model.law import ClauseScope, InstrumentKind
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


def _partial_date(value: Any) -> Any:
    """A year, a year and month, or a full date, as the sources give it; a full one must be real."""
    if isinstance(value, str) and len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(f"{value!r} is not a real calendar date ({error})") from None
    return value


PartialDate = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"),
    BeforeValidator(_partial_date),
]
"""A date known only as precisely as the sources say: `2013`, `2013-08` or `2013-08-14`."""


class RequiredBy(Model):
    """The authority that requires a clause, such as the federal court order a policy was filed under.

    `authority` names an instrument of the rules, or describes one that is not
    encoded (`title`, `kind`, and `cite` for a docket number): then its rank
    comes from `rank`, else from its kind. `verified: false` with a note marks
    what the sources only report. A clause a higher-ranked authority requires
    is never advised away, and a lower-ranked provision's conflict with it is
    reported as a supremacy question.
    """

    authority: TermId
    title: Label | None = None
    kind: InstrumentKind | None = None
    rank: Rank | None = None
    cite: Label | None = None
    date: PartialDate
    source: Url
    verified: StrictBool
    note: Text | None = None

    @model_validator(mode="after")
    def _described(self) -> RequiredBy:
        if not self.verified and self.note is None:
            raise ValueError("an unverified `required-by` needs a note saying what the sources do not show")
        if self.title is not None and self.kind is None:
            raise ValueError("a described authority needs its `kind` (court-order, consent-decree, ...)")
        if self.kind is not None and self.rank is None and default_rank(self.kind, None) is None:
            raise ValueError(f"a {self.kind} does not fix its rank: add `rank:` (constitution, federal, state, local)")
        return self

    @property
    def standing(self) -> Rank | None:
        """The described authority's rank (None when it names an instrument of the rules)."""
        if self.rank is not None:
            return self.rank
        return default_rank(self.kind, None) if self.kind is not None else None


class Clause(ClauseScope):
    """One clause of a policy: number as printed, verbatim text, and its scope."""

    number: Label
    part: Label | None = None
    text: Text
    verified: StrictBool = True
    note: Text | None = None
    preserves: Preserves | None = None
    required_by: RequiredBy | None = None
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


InterpretationEffect = Literal["preserves", "reaches", "does-not-reach"]


class Interpretation(Model):
    """What the issuer said one of its own clauses means, in the vocabulary's terms: a dated fact of the policy.

    `preserves`: the savings clause also keeps these actions unrestricted; `reaches`: the
    clause does cover them; `does-not-reach`: it does not. Only a reading that accepts issuer
    interpretations on the date uses one; it resolves a potential conflict either way.
    """

    clause: Label
    effect: InterpretationEffect
    action: TermList
    date: Date
    by: Label
    source: Url
    quote: Text
    note: Text | None = None


class PolicyVersion(Model):
    """A later text of the same policy, in force from `adopted` (or, undated, from when it was `reported`).

    A revision whose text is not in the sources is recorded, never invented:
    `text-found: false`, no clauses, and a note saying what is known of it. It
    is reported as such and never checked as if it had text.
    """

    version: Label
    adopted: Date | None = None
    reported: Date | None = None
    source: Url | None = None
    text_found: StrictBool = True
    note: Text | None = None
    clauses: tuple[Clause, ...] = ()

    @model_validator(mode="after")
    def _dated_and_honest(self) -> PolicyVersion:
        if self.adopted is None and self.reported is None:
            raise ValueError(
                "a version needs `adopted` (or, when that is not known, `reported`: the earliest source's date)"
            )
        if self.adopted is None and self.note is None:
            raise ValueError("a version without an adoption date needs a note saying why")
        if not self.text_found:
            if self.clauses:
                raise ValueError("a version with `text-found: false` has no clauses: its text is not in the sources")
            if self.note is None:
                raise ValueError("a version whose text is not found needs a note saying what is known of it")
        elif not self.clauses:
            raise ValueError("a version needs its clauses, or `text-found: false` with a note if its text is not found")
        return self

    @property
    def starts(self) -> dt.date:
        """The date it counts from: its adoption, else the first report of it."""
        start = self.adopted or self.reported
        assert start is not None
        return start


class PolicyDocument(Model):
    """A policy file under `policies/`.

    `encodes` names the rules instrument that encodes this same document, if
    any: a document is never checked against itself. A document written by
    `compliance draft` carries its `draft` state (it may lack a `source`
    until reviewed) and keeps the passages it could not classify apart, in
    `unclassified`, so no evaluator ever sees a clause without a modality.
    Its `record` holds the official and judicial verdicts on it, verbatim.

    `jurisdiction` is where the policy governs (`us/la/orleans`), or
    `unknown`. The top-level clauses are the text adopted on `adopted`
    (named `version`, default "original"); `versions` lists later texts in
    date order (see `PolicyVersion`).
    """

    id: TermId
    title: Label
    issuer: Label
    issuer_kind: TermId
    jurisdiction: Jurisdiction
    version: Label | None = None
    adopted: Date | None = None
    source: Url | None = None
    encodes: TermId | None = None
    note: Text | None = None
    draft: DraftState | None = None
    clauses: tuple[Clause, ...]
    interpretations: tuple[Interpretation, ...] = ()
    unclassified: tuple[UnclassifiedClause, ...] = ()
    versions: tuple[PolicyVersion, ...] = ()
    record: tuple[RecordedVerdict, ...] = ()
    """What courts, agencies and officials said about this document (`compliance record` replays it)."""

    @model_validator(mode="after")
    def _source_unless_draft(self) -> PolicyDocument:
        if self.source is None and self.draft is None:
            raise ValueError("a policy document needs a `source` (the URL it was copied from)")
        starts = [v.starts for v in self.versions]
        if starts != sorted(starts) or (self.adopted is not None and starts and starts[0] <= self.adopted):
            raise ValueError("`versions` must be in date order, each after the policy's `adopted` date")
        names = [self.version or "original", *(v.version for v in self.versions)]
        if len(set(names)) != len(names):
            raise ValueError(
                f"each version needs its own name; these repeat: {sorted({n for n in names if names.count(n) > 1})}"
            )
        return self


@dataclass(frozen=True)
class LoadedPolicy:
    """A checked policy document, the file it came from and where each clause starts."""

    document: PolicyDocument
    path: str
    clause_locations: dict[str, Location]
    id_location: Location | None = None
    """Where the document's `id` is written: two files of one run may not share it."""
    version_locations: tuple[dict[str, Location], ...] = ()
    """Where each clause of each entry of `versions` starts, in the same order."""
