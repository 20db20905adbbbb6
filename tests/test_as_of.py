"""`--as-of DATE`: the law as it stood on a date, from the instruments' dated history.

The acceptance dates: R.S. 33:84 (eff. 28 May 2024) is not in force on
2016-03-01 and is in force on 2025-01-01; HB 1148 is proposed from 4 May 2016
and then failed on a date the sources do not give. Undated events are never
given a date: they apply once a later dated event (or today) shows they had
happened, and until then are labelled as possibly applying.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.analysis.as_of import AsOf, status_on
from compliance.model.corpus import Corpus
from compliance.model.law import Instrument
from tests.conftest import run_cli

TODAY = dt.date(2026, 11, 23)
OPSO = "policies/opso-detainers-2013.yaml"
NOPD = "policies/nopd-41.6.1-2016.yaml"


def on(day: str) -> AsOf:
    """A given date, with a fixed 'today' so the tests do not depend on the clock."""
    return AsOf.on(dt.date.fromisoformat(day), TODAY)


def instrument(corpus: Corpus, instrument_id: str) -> Instrument:
    return next(p.instrument for p in corpus.provisions if p.instrument.id == instrument_id)


def synthetic(*events: dict[str, str]) -> Instrument:
    return Instrument.model_validate(
        {
            "id": "x",
            "kind": "state-statute",
            "jurisdiction": "us/la",
            "title": "X",
            "source": "https://example.org/x",
            "history": list(events),
        }
    )


def test_rs_33_84_not_in_force_in_2016_and_in_force_in_2025(corpus: Corpus) -> None:
    statute = instrument(corpus, "la-rs-33-81-84")
    before = status_on(statute, on("2016-03-01"))
    assert before.status == "not-yet" and not before.in_force
    assert before.label() == "not yet: first recorded as in-force on 2024-05-28"
    assert status_on(statute, on("2024-05-27")).status == "not-yet"
    assert status_on(statute, on("2024-05-28")).in_force  # the effective date itself counts
    after = status_on(statute, on("2025-01-01"))
    assert after.in_force and after.label() == "in-force since 2024-05-28"


def test_hb_1148_is_proposed_then_failed_without_inventing_the_failure_date(corpus: Corpus) -> None:
    bill = instrument(corpus, "la-hb-1148-2016")
    assert status_on(bill, on("2016-03-01")).status == "not-yet"
    proposed = status_on(bill, on("2016-06-01"))
    assert proposed.status == "proposed" and not proposed.in_force
    assert [e.status for e in proposed.pending] == ["failed"]
    assert "then failed on a date not recorded (may already apply)" in proposed.label()
    # Today the record's last event holds: the bill failed, date unknown.
    today = status_on(bill, AsOf.on(None, TODAY))
    assert today.status == "failed" and today.since is None and today.pending == ()


def test_undated_termination_is_not_applied_before_it_is_known(corpus: Corpus) -> None:
    decree = instrument(corpus, "nopd-consent-decree-2012")
    in_2016 = status_on(decree, on("2016-03-01"))
    assert in_2016.in_force and [e.status for e in in_2016.pending] == ["terminated"]
    assert status_on(decree, on("2013-01-10")).status == "not-yet"
    assert status_on(decree, AsOf.on(None, TODAY)).status == "terminated"
    # A given date, even one after today, is read without the clock (issue 19 item 6: a pinned report
    # may depend on no other date), so the undated termination stays pending, and is said to be.
    in_2030 = status_on(decree, on("2030-01-01"))
    assert in_2030.in_force and [e.status for e in in_2030.pending] == ["terminated"]
    assert status_on(decree, on(TODAY.isoformat())) == status_on(decree, on("2016-03-01"))


def test_an_undated_event_is_bounded_by_the_next_dated_one() -> None:
    law = synthetic(
        {"status": "in-force", "date": "2000-01-01"},
        {"status": "enjoined", "note": "date not in the sources"},
        {"status": "in-force", "date": "2010-06-01"},
        {"status": "repealed", "date": "2020-01-01"},
    )
    assert status_on(law, on("2005-01-01")).status == "in-force"
    assert [e.status for e in status_on(law, on("2005-01-01")).pending] == ["enjoined"]
    later = status_on(law, on("2012-01-01"))
    assert later.in_force and later.since == dt.date(2010, 6, 1)
    assert later.label() == "in-force since 2010-06-01; then repealed on 2020-01-01"
    assert status_on(law, on("2020-01-01")).status == "repealed"


def test_same_status_revisions_are_not_pending_and_keep_the_first_date(corpus: Corpus) -> None:
    chapter = instrument(corpus, "nopd-41-6-1")  # revised in 2026 on an unrecorded date, still in force
    assert status_on(chapter, on("2017-01-01")).label() == "in-force since 2016-02-28"
    assert status_on(chapter, AsOf.on(None, TODAY)).label() == "in-force since 2016-02-28"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv)


pytestmark = pytest.mark.usefixtures("at_root")


def test_check_exit_code_follows_the_date(capsys: pytest.CaptureFixture[str]) -> None:
    """The Sheriff's 2013 detainer policy conflicts with R.S. 33:84, but not with § 1373 under textual."""
    code, out, _ = run(capsys, "check", OPSO, "--reading", "textual", "--as-of", "2016-03-01")
    assert code == 0
    assert out.startswith("Law as of 2016-03-01\n")
    assert "Not in force on 2016-03-01 (reported, not counted):" in out
    assert "    la-rs-33-81-84: not yet: first recorded as in-force on 2024-05-28" in out
    flat = " ".join(out.split())  # the report folds to the terminal's width
    assert "(!) conflicts, not in force: La. R.S. 33:84(A)(1)-(2): conflicts with clause [detainers];" in flat
    assert "supremacy question [not yet in force on the date; reported, does not fail the check]" in flat
    code, out, _ = run(capsys, "check", OPSO, "--reading", "textual", "--as-of", "2025-01-01")
    assert code == 1
    assert "La. R.S. 33:84(A)(1)-(2): conflicts with clause [detainers]; clause [detainers] is required by" in (
        " ".join(out.split())
    )


def test_json_carries_the_date_and_the_status_on_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", NOPD, "--reading", "textual", "--as-of", "2016-06-01", "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["version"] == "1.4"
    assert report["as_of"] == {"date": "2016-06-01", "given": True}
    verdicts = {v["provision"]: v for v in report["documents"][0]["verdicts"]}
    hb = verdicts["la-hb-1148-sanctuary-6"]
    assert (hb["status"], hb["counts"], hb["verdict"]) == ("proposed", False, "conflicts")
    assert hb["label"] == "(!) conflicts, not in force" and "(!) conflicts, not in force" in report["labels"]
    assert hb["status_note"] == "proposed since 2016-05-04; then failed on a date not recorded (may already apply)"
    assert verdicts["la-rs-33-84-a"]["status"] == "not-yet"
    assert verdicts["usc-8-1373-b-1"]["counts"] is True


def test_without_the_flag_the_report_names_today(capsys: pytest.CaptureFixture[str]) -> None:
    days = {dt.datetime.now(dt.UTC).date().isoformat()}  # today in UTC, whatever the machine's zone
    code, out, _ = run(capsys, "check", OPSO, "--reading", "textual")
    _, raw, _ = run(capsys, "check", OPSO, "--reading", "textual", "--format", "json")
    days.add(dt.datetime.now(dt.UTC).date().isoformat())  # the run may straddle midnight
    assert code == 1
    assert any(out.startswith(f"Law as of {day} (today, UTC; --as-of DATE for another date)\n") for day in days)
    assert json.loads(raw)["as_of"]["given"] is False and json.loads(raw)["as_of"]["date"] in days


@pytest.mark.parametrize("bad", ["2016-3-1", "2016-02-30", "yesterday", ""])
def test_a_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, _, err = run(capsys, "check", OPSO, "--as-of", bad)
    assert code == 2
    assert "dates are YYYY-MM-DD (e.g. 2017-11-17)" in err


STATUSES = ("in-force", "proposed", "failed", "repealed", "enjoined", "terminated")


@st.composite
def histories(draw: st.DrawFn) -> Instrument:
    """An ordered history: ascending dates, some events undated (each with its required note)."""
    size = draw(st.integers(1, 6))
    days = sorted(draw(st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)), min_size=size, max_size=size)))
    events = []
    for day in days:
        event: dict[str, str] = {"status": draw(st.sampled_from(STATUSES))}
        if draw(st.booleans()):
            event["date"] = day.isoformat()
        else:
            event["note"] = "date not in the sources"
        events.append(event)
    return synthetic(*events)


@settings(max_examples=200, deadline=None)
@given(
    histories(), st.dates(dt.date(1985, 1, 1), dt.date(2035, 1, 1)), st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1))
)
def test_status_on_never_runs_ahead_of_the_record(law: Instrument, day: dt.date, today: dt.date) -> None:
    result = status_on(law, AsOf.on(day, today))
    history = law.history
    applied = [e for e in history if e.status == result.status]
    if result.status == "not-yet":
        assert all(e.date is None or e.date > day for e in history)  # nothing dated has happened yet
    else:
        assert applied  # the status is one the record gives
    for event in history:
        if event.date is not None and event.date > day:
            # an event dated after the day never decides the status, unless an earlier one gave the same
            assert result.status != event.status or any(
                e.status == event.status and (e.date is None or e.date <= day) for e in history
            )
    # a given date is read without the clock: the same status whatever day it is run (issue 19 item 6)
    assert status_on(law, AsOf.on(day, today + dt.timedelta(days=4000))) == result
    now = status_on(law, AsOf.on(None, today))
    if all(e.date is None or e.date <= today for e in history):
        assert now.status == law.status and now.pending == ()  # read as of today, the record's last word
    assert all(e.date is None for e in result.pending)
