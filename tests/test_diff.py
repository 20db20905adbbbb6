"""`compliance diff OLD NEW`: clause matching, and verdict and finding changes per reading.

The acceptance case: between the two bundled NOPD versions, paragraph 5's
removal changes the `doj` verdict on § 1373(b)(1) (complies → potential-conflict:
without paragraph 5 nothing the city said resolves DOJ's risk) and nothing at all
under `textual` and `broad`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from compliance.analysis.diff import match_clauses
from compliance.model.policy import Clause
from tests.conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
NOPD = "policies/nopd-41.6.1-2016.yaml"
WITHOUT = "policies/nopd-41.6.1-2016-without-para5.yaml"
DAY = ["--as-of", "2017-11-17"]
GOLDEN_CASES = {
    "diff-nopd-without-para5.txt": [NOPD, WITHOUT, *DAY],
    "diff-nopd-without-para5.json": [NOPD, WITHOUT, *DAY, "--format", "json"],
}


pytestmark = pytest.mark.usefixtures("at_root")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "diff", *argv)


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, *argv, "--format", "json")
    return code, json.loads(out)


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *GOLDEN_CASES[name])
    assert code == 0  # without paragraph 5, doj finds only a potential conflict with § 1373(b)(1): not a new conflict
    path = GOLDEN / name
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_paragraph_5_changes_doj_and_only_doj(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = as_json(capsys, NOPD, WITHOUT, *DAY)
    by_reading = {r["reading"]: r for r in report["readings"]}
    assert by_reading["textual"] == {"reading": "textual", "verdicts": [], "findings": []}
    assert by_reading["broad"] == {"reading": "broad", "verdicts": [], "findings": []}
    doj = {v["provision"]: (v["old"], v["new"], v["counts"]) for v in by_reading["doj"]["verdicts"]}
    assert doj["usc-8-1373-b-1"] == ("complies", "potential-conflict", True)
    assert list(doj) == ["usc-8-1373-b-1"]  # DOJ's link is stated for § 1373(b)(1) only
    finding = by_reading["doj"]["findings"][0]
    assert (finding["clause"], finding["provision"], finding["old"], finding["new"]) == (
        "[no-inquiry]",
        "usc-8-1373-b-1",
        "neutralised by 5",
        "potential-conflict",
    )
    assert report["new_conflicts"] == [] and code == 0  # a potential conflict is not a conflict
    removed = [c for c in report["clauses"] if c["matched_by"] == "removed"]
    assert removed == [
        {
            "old": "5",
            "new": None,
            "matched_by": "removed",
            "similarity": None,
            "changed": [],
            "preserves": "send-status-information, receive-status-information towards federal-immigration",
        }
    ]


def test_reverse_direction_and_one_reading(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = as_json(capsys, WITHOUT, NOPD, *DAY, "--reading", "doj")
    assert code == 0  # adding paragraph 5 brings no new conflict
    (doj,) = report["readings"]
    assert {v["provision"]: (v["old"], v["new"]) for v in doj["verdicts"]}["usc-8-1373-b-1"] == (
        "potential-conflict",
        "complies",
    )
    code, report = as_json(capsys, NOPD, WITHOUT, *DAY, "--reading", "textual")
    assert code == 0 and report["readings"][0]["verdicts"] == []


def test_the_same_file_has_no_changes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, NOPD, NOPD, *DAY)
    assert code == 0
    assert out.count("no verdict changes; no finding of a clause in both versions changes") == 3


def _edited(tmp_path: Path, old: str, new: str) -> str:
    text = (ROOT / NOPD).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


def test_renumbered_savings_clause_is_matched_by_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    edited = _edited(tmp_path, '  - number: "5"\n', '  - number: "6"\n')
    # the city's interpretation names the clause by number, so it follows the renumbering
    text = Path(edited).read_text(encoding="utf-8")
    Path(edited).write_text(text.replace('  - clause: "5"\n', '  - clause: "6"\n', 1), encoding="utf-8")
    code, report = as_json(capsys, NOPD, edited, *DAY)
    match = next(c for c in report["clauses"] if c["old"] == "5")
    assert (match["new"], match["matched_by"], match["similarity"], match["changed"]) == ("6", "text", 1.0, [])
    assert all(r["verdicts"] == [] and r["findings"] == [] for r in report["readings"])  # "by 5" is now "by 6"
    assert code == 0


def test_changed_modality_is_reported_and_evaluated(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    edited = _edited(
        tmp_path,
        "    modality: prohibits\n    actor: police-officer\n    action: inquire-status",
        "    modality: permits\n    actor: police-officer\n    action: inquire-status",
    )
    _, out, _ = run(capsys, NOPD, edited, *DAY, "--reading", "textual")
    assert "~  [no-inquiry]      same number; changed: modality" in out
    assert "clause [no-inquiry] × nopd-cd-victim-witness-inquiry" in out
    assert "satisfies → conflicts" in out


def clause(number: str, text: str) -> Clause:
    return Clause(number=number, text=text, modality="prohibits", action=("inquire-status",))


def test_match_by_number_then_text_then_add_and_remove() -> None:
    old = [
        clause("1", "Officers shall not ask about status."),
        clause("2", "No detainer is honoured."),
        clause("3", "x"),
    ]
    new = [
        clause("1", "Officers shall never ask about status."),
        clause("2b", "No detainer is honoured at all."),
        clause("4", "Something else entirely, unlike any old clause."),
    ]
    matches = [(m.old, m.new, m.matched_by, m.changed) for m in match_clauses(old, new)]
    assert matches == [
        ("1", "1", "number", ("text",)),
        ("2", "2b", "text", ("text",)),
        (None, "4", "added", ()),
        ("3", None, "removed", ()),  # a removed clause follows the clause that preceded it in the old version
    ]


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, NOPD)
    assert code == 2
    code, _, err = run(capsys, NOPD, WITHOUT, "--reading", "textul")
    assert code == 2 and "did you mean 'textual'" in err
    code, _, err = run(capsys, NOPD, WITHOUT, "--as-of", "17-11-2017")
    assert code == 2 and "--as-of" in err


def test_output_does_not_depend_on_the_hash_seed() -> None:
    import subprocess
    import sys

    argv = [sys.executable, "cli.py", "diff", NOPD, WITHOUT, *DAY, "--format", "json", "--engine", "reference"]
    runs = [
        subprocess.run(argv, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, check=False)
        for seed in ("1", "4242")
    ]
    assert runs[0].returncode == runs[1].returncode == 0  # a potential conflict only
    assert (
        runs[0].stdout
        == runs[1].stdout
        == (GOLDEN / "diff-nopd-without-para5.json")
        .read_bytes()
        .replace(b'"evaluator": "durable"', b'"evaluator": "reference"')
    )
