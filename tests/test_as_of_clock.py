"""With `--as-of` pinned, a report depends on no other date: not today, not the machine's time zone.

Issue 19 item 6: the bound on undated history events was the machine's local
today, so at one instant the same command gave "terminated" for the consent
decree in one zone and "in force ... may already apply" in the next. Now a
given date is read without the clock, and today (when it is the date read) is
the date in UTC, printed. The first test runs the installed command in two
zones 26 hours apart with the real clock; the second fakes two todays, one
either side of the pinned date, through the clock's one seam.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import time
from collections.abc import Iterator

import pytest

from compliance.analysis import as_of
from tests.conftest import ROOT, run_cli
from tests.test_determinism import installed

NOPD = "policies/nopd-41.6.1-2016.yaml"
ZONES = ("Etc/GMT+12", "Etc/GMT-14")  # UTC-12 and UTC+14: their dates always differ
DECREE = "nopd-cd-status-based-action"


def _decree_status(report: bytes | str) -> str:
    verdicts = json.loads(report)["documents"][0]["verdicts"]
    return next(v["status"] for v in verdicts if v["provision"] == DECREE)


def test_the_same_command_at_the_same_instant_gives_the_same_bytes_in_every_zone() -> None:
    # Pinned to the date in UTC-12, the day the old local bound flipped the decree between the two zones.
    day = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=12)).date().isoformat()
    outputs = []
    for zone in ZONES:
        done = subprocess.run(
            [installed(), "check", NOPD, "--as-of", day, "--format", "json"],
            cwd=ROOT,
            env={**os.environ, "TZ": zone},
            capture_output=True,
            timeout=300,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert _decree_status(outputs[0]) == "in-force"  # the undated termination is pending on a given date


@pytest.fixture
def zone() -> Iterator[object]:
    """Set the process's time zone for one test, and put it back."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("output", ["json", "text", "sarif"])
def test_two_fake_todays_either_side_of_the_pinned_date_give_the_same_bytes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, zone, output: str
) -> None:
    pinned = "2026-06-01"
    outputs = set()
    for name in ZONES:
        zone(name)
        for fake in (dt.date(2026, 5, 31), dt.date(2026, 6, 2), dt.date(2031, 1, 1)):
            monkeypatch.setattr(as_of, "today", lambda fake=fake: fake)
            code, out, _ = run_cli(capsys, "check", NOPD, "--as-of", pinned, "--format", output)
            assert code in (0, 1)
            outputs.add(out)
    assert len(outputs) == 1


@pytest.mark.usefixtures("at_root")
def test_without_the_flag_today_is_the_date_in_utc_and_is_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, zone
) -> None:
    zone("Etc/GMT-14")  # local date ahead of UTC's for ten hours a day
    before = dt.datetime.now(dt.UTC).date()
    assert as_of.today() in {before, dt.datetime.now(dt.UTC).date()}  # the run may straddle midnight
    monkeypatch.setattr(as_of, "today", lambda: dt.date(2030, 1, 1))
    _, out, _ = run_cli(capsys, "check", NOPD, "--format", "json")
    assert json.loads(out)["as_of"] == {"date": "2030-01-01", "given": False}
    assert _decree_status(out) == "terminated"  # read as of today, the record's last event holds
    _, text, _ = run_cli(capsys, "check", NOPD)
    assert text.startswith("Law as of 2030-01-01 (today, UTC; --as-of DATE for another date)\n")
