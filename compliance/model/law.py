"""Provisions: citable units of law, each stating one norm over the vocabulary.

A provision file holds one instrument (a statute, bill, consent decree, agency
policy or grant condition) and its provisions. Provenance is mandatory: every
provision carries its citation, its text, the URL it was copied from, and
whether that text is verbatim (`verified`) or not, with a note saying why.
"""

from __future__ import annotations

from typing import Literal

from pydantic import StrictBool, field_validator, model_validator
from pydantic_core import PydanticCustomError

from compliance.model.base import Date, Label, Model, Reach, TermId, TermList, Text, Url
from compliance.model.hierarchy import Rank, default_rank
from compliance.model.jurisdiction import UNKNOWN, Jurisdiction

NormKind = Literal["prohibit", "require", "not-restrict"]
InstrumentKind = Literal[
    "constitution",
    "federal-statute",
    "state-statute",
    "bill",
    "court-order",
    "consent-decree",
    "agency-policy",
    "local-policy",
    "grant-condition",
]
Status = Literal["in-force", "proposed", "failed", "repealed", "enjoined", "terminated"]
Modality = Literal["prohibits", "requires", "permits", "restricts"]
Relation = Literal["satisfies", "partially-satisfies", "conflicts", "potential-conflict", "neutralised"]
Holding = Literal["held-unconstitutional", "enjoined", "upheld", "not-reached"]
ExpectedRelation = Literal["satisfies", "partially-satisfies", "conflicts", "potential-conflict", "neutralised", "none"]


class StatusEvent(Model):
    """One change of legal status; the last event is the instrument's status today."""

    status: Status
    date: Date | None = None
    note: Text | None = None
    source: Url | None = None

    @model_validator(mode="after")
    def _undated_needs_note(self) -> StatusEvent:
        if self.date is None and self.note is None:
            raise ValueError("a status event without a date needs a note saying why")
        return self


MAX_TOLERATED_CONDITIONS = 200
"""Distinct conditions the provisions of one rules directory may tolerate, all together.

Why a limit, and the same for both engines: durable-rules carries a 0/1 flag per tolerated
condition on every clause fact (a `full` rule tests them together, so they cannot be split
over facts) and refuses a fact of more than 255 properties; 200 leaves room for a clause's
other properties. No flag raises it: past it, one engine could not run what the other
accepts, and the two must never differ on whether an input is valid."""


class Norm(Model):
    """What the policy must do: `prohibit`, `require` or `not-restrict` an action.

    Omitted persons, actors or counterparts mean the norm covers all of them.
    `tolerates` lists the conditions a policy may carve out without falling
    short of the norm (a clause's other exceptions make it only partial).
    """

    must: NormKind
    action: TermList
    actors: TermList = ()
    persons: TermList = ()
    counterpart: TermList = ()
    tolerates: TermList = ()


class ClauseScope(Model):
    """What a clause does, in the vocabulary's terms: shared by policy clauses and rule examples."""

    modality: Modality
    action: TermList
    actor: TermList = ()
    persons: TermList = ()
    counterpart: TermList = ()
    exceptions: TermList = ()


ExampleClause = ClauseScope
"""An example's clause is a bare scope: no number or text."""


class Example(Model):
    """A clause and the relation the provision must give it, optionally under a reading."""

    clause: ExampleClause
    expect: ExpectedRelation
    reading: TermId | None = None
    note: Text | None = None


class ValidityEvent(Model):
    """A court's holding on whether a provision is valid: by which court, binding where, when, in whose words.

    Validity is an overlay: it never changes a scope verdict, and the report states beside it
    whether the provision is enforceable in the document's jurisdiction on the date.
    """

    holding: Holding
    court: Label
    reach: tuple[Reach, ...]
    date: Date
    cite: Label
    source: Url
    quote: Text
    verified: StrictBool = True
    note: Text | None = None

    @model_validator(mode="after")
    def _reach_and_note(self) -> ValidityEvent:
        if not self.reach:
            raise ValueError("a validity event needs the `reach` of its court (where the holding binds)")
        if not self.verified and self.note is None:
            raise ValueError("an unverified validity event needs a note saying what is not confirmed")
        return self


class Provision(Model):
    """One citable unit of law and its norm."""

    id: TermId
    cite: Label
    text: Text
    source: Url
    verified: StrictBool
    note: Text | None = None
    binds: TermList
    norm: Norm
    validity: tuple[ValidityEvent, ...] = ()
    examples: tuple[Example, ...] = ()

    @model_validator(mode="after")
    def _unverified_needs_note(self) -> Provision:
        if not self.verified and self.note is None:
            raise ValueError("an unverified provision needs a note saying what is not verbatim")
        return self


class Instrument(Model):
    """The instrument a provision file encodes, with its legal history.

    `jurisdiction` is where it binds (a path: `us`, `us/la`, `us/la/orleans`);
    `rank` is how strongly (see `compliance.model.hierarchy`), derived from the
    kind and jurisdiction unless written.
    """

    id: TermId
    kind: InstrumentKind
    jurisdiction: Jurisdiction
    rank: Rank | None = None
    title: Label
    source: Url
    history: tuple[StatusEvent, ...]
    note: Text | None = None

    @model_validator(mode="after")
    def _has_history(self) -> Instrument:
        if not self.history:
            raise ValueError("an instrument needs at least one status event")
        return self

    @model_validator(mode="after")
    def _history_in_date_order(self) -> Instrument:
        """Refuse events listed out of date order: the status on a date is read by walking them in order.

        Why refuse rather than sort: an `enjoined 2017-01-15` written after
        `in-force 2017-07-25` would otherwise win in 2018, and which of the two
        the author meant to be last is theirs to say. Undated events sit where
        they are written, so only dated ones are compared.
        """
        latest: StatusEvent | None = None
        for index, event in enumerate(self.history):
            if event.date is None:
                continue
            if latest is not None and latest.date is not None and event.date < latest.date:
                raise PydanticCustomError(
                    "history_order",
                    "history is out of date order: {status} on {date} is listed after {before} on {before_date};"
                    " list the events oldest first",
                    {
                        "status": event.status,
                        "date": event.date.isoformat(),
                        "before": latest.status,
                        "before_date": latest.date.isoformat(),
                        "at": ("history", index, "date"),
                    },
                )
            latest = event
        return self

    @field_validator("jurisdiction")
    @classmethod
    def _known_place(cls, value: str) -> str:
        if value == UNKNOWN:
            raise ValueError(
                "an instrument's jurisdiction must be known: write where it binds, such as 'us' or 'us/la'"
            )
        return value

    @property
    def standing(self) -> Rank:
        """The instrument's rank: as written, else derived from its kind and jurisdiction."""
        return self.rank or default_rank(self.kind, self.jurisdiction) or "local"

    @property
    def status(self) -> Status:
        """The status after the last recorded event."""
        return self.history[-1].status


class ProvisionFile(Model):
    """A file under `rules/`: one instrument and its provisions."""

    instrument: Instrument
    provisions: tuple[Provision, ...]
