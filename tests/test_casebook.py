"""The casebook jurisdictions bundled under policies/<state>/: their record replays, case by case.

Each row is (file, date, wording, law, outcome) as `compliance record` gives it today. A
change of semantics that moves a row must move it here too, on purpose: the disagreements
are kept and explained in the files' notes, never tuned away (docs/reference/record.md).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import POLICIES, ROOT, run_cli

CASEBOOK = sorted(p for p in POLICIES.glob("*/*.yaml"))
LOUISVILLE = "ky/louisville-metro-ordinance-2017.yaml"
DENVER = "co/denver-public-safety-enforcement-priorities-2017.yaml"
OREGON = "or/oregon-ors-181a-820-180-805.yaml"
JACKSON = "ms/jackson-anti-racial-profiling-ordinance-2010.yaml"
DC = "dc/dc-code-24-211-07-2012.yaml"
STATES = ("policies/ky", "policies/co", "policies/or", "policies/ms", "policies/dc")

EXPECTED = {
    (LOUISVILLE, "2017-11-15", "may-violate", "usc-8-1373-b-1", "agrees"),
    (LOUISVILLE, "2017-11-15", "may-violate", "usc-8-1373-a", "agrees"),
    # doj is held 12 Oct-17 Nov 2017 (readings.yaml): no reading of the corpus stands for DOJ on this date.
    (LOUISVILLE, "2018-01-24", "remains-concerned", "usc-8-1373", "not-compared"),
    # Not held either; and the text DOJ cleared is the one it had questioned (the file's note).
    (LOUISVILLE, "2018-04-12", "no-evidence-of-non-compliance", "usc-8-1373", "not-compared"),
    (DENVER, "2017-11-15", "may-violate", "usc-8-1373-b-1", "agrees"),
    # doj is held 12 Oct-17 Nov 2017 (readings.yaml): no reading of the corpus stands for DOJ on this date.
    (DENVER, "2018-01-24", "remains-concerned", "usc-8-1373", "not-compared"),
    (DENVER, "2018-01-24", "complies", "usc-8-1373", "not-compared"),
    (OREGON, "2017-11-15", "may-violate", "usc-8-1373", "agrees"),
    (OREGON, "2017-12-05", "complies", "usc-8-1373", "not-compared"),
    # doj is held 12 Oct-17 Nov 2017 (readings.yaml): no reading of the corpus stands for DOJ on this date.
    (OREGON, "2018-01-24", "remains-concerned", "usc-8-1373", "not-compared"),
    (OREGON, "2019-08-07", "held-unconstitutional", "usc-8-1373", "not-compared"),
    (JACKSON, "2017-11-15", "may-violate", "usc-8-1373", "agrees"),
    (JACKSON, "2017-11-16", "complies", "usc-8-1373", "not-compared"),
    # doj is held 12 Oct-17 Nov 2017 (readings.yaml): no reading of the corpus stands for DOJ on this date.
    (JACKSON, "2018-01-24", "remains-concerned", "usc-8-1373", "not-compared"),
    # The 2012 text regulates detainers and jail access only; what DOJ cited is not found (the file's note).
    (DC, "2017-11-15", "may-violate", "usc-8-1373", "disagrees"),
}


def test_every_casebook_file_records_verdicts_with_sources() -> None:
    assert len(CASEBOOK) >= 4
    for path in CASEBOOK:
        text = path.read_text(encoding="utf-8")
        assert "\nrecord:\n" in text, path
        assert "casebook.md" in text, f"{path} names the casebook section it is encoded from"


def test_record_replay_of_the_casebook(capsys: pytest.CaptureFixture[str], at_root: None) -> None:
    code, out, _ = run_cli(capsys, "record", *STATES, "--format", "json")
    assert code == 0
    rows = {
        (
            c["path"].removeprefix("policies/"),
            c["date"],
            c["wording"],
            c["provision"] or c["instrument"],
            c["outcome"],
        )
        for c in json.loads(out)["cases"]
    }
    assert rows == EXPECTED


def test_louisvilles_three_doj_verdicts_on_one_text_come_out_of_the_timeline_in_order(
    capsys: pytest.CaptureFixture[str], at_root: None
) -> None:
    path = f"policies/{LOUISVILLE}"
    code, out, _ = run_cli(capsys, "timeline", path, "--reading", "doj", "--to", "2019-01-01", "--format", "json")
    assert code == 0
    said = [(s["date"], c["wording"]) for s in json.loads(out)["steps"] for c in s["record"]]
    assert [w for _, w in said] == ["may-violate", "may-violate", "remains-concerned", "no-evidence-of-non-compliance"]
    assert [d for d, _ in said] == sorted(d for d, _ in said)
    assert (ROOT / path).is_file()
