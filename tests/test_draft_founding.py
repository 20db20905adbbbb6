"""Acceptance: the NOPD clauses' own words, drafted, give the founding-case table cell for cell.

The text files under tests/fixtures/draft/ hold the verbatim `text` of every
clause of the hand-encoded policies, with their numbers as written (`5.` for
paragraph 5, `Item #1`, the bracketed labels). Drafting them must give files
that validate, and `check` must give every verdict cell (provision × reading)
the same as on the hand encoding, under both evaluators.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cli
from benchmarks.draft_quality import clause_text  # the one rendering of a policy as its text
from compliance.analysis.check import check
from compliance.analysis.result import CheckResult
from compliance.loader.corpus import load_policy
from compliance.loader.locate import validate
from compliance.loader.yaml_safe import load_yaml_file
from compliance.model.corpus import Corpus
from compliance.model.policy import PolicyDocument
from tests.conftest import POLICIES, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "draft"
NAMES = ("nopd-41.6.1-2016", "nopd-41.6.1-2016-without-para5")


@pytest.mark.parametrize("name", NAMES)
def test_fixture_text_is_the_hand_encoded_clauses_verbatim(name: str) -> None:
    hand = validate(load_yaml_file(POLICIES / f"{name}.yaml"), PolicyDocument)
    assert (FIXTURES / f"{name}.txt").read_text(encoding="utf-8") == clause_text(hand)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("drafts")
    paths = {}
    for name in NAMES:
        hand = validate(load_yaml_file(POLICIES / f"{name}.yaml"), PolicyDocument)
        path = out / f"{name}.yaml"
        argv = ["draft", str(FIXTURES / f"{name}.txt"), "--id", f"{hand.id}-draft", "-o", str(path)]
        argv += ["--issuer", hand.issuer, "--encodes", str(hand.encodes), "--adopted", str(hand.adopted)]
        argv += ["--jurisdiction", hand.jurisdiction]
        assert cli.main(argv) == 0
        # The issuer's interpretations are dated facts of the policy, not its text: a draft cannot
        # have them, and a reviewer adds them as the hand encoding records them.
        block = _interpretations(POLICIES / f"{name}.yaml")
        if block:
            path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
        paths[name] = path
    return paths


def _interpretations(path: Path) -> str:
    """The `interpretations:` block of a policy file, as written (empty if it has none)."""
    found = re.search(r"^interpretations:\n(?:(?:[ #].*)?\n)*", path.read_text(encoding="utf-8"), re.MULTILINE)
    return found.group(0) if found else ""


def test_the_drafts_validate(drafted: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", *map(str, drafted.values())]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def cells(result: CheckResult) -> dict[tuple[str, str], str]:
    [document] = result.documents
    return {(v.provision, r.reading): v.verdict for r in document.readings for v in r.verdicts}


@pytest.mark.parametrize("engine", ["durable", "reference"])
@pytest.mark.parametrize("name", NAMES)
def test_every_verdict_cell_matches_the_hand_encoding(
    corpus: Corpus, durable, reference, drafted: dict[str, Path], name: str, engine: str
) -> None:
    evaluator = {"durable": durable, "reference": reference}[engine]
    hand = check(corpus, evaluator, [load_policy(POLICIES / f"{name}.yaml", corpus)], corpus.reading_ids)
    draft = check(corpus, evaluator, [load_policy(drafted[name], corpus)], corpus.reading_ids)
    assert cells(draft) == cells(hand)
    assert len(cells(hand)) == len(corpus.provisions) * len(corpus.reading_ids)


def _table(out: str) -> list[str]:
    """The verdict matrix of a text report: from the header row to the first blank line."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"^  provision\s+status", line))
    end = lines.index("", start)
    return lines[start:end]


@pytest.mark.parametrize("name", NAMES)
def test_check_reading_all_prints_the_founding_case_table(
    drafted: dict[str, Path], name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "200")  # wide enough for the matrix as one table
    hand_code = cli.main(["check", f"policies/{name}.yaml", "--reading", "all", "--engine", "reference"])
    hand = capsys.readouterr().out
    draft_code = cli.main(["check", str(drafted[name]), "--reading", "all", "--engine", "reference"])
    draft = capsys.readouterr().out
    assert draft.startswith("Unreviewed draft from ")
    assert _table(draft) == _table(hand)
    assert draft_code == hand_code == 1
    header = _table(draft)[0]
    starts = [header.index(f"  {reading}  ") + 2 for reading in ("textual", "doj", "broad")]
    rows = {line.split()[0]: [line[at:].split()[0] for at in starts] for line in _table(draft)[1:]}
    founding = {"textual": 0, "doj": 1, "broad": 2}
    expected = {"nopd-41.6.1-2016": ("complies", "complies", "conflicts")}
    expected["nopd-41.6.1-2016-without-para5"] = ("complies", "potential-conflict", "conflicts")
    for reading, column in founding.items():
        usc = {rows[p][column] for p in rows if p.startswith("usc-8-1373-")}
        worst = next((v for v in ("conflicts", "potential-conflict") if v in usc), "complies")
        assert worst == expected[name][column], reading
