"""`compliance record`: recorded verdicts replayed against the tool's, with one fixed wording table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from compliance.analysis.record import AGREES, NOT_SCOPE
from compliance.model.record import Wording
from tests.conftest import ROOT, run_cli

NOPD = "policies/nopd-41.6.1-2016.yaml"


def _table(markdown: str, heading: str) -> dict[str, str]:
    section = markdown[markdown.index(heading) :]
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+?) \|$", section.split("\n\n|", 1)[1].split("\n\n", 1)[0], re.M)
    return dict(rows)


def test_the_docs_table_is_the_codes_table() -> None:
    docs = (ROOT / "docs" / "reference" / "record.md").read_text(encoding="utf-8")
    agrees = _table(docs, "## How an authority's wording corresponds")
    assert {w: ", ".join(sorted(v)) for w, v in AGREES.items()} == agrees
    not_scope = _table(docs, "These wordings are about something else")
    assert dict(NOT_SCOPE) == not_scope


def test_every_wording_is_either_compared_or_said_why_not() -> None:
    assert set(AGREES) | set(NOT_SCOPE) == set(Wording.__args__)  # type: ignore[attr-defined]
    assert not set(AGREES) & set(NOT_SCOPE)


def test_nopd_record_replays_each_entry(capsys: pytest.CaptureFixture[str], at_root: None) -> None:
    code, out, _ = run_cli(capsys, "record", NOPD, "--format", "json")
    assert code == 0
    report = json.loads(out)
    cases = {(c["date"], c["wording"]): c for c in report["cases"]}
    november = cases[("2017-11-17", "no-evidence-of-non-compliance")]
    assert november["outcome"] == "agrees" and november["tool_verdict"] == "complies"
    assert "usc-8-1373-b-1 complies" in november["why"], "an instrument's verdict names each of its provisions"
    mayor = cases[("2017-10-12", "complies")]
    assert mayor["outcome"] == "not-compared" and mayor["tool_verdict"] is None
    assert report["compared"] == sum(c["outcome"] != "not-compared" for c in report["cases"])
    assert report["agreeing"] == sum(c["outcome"] == "agrees" for c in report["cases"])


def test_min_agreement_gates_the_exit_code(capsys: pytest.CaptureFixture[str], at_root: None) -> None:
    _, out, _ = run_cli(capsys, "record", NOPD, "--format", "json")
    share = json.loads(out)["agreement"]
    assert share is not None and share > 0
    code, out, _ = run_cli(capsys, "record", NOPD, "--min-agreement", "0%")
    assert code == 0 and "Result: ok the minimum agreement of 0%" in out
    if share < 1:
        code, out, _ = run_cli(capsys, "record", NOPD, "--min-agreement", "100%")
        assert code == 1 and "Result: below the minimum agreement of 100%" in out
    code, _, err = run_cli(capsys, "record", NOPD, "--min-agreement", "150%")
    assert code == 2 and "a share is between 0 and 1" in err


def test_not_scope_wordings_are_reported_not_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (ROOT / NOPD).read_text(encoding="utf-8")
    extra = """  - authority: "U.S. District Court (hypothetical fixture)"
    authority-kind: federal-court
    date: "2018-06-06"
    wording: held-unconstitutional
    said: "a fixture's words"
    source: "https://example.org/fixture"
    basis: verbatim
    instrument: usc-8-1373
    reading: textual
"""
    policy = tmp_path / "p.yaml"
    policy.write_text(source.rstrip("\n") + "\n" + extra, encoding="utf-8")
    code, out, _ = run_cli(capsys, "record", str(policy), "--rules", str(ROOT / "rules"), "--format", "json")
    assert code == 0
    case = json.loads(out)["cases"][-1]
    assert case["outcome"] == "not-compared" and case["why"] == NOT_SCOPE["held-unconstitutional"]


def test_a_record_naming_unknown_law_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (ROOT / NOPD).read_text(encoding="utf-8").replace("provision: usc-8-1373-b-1", "provision: usc-8-1373-b1")
    policy = tmp_path / "p.yaml"
    policy.write_text(source, encoding="utf-8")
    code, _, err = run_cli(capsys, "record", str(policy), "--rules", str(ROOT / "rules"))
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "usc-8-1373-b1" in text)
    assert code == 2
    assert f"p.yaml:{line}:" in err and "unknown provision 'usc-8-1373-b1'" in err and "did you mean" in err


def test_a_record_entry_names_exactly_one_kind_of_law(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    both = "    instrument: usc-8-1373\n    provision: usc-8-1373-a\n    reading: doj"
    source = (ROOT / NOPD).read_text(encoding="utf-8").replace("    instrument: usc-8-1373\n    reading: doj", both)
    policy = tmp_path / "p.yaml"
    policy.write_text(source, encoding="utf-8")
    code, _, err = run_cli(capsys, "record", str(policy), "--rules", str(ROOT / "rules"))
    assert code == 2 and "exactly one of `instrument` or `provision`" in err
