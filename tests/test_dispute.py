"""`compliance dispute`: the readings side by side on one policy, and the clauses that split them.

The acceptance case is the NOPD chapter read on 17 November 2017: the
Attorney General's 2016 reading (`broad`) finds conflicts with § 1373 that
the Justice Department's 2017 reading (`doj`) does not; the no-assistance
clause is among the clauses on which `broad` parts from `textual`, and
paragraph 5 neutralises the no-inquiry clause under `doj` but does not reach
assistance under `broad`.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from tests.conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
NOPD = "policies/nopd-41.6.1-2016.yaml"
WITHOUT = "policies/nopd-41.6.1-2016-without-para5.yaml"
DAY = ["--as-of", "2017-11-17"]
GOLDEN_CASES = {
    "dispute-nopd.txt": [NOPD, *DAY],
    "dispute-nopd.json": [NOPD, *DAY, "--format", "json"],
    "dispute-without-para5.txt": [WITHOUT, *DAY],
}


pytestmark = pytest.mark.usefixtures("at_root")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "dispute", *argv)


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, *argv, "--format", "json")
    return code, json.loads(out)


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *GOLDEN_CASES[name])
    # broad conflicts with § 1373, in force in 2017, but its holders are a state official and a
    # politician: reported, not counted by default (`check --fail-on any` counts it)
    assert code == 0
    path = GOLDEN / name
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_one_column_per_reading_one_row_per_provision(capsys: pytest.CaptureFixture[str]) -> None:
    _, report = as_json(capsys, NOPD, *DAY)
    assert [r["id"] for r in report["readings"]] == ["textual", "doj", "broad"]
    rows = {row["provision"]: row for row in report["provisions"]}
    assert rows["usc-8-1373-a"]["verdicts"] == {"textual": "complies", "doj": "complies", "broad": "conflicts"}
    assert rows["usc-8-1373-a"]["differs"] is True
    assert rows["nopd-cd-police-services"]["differs"] is False
    assert rows["la-rs-33-84-a"]["status"] == "not-yet" and rows["la-rs-33-84-a"]["counts"] is False


def test_no_assistance_is_where_broad_parts_from_textual(capsys: pytest.CaptureFixture[str]) -> None:
    _, report = as_json(capsys, NOPD, *DAY)
    parting = next(p for p in report["partings"] if (p["reading"], p["from"]) == ("broad", "textual"))
    assert "[no-assistance]" in parting["clauses"]
    doj = next(p for p in report["partings"] if (p["reading"], p["from"]) == ("doj", "textual"))
    assert "[no-assistance]" not in doj["clauses"] and "[no-inquiry]" in doj["clauses"]
    clause = next(c for c in report["clauses"] if c["clause"] == "[no-assistance]")
    split = {p["provision"]: p["relations"] for p in clause["provisions"]}
    assert split["usc-8-1373-a"]["broad"]["relation"] == "conflicts"
    assert split["usc-8-1373-a"]["textual"]["relation"] == "none"
    (because,) = clause["because"]
    assert because["reading"] == "broad" and "immigration-cooperation" in because["step"]
    assert "Landry" in because["why"]
    broad = next(r for r in report["readings"] if r["id"] == "broad")
    assert broad["held_by"][0] == "Louisiana Attorney General Jeff Landry (2016-2017)"
    assert broad["since"] == "2016-05-01" and broad["sources"][0]["url"].startswith("https://")


def test_text_shows_who_holds_each_reading_under_the_clause(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, NOPD, *DAY)
    block = out.split("  clause [no-assistance]:")[1].split("  clause ")[0]
    assert "    broad: held by Louisiana Attorney General Jeff Landry (2016-2017) [state-official];" in block
    assert "since 2016-05-01" in block  # Landry's letter, May 2016 (the day is NOT FOUND)
    assert "    doj: held by U.S. Department of Justice" in block and "2017-10-12 to 2017-11-17" in block
    assert "  broad vs textual: [no-inquiry], [no-assistance], [detainers], 5" in out


def test_paragraph_5_reach(capsys: pytest.CaptureFixture[str]) -> None:
    _, report = as_json(capsys, NOPD, *DAY)
    (saving,) = report["savings"]
    assert saving["clause"] == "5"
    reach = {r["reading"]: r for r in saving["readings"]}
    assert {"clause": "[no-inquiry]", "provision": "usc-8-1373-b-1"} in reach["doj"]["neutralises"]
    assert reach["doj"]["does_not_reach"] == []
    assert reach["textual"]["neutralises"] == [] and reach["textual"]["does_not_reach"] == []
    assert reach["broad"]["neutralises"] == []
    unreached = {(u["clause"], u["provision"]): u["outside"] for u in reach["broad"]["does_not_reach"]}
    assert unreached[("[no-assistance]", "usc-8-1373-a")] == ["assist-immigration-enforcement"]
    assert unreached[("[no-inquiry]", "usc-8-1373-b-1")] == ["inquire-status"]


def test_without_paragraph_5_doj_sees_a_potential_conflict(capsys: pytest.CaptureFixture[str]) -> None:
    """Without paragraph 5 nothing the city said resolves DOJ's risk: a potential conflict, on (b)(1) only."""
    _, report = as_json(capsys, WITHOUT, *DAY)
    rows = {row["provision"]: row["verdicts"] for row in report["provisions"]}
    assert rows["usc-8-1373-b-1"] == {"textual": "complies", "doj": "potential-conflict", "broad": "conflicts"}
    assert rows["la-rs-33-83-b-1"]["doj"] == "complies"  # DOJ's link was stated for § 1373(b)(1) only
    assert report["savings"] == []


def test_readings_subset_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = as_json(capsys, NOPD, *DAY, "--readings", "doj,textual")
    assert code == 0  # R.S. 33:81-84 was not yet law in 2017; doj and textual find no other conflict
    assert [r["id"] for r in report["readings"]] == ["doj", "textual"]
    code, out, _ = run(capsys, NOPD, *DAY, "--readings", "textual")
    assert code == 0 and "The readings agree on every clause." in out
    code, _, _ = run(capsys, NOPD, "--as-of", "2025-01-01", "--readings", "textual")
    assert code == 1  # R.S. 33:82 and 33:84, in force from 2024, conflict under every reading


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, NOPD, "--readings", "brod")
    assert code == 2 and "did you mean 'broad'" in err
    code, _, err = run(capsys, "policies/missing.yaml")
    assert code == 2


def test_output_does_not_depend_on_the_hash_seed_or_the_engine() -> None:
    import subprocess
    import sys

    base = [sys.executable, "cli.py", "dispute", NOPD, *DAY, "--format", "json"]
    runs = [
        subprocess.run(
            [*base, "--engine", engine],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=False,
        )
        for seed, engine in (("1", "durable"), ("4242", "reference"))
    ]
    assert runs[0].returncode == runs[1].returncode == 0  # only broad conflicts, and it is not counted
    golden = (GOLDEN / "dispute-nopd.json").read_bytes()
    assert runs[0].stdout == golden
    assert runs[1].stdout == golden.replace(b'"evaluator": "durable"', b'"evaluator": "reference"')


def test_law_not_in_force_is_labelled_apart(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, NOPD, "--as-of", "2016-06-01")
    notes = out.split("Not in force on 2016-06-01 (reported, not counted):\n")[1].split("\n\n")[0]
    assert notes.splitlines() == [
        "  la-hb-1148-2016: proposed since 2016-05-04; then failed on a date not recorded (may already apply)",
        "  la-rs-33-81-84: not yet: first recorded as in-force on 2024-05-28",
    ]
