"""An instrument's legal status on a given date, read from its dated `history` events.

Why a module of its own: `check`, `dispute` and `diff` all ask "what was the
law on that day?", and the answer must be the same everywhere.

The rule, which never invents a date:

- An event with a date counts from that date (inclusive).
- History is in order, so an event *without* a date is known to have happened
  no later than the next dated event after it; if no dated event follows it,
  no later than today (the file records the past), but only when the law is
  read *as of today*. On a date before that bound, an undated event is *not*
  applied — the status before it holds — and it is reported as `pending`: it
  may already have happened, the sources do not say when. The consent
  decree's termination (undated) is therefore not applied on 2016-03-01, and
  is labelled as possibly applying.
- With a date given (`--as-of DATE`), today bounds nothing: an undated event
  that no dated event follows is pending on every date. Why: a report with its
  date pinned must depend on no other date, or the same command gives other
  bytes tomorrow, or now in another time zone (issue 19 item 6: the decree
  read "terminated" in one zone and "in force ... may already apply" in the
  next). Every date a report depends on is given, or printed: today is
  printed when it is the date read.
- Today is the date in UTC (`today()`, the one seam for the clock), never the
  machine's local date.
- Before an instrument's first recorded event it has no status yet
  (`not-yet`): R.S. 33:84 on 2016-03-01, before its effective date of
  2024-05-28.

Only an instrument that is `in-force` on the date counts towards the exit
code; the others (not yet, proposed, failed, repealed, enjoined, terminated)
are reported separately, labelled.

So a report with `--as-of` pinned is the same on every day and in every time
zone: golden files pin an explicit date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from compliance.model.law import Instrument, Status, StatusEvent

MAY_APPLY = "may already apply"
"""How a label marks an undated event that may have happened by the date: renderers look for it."""

StatusOnDate = Status | Literal["not-yet"]
"""A status on a date: an instrument's status, or `not-yet` before its first recorded event."""


def today() -> dt.date:
    """Today's date in UTC: the one place the clock is read (tests replace it), the same in every time zone."""
    return dt.datetime.now(dt.UTC).date()


@dataclass(frozen=True)
class AsOf:
    """The date the law is read on, whether the user gave it, and today's date (in UTC).

    Today bounds undated events only when it is the date read (`given` false);
    see the module docstring.
    """

    day: dt.date
    today: dt.date
    given: bool

    @classmethod
    def on(cls, day: dt.date | None, now: dt.date | None = None) -> AsOf:
        """The date asked for, or today (UTC) when none was given."""
        now = now or today()
        return cls(day or now, now, day is not None)

    @property
    def bound(self) -> dt.date | None:
        """The latest date an undated last event is known to precede: today, unless a date was given."""
        return None if self.given else self.today

    def describe(self) -> str:
        """How a report names the date it used."""
        return f"{self.day.isoformat()}" + ("" if self.given else " (today, UTC; --as-of DATE for another date)")


@dataclass(frozen=True)
class InstrumentStatus:
    """An instrument's status on one date, the event that set it, and what may follow."""

    status: StatusOnDate
    since: dt.date | None
    """When this status began: the earliest dated event of the run of events with this status."""
    pending: tuple[StatusEvent, ...]
    upcoming: StatusEvent | None

    @property
    def in_force(self) -> bool:
        """Only law in force on the date counts towards a check's verdict."""
        return self.status == "in-force"

    def label(self) -> str:
        """One line: the status on the date, when it began, and what the record says comes next."""
        if self.status == "not-yet":
            first = self.upcoming
            assert first is not None
            when = first.date.isoformat() if first.date else "a date not recorded"
            text = f"not yet: first recorded as {first.status} on {when}"
        else:
            text = self.status + (f" since {self.since.isoformat()}" if self.since else " (date not recorded)")
        for event in self.pending:
            text += f"; then {event.status} on a date not recorded ({MAY_APPLY})"
        if self.status != "not-yet" and self.upcoming is not None and self.upcoming.date is not None:
            text += f"; then {self.upcoming.status} on {self.upcoming.date.isoformat()}"
        return text


def known_by(history: tuple[StatusEvent, ...], index: int, day: dt.date, today: dt.date | None) -> bool:
    """Is event `index` known to have happened on or before `day`? (`today` None: no bound from the clock.)"""
    event = history[index]
    if event.date is not None:
        return event.date <= day
    later = next((e.date for e in history[index + 1 :] if e.date is not None), None)
    bound = later if later is not None else today
    return bound is not None and bound <= day


def status_on(instrument: Instrument, as_of: AsOf) -> InstrumentStatus:
    """The instrument's status on `as_of.day`, by the rule in this module's docstring."""
    history = instrument.history
    known = [i for i in range(len(history)) if known_by(history, i, as_of.day, as_of.bound)]
    last = max(known) if known else -1
    pending: list[StatusEvent] = []
    before = history[last].status if last >= 0 else None
    for event in history[last + 1 :]:
        if event.date is not None:
            break
        if event.status != before:
            pending.append(event)
    upcoming = history[last + 1] if last + 1 < len(history) else None
    if last < 0:
        return InstrumentStatus("not-yet", None, tuple(pending[1:]), upcoming)
    current = history[last]
    run = last
    while run > 0 and history[run - 1].status == current.status:
        run -= 1
    since = next((e.date for e in history[run : last + 1] if e.date is not None), None)
    return InstrumentStatus(current.status, since, tuple(pending), upcoming)
