"""Issue 14 items 2-4 and 7 on the founding case: dated readings, the city's interpretation, validity, --fail-on.

Each test runs the real command on the bundled rules and policy, under both engines where the
verdict is the point, and asserts what the record says happened on that date.
"""

from __future__ import annotations

import json

import pytest

from compliance.analysis.authority import binds, within
from compliance.analysis.fail_on import parse
from compliance.errors import UsageError
from tests.conftest import run_cli

pytestmark = pytest.mark.usefixtures("at_root")

NOPD = "policies/nopd-41.6.1-2016.yaml"


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text report folds long lines at the terminal's width: these tests read whole lines."""
    monkeypatch.setenv("COLUMNS", "1000")


def verdicts(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, dict]]:
    code, out, _ = run_cli(capsys, "check", NOPD, "--format", "json", *argv)
    report = json.loads(out)
    return code, {v["provision"]: v for v in report["documents"][0]["verdicts"]}


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_october_2017_is_a_potential_conflict_naming_the_missing_interpretation(
    capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    code, out, _ = run_cli(capsys, "check", NOPD, "--as-of", "2017-10-12", "--reading", "doj", "--engine", engine)
    assert code == 0
    assert "usc-8-1373-b-1                  in force  potential-conflict" in out
    assert (
        "needs the issuer's interpretation (or practice) of clause [no-inquiry] as to request-status-information" in out
    )
    assert "on record but not accepted by reading doj on 2017-10-12 (from 2017-11-17)" in out
    # DOJ's link was stated for § 1373(b)(1) only: Louisiana law and the decree read as the text.
    assert out.count("in force  potential-conflict") == 1


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_november_2017_resolves_it_by_the_recorded_interpretation(
    capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    code, out, _ = run_cli(capsys, "check", NOPD, "--as-of", "2017-11-17", "--reading", "doj", "--engine", engine)
    assert code == 0
    assert "potential-conflict" not in out
    assert "accepted interpretation: Mayor Mitch Landrieu, City of New Orleans, 2017-10-12: clause 5 preserves" in out
    assert "= neutralised by 5: usc-8-1373-b-1" in out


def test_on_17_november_2017_the_default_exit_is_0_and_fail_on_any_is_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", NOPD, "--as-of", "2017-11-17")
    assert code == 0 and "not counted under broad [state-official/political]" in out
    code, out, _ = run_cli(capsys, "check", NOPD, "--as-of", "2017-11-17", "--fail-on", "any")
    assert code == 1 and "counted under broad [state-official/political]" in out
    code, _, _ = run_cli(capsys, "check", NOPD, "--as-of", "2017-11-17", "--fail-on", "reading=broad")
    assert code == 1
    code, _, _ = run_cli(capsys, "check", NOPD, "--as-of", "2017-10-12", "--reading", "doj", "--fail-on", "potential")
    assert code == 1


def test_may_2016_the_doj_reading_was_not_held(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", NOPD, "--as-of", "2016-05-01", "--reading", "doj")
    assert code == 0
    assert "not held on 2016-05-01 (held 2017-10-12..2017-11-17)" in out
    code, found = verdicts(capsys, "--as-of", "2016-05-01", "--reading", "doj")
    assert {v["verdict"] for v in found.values()} == {"not-held"}
    # Applied anyway, it is labelled and does not count by default.
    code, out, _ = run_cli(capsys, "check", NOPD, "--as-of", "2016-05-01", "--reading", "doj", "--apply-unheld")
    assert code == 0 and "applied anyway (--apply-unheld)" in out and "potential-conflict" in out


def test_validity_is_stated_beside_the_scope_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", NOPD, "--as-of", "2018-08-01", "--reading", "textual")
    assert (
        "validity: 8 U.S.C. § 1373(a): enforceability contested: unconstitutional per E.D. Pa. 2018, N.D. Ill. 2018"
        in out
    )
    _, before, _ = run_cli(capsys, "check", NOPD, "--as-of", "2018-06-05", "--reading", "textual")
    assert "unconstitutional per" not in before  # the E.D. Pa. judgment is of 6 June 2018


def test_the_binding_test_follows_path_segments() -> None:
    assert within("us/la/orleans", "us/la") and within("us/la", "us") and not within("us/la", "us/l")
    assert binds(("us/pa",), "us/la/orleans") is False
    assert binds(("us/la",), "us/la/orleans") is True
    assert binds(("us/pa",), None) is None


def test_fail_on_refuses_a_misspelt_criterion_or_reading() -> None:
    with pytest.raises(UsageError, match="did you mean 'potential'"):
        parse(["potentail"], ["doj"])
    with pytest.raises(UsageError, match="did you mean 'broad'"):
        parse(["reading=brod"], ["broad", "doj"])
    assert parse(["reading=broad,doj", "potential"], ["broad", "doj"]).readings == frozenset({"broad", "doj"})
