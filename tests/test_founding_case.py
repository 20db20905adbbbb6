"""The New Orleans dispute, replayed: DESIGN.md's founding-case table, cell by cell.

| Chapter 41.6.1 against § 1373 | textual  | doj                | broad     |
| with paragraph 5              | complies | complies           | conflicts |
| without paragraph 5           | complies | potential-conflict | conflicts |

A verdict of any `usc-8-1373-*` provision in conflict counts as "conflicts", else
one in potential conflict as "potential-conflict". DOJ's link is a risk of
application (12 Oct 2017), resolved in the real chapter by paragraph 5 as the
city read it, an interpretation DOJ's reading accepts from 17 Nov 2017 (the
check is undated, so it reads today); the counterfactual has no such clause.
Both evaluators must give every cell.
"""

from __future__ import annotations

import pytest

from compliance.analysis.check import check
from compliance.analysis.result import CheckResult, ReadingReport
from compliance.loader.corpus import load_policy
from tests.conftest import POLICIES

WITH = POLICIES / "nopd-41.6.1-2016.yaml"
WITHOUT = POLICIES / "nopd-41.6.1-2016-without-para5.yaml"
OPSO = POLICIES / "opso-detainers-2013.yaml"

EXPECTED = {
    ("nopd-41-6-1-2016", "textual"): "complies",
    ("nopd-41-6-1-2016", "doj"): "complies",
    ("nopd-41-6-1-2016", "broad"): "conflicts",
    ("nopd-41-6-1-2016-without-para5", "textual"): "complies",
    ("nopd-41-6-1-2016-without-para5", "doj"): "potential-conflict",
    ("nopd-41-6-1-2016-without-para5", "broad"): "conflicts",
}


@pytest.fixture(scope="module", params=["durable", "reference"])
def result(request, corpus, durable, reference) -> CheckResult:
    evaluator = {"durable": durable, "reference": reference}[request.param]
    policies = [load_policy(path, corpus) for path in (WITH, WITHOUT, OPSO)]
    return check(corpus, evaluator, policies, corpus.reading_ids)


def report(result: CheckResult, document: str, reading: str) -> ReadingReport:
    doc = next(d for d in result.documents if d.document_id == document)
    return next(r for r in doc.readings if r.reading == reading)


def usc_1373(rep: ReadingReport) -> str:
    verdicts = {v.verdict for v in rep.verdicts if v.provision.startswith("usc-8-1373-")}
    if "conflicts" in verdicts:
        return "conflicts"
    return "potential-conflict" if "potential-conflict" in verdicts else "complies"


@pytest.mark.parametrize(("document", "reading"), sorted(EXPECTED))
def test_founding_case_cell(result: CheckResult, document: str, reading: str) -> None:
    assert usc_1373(report(result, document, reading)) == EXPECTED[(document, reading)]


def test_doj_with_paragraph_5_names_the_savings_clause(result: CheckResult) -> None:
    rep = report(result, "nopd-41-6-1-2016", "doj")
    b1 = next(
        e.finding
        for e in rep.findings
        if e.finding.provision == "usc-8-1373-b-1" and e.finding.clause == "[no-inquiry]"
    )
    assert (b1.relation, b1.savings, b1.overlap) == ("neutralised", ("5",), ("request-status-information",))
    verdict = next(v for v in rep.verdicts if v.provision == "usc-8-1373-b-1")
    assert "[no-inquiry] neutralised by savings clause 5" in verdict.reason


def test_doj_without_paragraph_5_blames_the_no_inquiry_clause(result: CheckResult) -> None:
    rep = report(result, "nopd-41-6-1-2016-without-para5", "doj")
    verdict = next(v for v in rep.verdicts if v.provision == "usc-8-1373-b-1")
    assert (verdict.verdict, verdict.clauses) == ("potential-conflict", ("[no-inquiry]",))
    explained = next(e for e in rep.findings if e.finding.provision == "usc-8-1373-b-1")
    assert any(
        "inquire-status may be applied so as to restrict request-status-information" in s for s in explained.explanation
    )


def test_broad_is_not_cured_by_paragraph_5(result: CheckResult) -> None:
    rep = report(result, "nopd-41-6-1-2016", "broad")
    a = next(v for v in rep.verdicts if v.provision == "usc-8-1373-a")
    assert a.verdict == "conflicts"
    assert "[no-assistance]" in a.clauses
    assistance = [
        e.finding
        for e in rep.findings
        if e.finding.clause == "[no-assistance]" and e.finding.provision == "usc-8-1373-a"
    ]
    assert [f.relation for f in assistance] == ["conflicts"]


@pytest.mark.parametrize("reading", ["textual", "doj", "broad"])
@pytest.mark.parametrize("document", ["nopd-41-6-1-2016", "nopd-41-6-1-2016-without-para5"])
def test_consent_decree_satisfied_under_every_reading(result: CheckResult, document: str, reading: str) -> None:
    rep = report(result, document, reading)
    decree = {v.provision: v.verdict for v in rep.verdicts if v.instrument == "nopd-consent-decree-2012"}
    assert decree == {
        "nopd-cd-status-based-action": "complies",
        "nopd-cd-victim-witness-inquiry": "complies",
        "nopd-cd-police-services": "complies",
    }
    satisfied = {e.finding.provision for e in rep.findings if e.finding.relation == "satisfies"}
    assert set(decree) <= satisfied


@pytest.mark.parametrize("reading", ["textual", "doj", "broad"])
def test_no_assistance_clause_goes_beyond_the_decree(result: CheckResult, reading: str) -> None:
    rep = report(result, "nopd-41-6-1-2016", reading)
    beyond = {b.clause: b.instruments for b in rep.beyond}
    assert "nopd-consent-decree-2012" in beyond["[no-assistance]"]
    assert "[no-inquiry]" not in beyond


def test_opso_conflicts_with_rs_33_84_and_not_with_1373_under_textual(result: CheckResult) -> None:
    rep = report(result, "opso-detainers-2013", "textual")
    verdicts = {v.provision: v.verdict for v in rep.verdicts}
    assert verdicts["la-rs-33-84-a"] == "conflicts"
    assert {verdicts[p] for p in verdicts if p.startswith("usc-8-1373-")} == {"complies"}


def test_decree_does_not_apply_to_the_sheriff(result: CheckResult) -> None:
    rep = report(result, "opso-detainers-2013", "textual")
    decree = {v.verdict for v in rep.verdicts if v.instrument == "nopd-consent-decree-2012"}
    assert decree == {"not-applicable"}


def test_failed_bill_conflict_does_not_fail_the_check(corpus, reference) -> None:
    policy = load_policy(WITH, corpus)
    rep = check(corpus, reference, [policy], ["textual"])
    hb = [
        v
        for v in rep.documents[0].readings[0].verdicts
        if v.instrument == "la-hb-1148-2016" and v.verdict == "conflicts"
    ]
    assert hb and all(v.status == "failed" and not v.binding_conflict for v in hb)
