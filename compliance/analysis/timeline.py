"""A policy's verdicts through time: one check at every dated event of the law that bears on it.

Why a module of its own: the founding case is a story in time (DESIGN.md), and a
single `--as-of` answers one day of it. The timeline gathers every dated event
the record holds — the policy's adoption, each instrument's status changes, each
reading's first and last day — checks the document on each of those days, and
keeps, for every cell (reading × provision), the verdict and the event that
changed it. Nothing is interpolated: a day that is not an event is not a step,
and an undated event is never given a date (it stays in the instruments'
status labels, "may already apply", exactly as `check --as-of` reports it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from compliance.analysis.as_of import AsOf
from compliance.analysis.as_of import today as utc_today
from compliance.analysis.check import check_document
from compliance.analysis.record import Case, replay_entry
from compliance.analysis.result import DocumentReport, ProvisionVerdict
from compliance.engine.findings import Evaluator
from compliance.exit_codes import ExitCode
from compliance.model.corpus import Corpus
from compliance.model.law import ValidityEvent
from compliance.model.policy import LoadedPolicy


@dataclass(frozen=True)
class Event:
    """One dated event of the record: what happened, to what, and where the record says so."""

    date: dt.date
    kind: str
    """`adopted` (the policy), `version` (a later text), `instrument` (a status change), `reading-held`,
    `reading-ended`, `interpretation` (what the issuer said a clause means), `validity` (a court's holding
    on a provision's validity), or `record` (a verdict recorded in the policy file)."""
    subject: str
    """The id of the policy, instrument or reading the event is about."""
    label: str
    source: str | None = None


@dataclass(frozen=True)
class Cell:
    """One reading's verdict on one provision on one day."""

    reading: str
    provision: str
    verdict: str
    status: str
    counts: bool
    """Whether the verdict is a conflict with law in force (what fails a check)."""


@dataclass(frozen=True)
class Change:
    """A cell whose verdict or status differs from the previous step's."""

    before: Cell | None
    after: Cell


@dataclass(frozen=True)
class Step:
    """The law on one event day: the events of that day, every cell, and what they changed.

    `record` holds, for each verdict of the record given that day, the tool's answer to
    the same question (`compliance record`'s replay), so the record and the tool are read
    side by side, in the record's order.
    """

    date: dt.date
    events: tuple[Event, ...]
    cells: tuple[Cell, ...]
    changes: tuple[Change, ...]
    report: DocumentReport
    record: tuple[Case, ...] = ()

    def conflicts(self, reading: str) -> int:
        """How many provisions a reading finds in conflict with law in force on this day."""
        return sum(1 for cell in self.cells if cell.reading == reading and cell.counts)


@dataclass(frozen=True)
class TimelineResult:
    """Every step from the first event to the last, for one document under the requested readings."""

    document_id: str
    title: str
    path: str
    readings: tuple[str, ...]
    evaluator: str
    start: dt.date | None
    end: dt.date | None
    today: dt.date
    steps: tuple[Step, ...]

    @property
    def exit_code(self) -> ExitCode:
        """The timeline is a report, not a gate: 0 unless the input was bad (raised before this)."""
        return ExitCode.OK


def law_events(corpus: Corpus, policy: LoadedPolicy, readings: Sequence[str]) -> list[Event]:
    """Every dated event that can change a cell of this document's timeline, in date order.

    Instruments count only if one of their provisions could apply to the document
    (the same test `check` uses), so a Washington statute's history never shows up
    on a Louisiana policy's timeline.
    """
    from compliance.analysis.check import applicable

    document = policy.document
    events: list[Event] = []
    if document.adopted is not None:
        events.append(Event(document.adopted, "adopted", document.id, f"{document.title} adopted", document.source))
    relevant = {p.instrument.id: p.instrument for p in corpus.provisions if applicable(corpus, document, p) is None}
    for instrument in relevant.values():
        for event in instrument.history:
            if event.date is None:
                continue
            label = f"{instrument.title}: {event.status.replace('-', ' ')}"
            events.append(Event(event.date, "instrument", instrument.id, label, event.source or instrument.source))
    for said in document.interpretations:
        label = f"{said.by}: clause {said.clause} {said.effect} {', '.join(said.action)} (an interpretation)"
        events.append(Event(said.date, "interpretation", document.id, label, said.source))
    for version in document.versions:
        day = version.adopted or version.reported
        if day is not None:
            events.append(
                Event(day, "version", document.id, f"version {version.version} of the policy", version.source)
            )
    holdings: dict[tuple[dt.date, str, str], list[str]] = {}
    first: dict[tuple[dt.date, str, str], ValidityEvent] = {}
    for located in corpus.provisions:
        if located.instrument.id not in relevant:
            continue
        for held in located.provision.validity:
            holding = (held.date, held.court, str(held.holding))
            holdings.setdefault(holding, []).append(located.provision.id)
            first.setdefault(holding, held)
    for holding, provisions in holdings.items():
        court = first[holding]
        label = f"{court.court}: {court.holding} ({court.cite}), {', '.join(provisions)} (validity, not scope)"
        events.append(Event(court.date, "validity", court.cite, label, court.source))
    for entry in document.record:
        law = entry.provision or entry.instrument
        label = f"{entry.authority} ({entry.authority_kind}): {entry.wording} — {law}"
        events.append(Event(entry.date, "record", document.id, label, entry.source))
    for reading_id in readings:
        reading = corpus.reading(reading_id)
        source = reading.sources[0].url if reading.sources else None
        if reading.since is not None:
            events.append(Event(reading.since, "reading-held", reading.id, f"reading '{reading.id}' held", source))
        if reading.until is not None:
            # `until` is the last day held (inclusive): the reading stops applying the day after.
            label = f"reading '{reading.id}' no longer held (last held {reading.until.isoformat()})"
            events.append(Event(reading.until + dt.timedelta(days=1), "reading-ended", reading.id, label, source))
    return sorted(events, key=lambda e: (e.date, e.kind, e.subject, e.label))


def _cells(report: DocumentReport) -> tuple[Cell, ...]:
    def cell(reading: str, verdict: ProvisionVerdict) -> Cell:
        return Cell(reading, verdict.provision, verdict.verdict, verdict.status, verdict.binding_conflict)

    return tuple(cell(r.reading, v) for r in report.readings for v in r.verdicts)


def _changes(before: tuple[Cell, ...] | None, after: tuple[Cell, ...]) -> tuple[Change, ...]:
    """Cells whose verdict changed, or whose verdict started or stopped counting (law entering or leaving force).

    A status change that leaves the verdict as it was and its weight unchanged (a provision
    that is complied with entering into force) is the instrument's event, not a change of cell.
    On the first step every cell is new: only those that count are changes.
    """
    if before is None:
        return tuple(Change(None, cell) for cell in after if cell.counts)
    previous = {(c.reading, c.provision): c for c in before}
    changed = []
    for cell in after:
        old = previous[(cell.reading, cell.provision)]
        if (old.verdict, old.counts) != (cell.verdict, cell.counts):
            changed.append(Change(old, cell))
    return tuple(changed)


def timeline(
    corpus: Corpus,
    evaluator: Evaluator,
    policy: LoadedPolicy,
    readings: Sequence[str],
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
) -> TimelineResult:
    """The document checked on every event day between `start` and `end` (both inclusive, both optional).

    Without `start`, the timeline begins on the policy's adoption (the law before it is
    what the first step shows), or at the first event when the adoption date is unknown.
    """
    now = today or utc_today()  # the clock read once, in UTC, as everywhere
    start = start or policy.document.adopted
    events = [e for e in law_events(corpus, policy, readings) if (start is None or e.date >= start)]
    events = [e for e in events if (end is None or e.date <= end) and e.date <= now]
    days = sorted({e.date for e in events})
    steps: list[Step] = []
    previous: tuple[Cell, ...] | None = None
    for day in days:
        report = check_document(corpus, evaluator, policy, readings, AsOf(day, now, True))
        cells = _cells(report)
        todays = tuple(e for e in events if e.date == day)
        said = tuple(
            replay_entry(corpus, evaluator, policy, entry, now) for entry in policy.document.record if entry.date == day
        )
        steps.append(Step(day, todays, cells, _changes(previous, cells), report, said))
        previous = cells
    document = policy.document
    return TimelineResult(
        document.id, document.title, policy.path, tuple(readings), evaluator.name, start, end, now, tuple(steps)
    )
