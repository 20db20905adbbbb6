"""Rules and policy authors' slips that used to pass or read wrongly: each is now one located error.

Dates have one spelling, YYYY-MM-DD, wherever they are read (a YAML date
field, `--as-of`, `draft --adopted`), with one message: a timestamp, an ISO
week date, basic format or prose would otherwise be read as some other day or
refused in pydantic's words. A history out of date order is refused at the
offending event (walked in order, a later-listed earlier event would win).
A snake_case key is refused as the JSON Schema refuses it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compliance.errors import InputError, Location
from compliance.loader.corpus import load_corpus, load_policy
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests/fixtures/bad/minimal/rules"
INSTRUMENT = Path("federal/usc-8-1373.yaml")
GOOD_POLICY = ROOT / "tests/fixtures/bad/policies/good.yaml"
DATE_MESSAGE = "dates are YYYY-MM-DD (e.g. 2017-11-17)"


def _rules(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the minimal rules with one edit in its instrument file."""
    rules = tmp_path / "rules"
    shutil.copytree(MINIMAL, rules)
    target = rules / INSTRUMENT
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return rules


def _problems(call: object, *args: object) -> list:
    with pytest.raises(InputError) as info:
        call(*args)  # type: ignore[operator]
    return list(info.value.problems)


HISTORY = '''    - status: in-force
      date: "1996-09-30"'''


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("25 July 2017", "'25 July 2017' is not a date"),
        ("03/01/2018", "'03/01/2018' is not a date"),
        ("86400", "'86400' is not a date"),
        ("2016-W01-1", "'2016-W01-1' is not a date"),
        ("20240101", "'20240101' is not a date"),
        ("2016-02-30", "'2016-02-30' is not a real calendar date"),
    ],
)
def test_a_history_date_has_one_spelling(tmp_path: Path, written: str, shown: str) -> None:
    rules = _rules(tmp_path, 'date: "1996-09-30"', f"date: {written}")
    [problem] = _problems(load_corpus, rules)
    assert problem.location == Location(str(rules / INSTRUMENT), 9, 13)
    assert problem.message.startswith(shown) and problem.message.endswith(DATE_MESSAGE)
    assert "input_value" not in problem.message and "Value error" not in problem.message


@pytest.mark.parametrize("written", ["86400", "2016-W01-1", "20240101", "28 February 2016"])
def test_a_policy_adoption_date_has_one_spelling(tmp_path: Path, written: str) -> None:
    corpus = load_corpus(MINIMAL)
    policy = tmp_path / "policy.yaml"
    policy.write_text(GOOD_POLICY.read_text(encoding="utf-8").replace('"2016-02-28"', written), encoding="utf-8")
    [problem] = _problems(load_policy, policy, corpus)
    assert problem.location == Location(str(policy), 6, 10)
    assert problem.message == f"{written!r} is not a date: {DATE_MESSAGE}"


@pytest.mark.parametrize("bad", ["2017-W46-5", "20171117", "86400", "17 November 2017"])
def test_as_of_has_one_spelling(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, out, err = run_cli(capsys, "check", str(GOOD_POLICY), "--rules", str(MINIMAL), "--as-of", bad)
    assert (code, out) == (2, "")
    assert f"--as-of: {bad!r} is not a date: {DATE_MESSAGE}" in err


def test_history_out_of_date_order_is_refused_at_the_event(tmp_path: Path) -> None:
    later = (
        HISTORY
        + '''
    - status: in-force
      date: "2017-07-25"
    - status: enjoined
      note: "an undated event sits where it is written"
    - status: enjoined
      date: "2017-01-15"'''
    )
    rules = _rules(tmp_path, HISTORY, later)
    [problem] = _problems(load_corpus, rules)
    assert problem.location == Location(str(rules / INSTRUMENT), 15, 13)
    assert problem.message == (
        "history is out of date order: enjoined on 2017-01-15 is listed after in-force on 2017-07-25;"
        " list the events oldest first"
    )


def test_history_in_date_order_with_a_same_day_event_loads(tmp_path: Path) -> None:
    rules = _rules(tmp_path, HISTORY, HISTORY + '\n    - status: enjoined\n      date: "1996-09-30"')
    [located] = load_corpus(rules).provisions
    assert located.instrument.status == "enjoined"


def test_a_snake_case_key_is_refused_with_its_kebab_spelling(tmp_path: Path) -> None:
    corpus = load_corpus(MINIMAL)
    policy = tmp_path / "policy.yaml"
    policy.write_text(GOOD_POLICY.read_text(encoding="utf-8").replace("issuer-kind:", "issuer_kind:"), encoding="utf-8")
    [problem] = _problems(load_policy, policy, corpus)
    assert problem.location == Location(str(policy), 5, 1)
    assert problem.message == "unknown key 'issuer_kind' (did you mean 'issuer-kind'?)"
    assert problem.code == "schema"


def test_a_snake_case_key_in_a_reading_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(MINIMAL, rules)
    readings = rules / "readings.yaml"
    readings.write_text(readings.read_text(encoding="utf-8").replace("held-by:", "held_by:", 1), encoding="utf-8")
    [problem] = _problems(load_corpus, rules)
    assert problem.location == Location(str(readings), 5, 5)
    assert problem.message == "unknown key 'held_by' (did you mean 'held-by'?)"


def test_an_unknown_reading_of_an_example_suggests_the_known_one() -> None:
    from compliance.testing import relation

    clause = {"modality": "prohibits", "action": "send-status-information"}
    with pytest.raises(ValueError, match=r"unknown reading 'braod' \(did you mean 'broad'\?\); known: textual, broad"):
        relation(clause, "usc-8-1373-a", reading="braod", rules=MINIMAL)
    assert relation(clause, "usc-8-1373-a", reading="broad", rules=MINIMAL) == "conflicts"
