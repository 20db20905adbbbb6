"""Where a word on the law binds: a court's reach against a document's jurisdiction.

Why a module of its own: readings (a court's reading binds only inside its
reach) and validity holdings (a district court's ruling that § 1373 is
unconstitutional does not bind the 5th Circuit) ask the same question, and
`--fail-on` counts readings by it. Jurisdictions are paths, widest first
(`us`, `us/la`, `us/la/orleans`); a document lies within a reach when the
reach is its jurisdiction or a prefix of it, segment by segment.

A document without a jurisdiction (the field lands with issue 14 item 1)
gives `None`: unknown, and the report says so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from compliance.model.law import Provision, ValidityEvent
from compliance.model.policy import PolicyDocument
from compliance.model.readings import Reading

UNKNOWN = "unknown"
"""The jurisdiction a document may state when it is not known: the report flags it."""


def document_jurisdiction(document: PolicyDocument) -> str | None:
    """The document's jurisdiction path, or None when it states none (or says `unknown`)."""
    found = document.jurisdiction
    return None if found in (None, UNKNOWN) else str(found)


def within(jurisdiction: str, reach: str) -> bool:
    """Is `jurisdiction` inside `reach` (`us/la/orleans` is inside `us/la` and `us`, not `us/l`)?"""
    inner, outer = jurisdiction.split("/"), reach.split("/")
    return inner[: len(outer)] == outer


def binds(reach: Sequence[str], jurisdiction: str | None) -> bool | None:
    """Does a word with this reach bind the jurisdiction? None when the jurisdiction is unknown."""
    if jurisdiction is None:
        return None
    return any(within(jurisdiction, r) for r in reach)


@dataclass(frozen=True)
class Standing:
    """What a reading's holders are to the document's jurisdiction."""

    binding: bool | None
    """True if some court holder's reach binds the jurisdiction, False if none does, None if unknown."""
    counts: bool
    """Counted by default for the exit code: a binding court or the enforcing agency."""
    text: str


def standing(reading: Reading, jurisdiction: str | None) -> Standing:
    """How a reading stands in the document's jurisdiction, in words a report prints."""
    courts = [h for h in reading.held_by if h.authority == "court"]
    agency = any(h.authority == "enforcing-agency" for h in reading.held_by)
    where = jurisdiction or "the document's jurisdiction (not stated)"
    if not courts:
        kinds = ", ".join(reading.authorities)
        role = "counted as the agency that enforces the law" if agency else "reported, not counted by default"
        return Standing(None, agency, f"{kinds} (not a court; {role})")
    verdicts = [binds(h.reach, jurisdiction) for h in courts]
    names = ", ".join(dict.fromkeys(h.court or h.name for h in courts))
    if any(v is True for v in verdicts):
        bound = ", ".join(dict.fromkeys(h.court or h.name for h, v in zip(courts, verdicts, strict=True) if v))
        return Standing(True, True, f"court ({names}): binding in {where} ({bound})")
    if jurisdiction is None:
        return Standing(None, agency, f"court ({names}): binding unknown, {where}; not counted by default")
    return Standing(False, agency, f"court ({names}): persuasive, not binding in {where}; not counted by default")


INVALIDATING = ("held-unconstitutional", "enjoined")


@dataclass(frozen=True)
class Enforceability:
    """A provision's validity on a date as it bears on one jurisdiction: the overlay beside the scope verdict."""

    text: str
    """Empty when no court has ruled on the provision by the date."""
    unenforceable: bool
    """A court binding the jurisdiction held it invalid (or enjoined it) by the date."""
    events: tuple[ValidityEvent, ...]


def _held(events: Sequence[ValidityEvent], holding: str) -> str:
    return ", ".join(f"{e.court} {e.date.year}" for e in events if e.holding == holding)


def enforceability(provision: Provision, day: dt.date, jurisdiction: str | None) -> Enforceability:
    """What the courts had said of the provision's validity by `day`, and whether any of it binds here."""
    events = tuple(e for e in provision.validity if e.date <= day)
    if not events:
        return Enforceability("", False, ())
    against = [e for e in events if e.holding in INVALIDATING]
    where = jurisdiction or "the document's jurisdiction (not stated)"
    binding = [e for e in against if binds(e.reach, jurisdiction)]
    unknown = jurisdiction is None
    parts = []
    if binding:
        parts.append(
            f"not enforceable here: {binding[0].holding} per {_held(binding, binding[0].holding)} (binding in {where})"
        )
    elif against:
        tail = "binding here unknown" if unknown else f"not binding in {where}"
        invalid = "; ".join(
            f"{'unconstitutional' if h == 'held-unconstitutional' else h} per {_held(against, h)}"
            for h in INVALIDATING
            if _held(against, h)
        )
        parts.append(f"enforceability contested: {invalid} — {tail}")
    upheld = [e for e in events if e.holding == "upheld"]
    if upheld:
        binding_up = [e for e in upheld if binds(e.reach, jurisdiction)]
        tail = "binding here" if binding_up else ("binding here unknown" if unknown else f"not binding in {where}")
        parts.append(f"upheld per {_held(upheld, 'upheld')} — {tail}")
    if not_reached := _held(events, "not-reached"):
        parts.append(f"not reached by {not_reached}")
    return Enforceability("; ".join(parts), bool(binding), events)
