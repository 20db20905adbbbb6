"""`compliance explain`: the derivation of a clause's findings as a readable chain, the same in text and JSON.

The chain runs clause text → modality and scope → the reading's vocabulary
links → the provision's norm and quoted text (and any widening) → where they
meet → exceptions → relation → the savings clause that changed it.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from tests.conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
NOPD = "policies/nopd-41.6.1-2016.yaml"
GOLDEN_CASES = {
    "explain-no-inquiry-b-1.txt": [NOPD, "--clause", "[no-inquiry]", "--provision", "usc-8-1373-b-1"],
    "explain-no-inquiry-b-1.json": [
        NOPD,
        "--clause",
        "[no-inquiry]",
        "--provision",
        "usc-8-1373-b-1",
        "--format",
        "json",
    ],
    "explain-no-assistance-broad.txt": [NOPD, "--clause", "[no-assistance]", "--reading", "broad"],
}


pytestmark = pytest.mark.usefixtures("at_root")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "explain", *argv)


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert code == 0
    return json.loads(out)


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *GOLDEN_CASES[name])
    assert code == 0
    path = GOLDEN / name
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_doj_chain_runs_from_clause_to_savings_clause(capsys: pytest.CaptureFixture[str]) -> None:
    """DOJ's risk (inquiring may be applied to restrict requesting) is resolved by paragraph 5 as the city
    read it on 12 Oct 2017, an interpretation DOJ's reading accepts from 17 Nov 2017 (explain reads today)."""
    report = as_json(capsys, NOPD, "--clause", "[no-inquiry]", "--provision", "usc-8-1373-b-1", "--reading", "doj")
    (entry,) = report["entries"]
    assert (entry["relation"], entry["savings"]) == ("neutralised", ["5"])
    chain = [step for step in entry["chain"] if step["kind"] != "validity"]
    kinds = [step["kind"] for step in chain]
    assert kinds == ["clause", "scope", "holder", "link", "norm", "meet", "relation", "interpretation", "savings"]
    link = chain[3]
    assert (
        link["reading"] == "doj"
        and "inquire-status may be applied so as to restrict request-status-information" in (link["text"])
    )
    assert "(stated for usc-8-1373-b-1)" in link["text"]
    assert chain[4]["text"].startswith("8 U.S.C. § 1373(b)(1) must not restrict")
    assert "clause 5 preserves request-status-information" in chain[7]["text"]
    assert chain[8]["text"].startswith("savings clause 5 preserves")


def test_text_and_json_carry_the_same_chain(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [NOPD, "--clause", "[no-assistance]", "--reading", "broad"]
    report = as_json(capsys, *argv)
    _, text, _ = run(capsys, *argv)
    for entry in report["entries"]:
        for number, step in enumerate(entry["chain"], start=1):
            assert f"    {number}. " in text and step["text"] in text
    assert len(report["entries"]) == 6  # § 1373(a), (b)(1), (b)(2), § 1644, R.S. 33:82, R.S. 33:83(A)


def test_exceptions_and_widening_are_steps(capsys: pytest.CaptureFixture[str]) -> None:
    report = as_json(capsys, NOPD, "--clause", "[no-assistance]", "--provision", "usc-8-1373-a", "--reading", "broad")
    (entry,) = report["entries"]
    steps = {step["kind"]: step for step in entry["chain"]}
    assert steps["widen"]["reading"] == "broad" and "immigration-cooperation" in steps["widen"]["text"]
    assert steps["exceptions"]["text"].startswith(
        "its exceptions (criminal-warrant, threat-to-life-or-safety) do not lift the conflict"
    )


def test_no_finding_is_explained_too(capsys: pytest.CaptureFixture[str]) -> None:
    report = as_json(capsys, NOPD, "--clause", "[no-inquiry]", "--provision", "usc-8-1373-b-1", "--reading", "textual")
    (entry,) = report["entries"]
    assert entry["relation"] == "none"
    assert entry["chain"][-1]["kind"] == "apart"
    assert "no action in common" in entry["chain"][-1]["text"]
    report = as_json(capsys, NOPD, "--clause", "5", "--provision", "nopd-41-6-1-para-5", "--reading", "textual")
    assert report["entries"][0]["relation"] == "not-applicable"
    assert "the document is this instrument itself" in report["entries"][0]["chain"][-1]["text"]


def test_a_clause_number_selects_every_part(capsys: pytest.CaptureFixture[str]) -> None:
    report = as_json(capsys, NOPD, "--clause", "Item #1 (status)", "--reading", "textual")
    assert [c["clause"] for c in report["clauses"]] == ["Item #1 (status)"]
    assert {e["provision"] for e in report["entries"]} == {"nopd-cd-status-based-action"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--clause", "no-inquiry"],
            "no clause 'no-inquiry' in policies/nopd-41.6.1-2016.yaml (did you mean '[no-inquiry]'?)",
        ),
        (["--clause", "6"], "no clause '6'"),
        (
            ["--clause", "5", "--provision", "usc-8-1373-b1"],
            "unknown provision 'usc-8-1373-b1' (did you mean 'usc-8-1373-b-1'?)",
        ),
        (["--clause", "5", "--reading", "dj"], "unknown reading 'dj' (did you mean 'doj'?)"),
    ],
)
def test_unknown_names_are_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, NOPD, *argv)
    assert code == 2 and out == ""
    assert message in err


def test_clause_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, NOPD)
    assert code == 2 and "--clause" in err
