"""Golden drafts: the exact YAML and summary `compliance draft` gives for the NOPD clauses' own words.

Reviewed by hand against policies/nopd-41.6.1-2016.yaml: every field, every
evidence span. Regenerate with `COMPLIANCE_UPDATE_GOLDEN=1 pytest
tests/test_draft_golden.py` and read the diff before committing it.
"""

from __future__ import annotations

import os

import pytest

from cli import main
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
ARGS = [
    "draft",
    "tests/fixtures/draft/nopd-41.6.1-2016.txt",
    "--id",
    "nopd-41-6-1-2016-draft",
    "--title",
    "NOPD Operations Manual, Chapter 41.6.1, “Immigration Status” (28 February 2016), drafted",
    "--issuer",
    "New Orleans Police Department",
    "--adopted",
    "2016-02-28",
    "--source",
    "http://www.troyhenry.com/index.php/statement-on-nopd-andl-immigrants/",
    "--encodes",
    "nopd-41-6-1",
    "--jurisdiction",
    "us/la/orleans",
]


def test_golden_draft(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert main(ARGS) == 0
    captured = capsys.readouterr()
    for name, text in (("draft-nopd-41.6.1-2016.yaml", captured.out), ("draft-nopd-41.6.1-2016.txt", captured.err)):
        path = GOLDEN / name
        if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), name
