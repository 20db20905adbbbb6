"""`compliance rules list|show`: the law as a catalogue, golden in text and JSON, and its refusals.

The golden files (tests/golden/rules-*) were read against the rule files: every
provision of the bundled law, its instrument's status on the date, whether its
text is verbatim, its source; for § 1373(b)(1), its text, history, norm, the two
readings that change it (doj by links, broad by widening) and its four examples.
Regenerate with COMPLIANCE_UPDATE_GOLDEN=1 and read the diff.
"""

from __future__ import annotations

import json
import os

import pytest

from compliance.model.corpus import Corpus
from tests.conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
CASES = {
    "rules-list.txt": ["rules", "list", "--as-of", "2017-11-17"],
    "rules-list.json": ["rules", "list", "--as-of", "2017-11-17", "--format", "json"],
    "rules-show-usc-8-1373-b-1.txt": ["rules", "show", "usc-8-1373-b-1", "--as-of", "2017-11-17"],
    "rules-show-usc-8-1373-b-1.json": ["rules", "show", "usc-8-1373-b-1", "--as-of", "2017-11-17", "--format", "json"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, at_root: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, *CASES[name])
    assert (code, err) == (0, "")
    path = GOLDEN / name
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def _list(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    code, out, err = run_cli(capsys, "rules", "list", "--format", "json", *argv)
    assert (code, err) == (0, "")
    return json.loads(out)["provisions"]


def test_list_names_every_provision_with_its_facts(
    at_root: None, corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = _list(capsys, "--as-of", "2017-11-17")
    assert [p["id"] for p in listed] == [p.provision.id for p in corpus.provisions]
    for row, located in zip(listed, corpus.provisions, strict=True):
        assert (row["cite"], row["verified"], row["source"], row["instrument"]) == (
            located.provision.cite,
            located.provision.verified,
            located.provision.source,
            located.instrument.id,
        )


def test_status_is_read_on_the_date(at_root: None, capsys: pytest.CaptureFixture[str]) -> None:
    """R.S. 33:82 took effect on 2024-05-28: not yet in 2017, in force in 2025."""
    before = {p["id"]: p["status"] for p in _list(capsys, "--as-of", "2017-11-17")}
    after = {p["id"]: p["status"] for p in _list(capsys, "--as-of", "2025-01-01")}
    assert (before["la-rs-33-82"], after["la-rs-33-82"]) == ("not-yet", "in-force")
    assert before["usc-8-1373-a"] == after["usc-8-1373-a"] == "in-force"


def test_instrument_narrows_the_list(at_root: None, capsys: pytest.CaptureFixture[str]) -> None:
    listed = _list(capsys, "--instrument", "usc-8-1373", "--as-of", "2017-11-17")
    assert [p["id"] for p in listed] == ["usc-8-1373-a", "usc-8-1373-b-1", "usc-8-1373-b-2", "usc-8-1373-b-3"]


def test_show_lists_the_readings_that_touch_it(at_root: None, capsys: pytest.CaptureFixture[str]) -> None:
    def readings(provision: str) -> list[str]:
        code, out, _ = run_cli(capsys, "rules", "show", provision, "--format", "json", "--as-of", "2017-11-17")
        assert code == 0
        return [touch["reading"] for touch in json.loads(out)["readings"]]

    assert readings("usc-8-1373-b-1") == ["doj", "broad"]  # DOJ states one link for (b)(1), a risk
    assert "textual" not in readings("usc-8-1373-a")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "usc-1373-a"], "unknown provision 'usc-1373-a' (did you mean 'usc-8-1373-a'?)"),
        (["list", "--instrument", "usc-8-137"], "unknown instrument 'usc-8-137' (did you mean 'usc-8-1373'?)"),
        (["show"], "rules show needs a provision id"),
        (["list", "usc-8-1373-a"], "rules list takes no id"),
        (["show", "usc-8-1373-a", "--instrument", "usc-8-1373"], "--instrument narrows rules list"),
    ],
    ids=["unknown-id", "unknown-instrument", "show-without-id", "list-with-id", "show-with-instrument"],
)
def test_bad_requests_exit_2_with_the_reason(
    argv: list[str], message: str, at_root: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "rules", *argv)
    assert (code, out) == (2, "")
    assert err.startswith("compliance: error: ") and message in err


def test_an_unknown_action_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "rules", "shwo", "usc-8-1373-a")
    assert (code, out) == (2, "")
    assert "invalid choice: 'shwo'" in err
