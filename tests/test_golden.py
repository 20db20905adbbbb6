"""Golden reports: the exact text and JSON of the acceptance runs.

The files under tests/golden/ were reviewed by hand against DESIGN.md's
founding-case table. When a change alters them on purpose, regenerate with
`COMPLIANCE_UPDATE_GOLDEN=1 pytest tests/test_golden.py`, then read the diff
before committing it: a golden file is evidence, not a snapshot.
"""

from __future__ import annotations

import os

import pytest

from cli import main
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
FOUNDING = ["policies/nopd-41.6.1-2016.yaml", "policies/nopd-41.6.1-2016-without-para5.yaml"]
OPSO = ["policies/opso-detainers-2013.yaml"]

CASES = {
    "founding-case.txt": [*FOUNDING, "--reading", "all"],
    "founding-case.json": [*FOUNDING, "--reading", "all", "--format", "json"],
    "opso.txt": [*OPSO, "--reading", "all"],
    "opso.json": [*OPSO, "--reading", "all", "--format", "json"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_report(name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["check", *CASES[name]])
    out = capsys.readouterr().out
    assert code == 1
    path = GOLDEN / name
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")
