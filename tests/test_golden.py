"""Golden reports: the exact text and JSON of the acceptance runs.

The files under tests/golden/ were reviewed by hand against DESIGN.md's
founding-case table. When a change alters them on purpose, regenerate with
`COMPLIANCE_UPDATE_GOLDEN=1 pytest tests/test_golden.py`, then read the diff
before committing it: a golden file is evidence, not a snapshot.

Every case passes an explicit `--as-of`: without it the law is read as of
today, and the report names today's date, so a golden file would break
tomorrow. The founding case is read on 17 November 2017, the day the
Justice Department "found no evidence that New Orleans is currently out of
compliance"; the Sheriff's 2013 policy on 1 January 2025, after R.S. 33:84
took effect (28 May 2024).
"""

from __future__ import annotations

import os

import pytest

from cli import main
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
FOUNDING = ["policies/nopd-41.6.1-2016.yaml", "policies/nopd-41.6.1-2016-without-para5.yaml"]
OPSO = ["policies/opso-detainers-2013.yaml"]

FOUNDING_DAY = ["--as-of", "2017-11-17"]
OPSO_DAY = ["--as-of", "2025-01-01"]

CASES = {
    "founding-case.txt": [*FOUNDING, "--reading", "all", *FOUNDING_DAY],
    "founding-case.json": [*FOUNDING, "--reading", "all", "--format", "json", *FOUNDING_DAY],
    "opso.txt": [*OPSO, "--reading", "all", *OPSO_DAY],
    "opso.json": [*OPSO, "--reading", "all", "--format", "json", *OPSO_DAY],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_report(name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["check", *CASES[name]])
    out = capsys.readouterr().out
    # On 17 Nov 2017 only the broad (political) reading conflicts, which the default exit code leaves out.
    assert code == (0 if name.startswith("founding") else 1)
    path = GOLDEN / name
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")
