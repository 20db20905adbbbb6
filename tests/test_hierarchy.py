"""Hierarchy: ranks, `required-by`, the supremacy question, and suggest's refusal (issue 14, item 5).

Acceptance: the OPSO detainer policy, filed in federal court in the Cacho v.
Gusman settlement, under R.S. 33:84 as of 2025, reports the conflict
together with the federal order question, and `suggest` proposes no edit of
the court-filed clause.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from compliance.analysis.as_of import AsOf
from compliance.analysis.check import check
from compliance.analysis.hierarchy import authority_rank, supremacy_note
from compliance.analysis.suggest import suggest
from compliance.errors import InputError
from compliance.loader.corpus import load_policy
from compliance.model.corpus import Corpus
from compliance.model.hierarchy import default_rank
from compliance.model.law import Instrument
from compliance.model.policy import RequiredBy
from tests.conftest import POLICIES, run_cli

OPSO = POLICIES / "opso-detainers-2013.yaml"
DAY = AsOf.on(dt.date(2025, 1, 1), dt.date(2026, 1, 1))


def instrument(corpus: Corpus, instrument_id: str) -> Instrument:
    return next(p.instrument for p in corpus.provisions if p.instrument.id == instrument_id)


def test_ranks_follow_kind_then_jurisdiction(corpus: Corpus) -> None:
    ranks = {i: instrument(corpus, i).standing for i in {p.instrument.id for p in corpus.provisions}}
    assert ranks == {
        "usc-8-1373": "federal",
        "usc-8-1644": "federal",
        "nopd-consent-decree-2012": "federal",  # a federal court's order, though it binds only us/la/orleans
        "la-rs-33-81-84": "state",
        "la-hb-1148-2016": "state",  # a bill: from its jurisdiction's depth
        "nopd-41-6-1": "local",  # an agency policy of us/la/orleans
    }
    assert default_rank("agency-policy", "us") == "federal"
    assert default_rank("bill", None) is None
    written = instrument(corpus, "usc-8-1373").model_copy(update={"rank": "constitution"})
    assert written.standing == "constitution"


def test_an_encoded_authority_takes_its_instruments_rank(corpus: Corpus) -> None:
    by_decree = RequiredBy(
        authority="nopd-consent-decree-2012", date="2013-01-11", source="https://e.org", verified=True
    )
    assert authority_rank(corpus, by_decree) == "federal"


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_opso_under_rs_33_84_in_2025_carries_the_federal_order_question(
    corpus: Corpus,
    durable,
    reference,
    engine: str,
) -> None:
    evaluator = durable if engine == "durable" else reference
    result = check(corpus, evaluator, [load_policy(OPSO, corpus)], ["textual"], DAY)
    verdict = next(v for v in result.documents[0].readings[0].verdicts if v.provision == "la-rs-33-84-a")
    assert (verdict.verdict, verdict.clauses) == ("conflicts", ("[detainers]",))
    assert verdict.supremacy == (
        "clause [detainers] is required by a federal court order (Settlement of Cacho v. Gusman,"
        " E.D. La. No. 2:11-cv-00225, filed 2013; reported, not verified), which outranks state law"
        " (la-rs-33-81-84) — supremacy question"
    )
    federal = [v for v in result.documents[0].readings[0].verdicts if v.instrument == "usc-8-1373"]
    assert all(v.supremacy == "" for v in federal)  # a federal order does not outrank a federal statute


def test_text_json_and_explain_say_it(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("check", str(OPSO), "--as-of", "2025-01-01", "--reading", "textual")
    code, out, _ = run_cli(capsys, *argv)
    flat = " ".join(out.split())  # the report folds to the terminal's width
    assert (
        "conflicts: La. R.S. 33:84(A)(1)-(2): conflicts with clause [detainers]; clause [detainers] is required by"
        " a federal court order (Settlement of Cacho v. Gusman, E.D. La. No. 2:11-cv-00225, filed 2013; reported,"
        " not verified), which outranks state law (la-rs-33-81-84) — supremacy question"
    ) in flat
    code, out, _ = run_cli(capsys, *argv, "--format", "json")
    verdicts = json.loads(out)["documents"][0]["verdicts"]
    assert "supremacy question" in next(v for v in verdicts if v["provision"] == "la-rs-33-84-a")["supremacy"]
    argv = ("explain", str(OPSO), "--clause", "[detainers]", "--provision", "la-rs-33-84-a", "--reading", "textual")
    code, out, _ = run_cli(capsys, *argv)
    assert code == 0
    assert ". supremacy clause [detainers] is required by a federal court order" in " ".join(out.split())


def test_suggest_never_edits_the_court_filed_clause(corpus: Corpus, durable) -> None:
    result = suggest(corpus, durable, load_policy(OPSO, corpus), list(corpus.reading_ids), DAY)
    state = [c for c in result.conflicts if c.target.provision == "la-rs-33-84-a"]
    assert state and all(c.withheld.startswith("not advised: clause [detainers] is required by") for c in state)
    assert all(not c.resolved_by and not c.rejected for c in result.conflicts)
    touched = [op["path"] for e in result.edits for op in e.candidate.ops if op["path"].startswith("/clauses/0")]
    assert touched == []
    assert result.exit_code == 1  # the conflict stands: a court, not an edit, resolves it


def test_suggest_text_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "suggest", str(OPSO), "--as-of", "2025-01-01", "--reading", "textual")
    assert code == 1
    assert "    not advised: clause [detainers] is required by a federal court order" in out
    assert "a court, not an edit, must weigh the two" in out
    assert "remove clause [detainers]" not in out


def test_a_lower_authority_raises_no_question(corpus: Corpus) -> None:
    policy = load_policy(OPSO, corpus).document
    clause = policy.clauses[0].model_copy(
        update={"required_by": policy.clauses[0].required_by.model_copy(update={"rank": "local"})}
    )
    located = next(p for p in corpus.provisions if p.provision.id == "la-rs-33-84-a")
    assert supremacy_note(corpus, located, (clause,)) == ""


FILED = """    required-by:
      authority: cacho-v-gusman-settlement
      title: "Settlement of Cacho v. Gusman"
      kind: court-order
      cite: "E.D. La. No. 2:11-cv-00225"
      date: "2013"
"""


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            '      title: "Settlement of Cacho v. Gusman"\n      kind: court-order\n',
            "",
            "is not an instrument of the rules",
        ),
        ("authority: cacho-v-gusman-settlement", "authority: nopd-consent-decree-201", "did you mean"),
        ("      kind: court-order\n", "", "a described authority needs its `kind`"),
        ("kind: court-order", "kind: bill", "a bill does not fix its rank: add `rank:`"),
        ("kind: court-order", "kind: court-ordr", "is not one of"),
        ('date: "2013"', 'date: "2013-13-01"', "is not a real calendar date"),
        ('date: "2013"', 'date: "Aug 2013"', "is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY"),
    ],
)
def test_a_bad_required_by_is_a_located_error(tmp_path: Path, corpus: Corpus, old: str, new: str, words: str) -> None:
    text = OPSO.read_text(encoding="utf-8")
    first = text.index(FILED)
    block = FILED.replace(old, new)
    if "nopd-consent-decree-201" in new:
        block = block.replace('      title: "Settlement of Cacho v. Gusman"\n      kind: court-order\n', "")
    path = tmp_path / "opso.yaml"
    path.write_text(text[:first] + block + text[first + len(FILED) :], encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_policy(path, corpus)
    (problem,) = error.value.problems
    assert words in problem.message
    assert 41 <= problem.location.line <= 58  # inside the first clause's required-by
