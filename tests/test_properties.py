"""Properties of the semantics that must hold for every policy and rule set, not just the bundled ones.

Each property draws from `compliance.testing`'s strategies. Budgets: the CI
profile by default, `COMPLIANCE_HYPOTHESIS_PROFILE=large` for the larger one
(see compliance/testing/profiles.py). Where a property once failed,
hypothesis's minimal example is kept below it as a plain regression test.

Nested readings (checked against rules/readings.yaml and semantics/scope.py):
- `textual` ⊑ `broad`: broad only *widens provisions* (adds actions to
  § 1373 and § 1644) and has no links, so every clause and every savings
  clause covers the same under both; a conflict textual finds is one broad
  finds, savings clauses included.
- `textual` ⊑ `doj` only for policies without savings clauses: doj's links
  widen what a *clause* covers (more conflicts) but also what a *savings
  clause* preserves (receiving is read to include requesting, the city's
  2017 argument), so doj can neutralise a conflict textual finds. The
  counterexample is pinned below.
- `doj` and `broad` are not nested either way (each adds what the other lacks).
"""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from compliance.engine.findings import Finding
from compliance.engine.reference import relate
from compliance.model.corpus import Corpus
from compliance.model.policy import Clause, Interpretation, PolicyDocument, Preserves
from compliance.model.readings import Reading
from compliance.testing import Outcome, check, clauses, examples, load_rules, policies, rule_sets, savings_clauses
from tests.conftest import RULES

CORPUS = load_rules(RULES)
READINGS = CORPUS.readings
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
NESTED = (("textual", "broad"),)
"""(narrower, wider) pairs nested for every policy, savings clauses included."""
NESTED_WITHOUT_SAVINGS = (("textual", "broad"), ("textual", "doj"))
"""(narrower, wider) pairs nested for policies without savings clauses."""


def budget(ci: int, large: int) -> settings:
    """Hypothesis settings with this property's CI and large budgets."""
    return settings(max_examples=examples(ci=ci, large=large), deadline=None, suppress_health_check=SLOW)


def conflicts_of(outcome: Outcome, skip: str | None = None) -> set[tuple[str, str]]:
    """(clause, provision) of every conflict, leaving out one clause's own findings."""
    return {(f.clause, f.provision) for f in outcome.findings if f.relation == "conflicts" and f.clause != skip}


def with_clauses(document: PolicyDocument, clauses: tuple[Clause, ...]) -> PolicyDocument:
    return document.model_copy(update={"clauses": clauses})


def canonical(findings: tuple[Finding, ...] | list[Finding]) -> set[tuple[object, ...]]:
    """Findings as a set, the savings clauses of each as a set: what must not depend on any order."""
    return {(f.clause, f.provision, f.reading, f.relation, f.overlap, frozenset(f.savings)) for f in findings}


# --- order ------------------------------------------------------------------------------------------


@budget(ci=40, large=500)
@given(policies(CORPUS, max_clauses=6), st.randoms(use_true_random=False), st.sampled_from(READINGS))
def test_findings_do_not_depend_on_the_order_of_clauses_or_provisions(
    document: PolicyDocument, rng: random.Random, reading: Reading
) -> None:
    shuffled_clauses = list(document.clauses)
    rng.shuffle(shuffled_clauses)
    shuffled_provisions = list(CORPUS.provisions)
    rng.shuffle(shuffled_provisions)
    before = check(document, CORPUS, reading)
    after = check(with_clauses(document, tuple(shuffled_clauses)), CORPUS, reading, provisions=shuffled_provisions)
    assert canonical(after.findings) == canonical(before.findings)
    assert after.verdicts == before.verdicts


@budget(ci=20, large=300)
@given(rule_sets(CORPUS), policies(CORPUS, max_clauses=4), st.randoms(use_true_random=False))
def test_generated_rule_sets_do_not_depend_on_provision_order(
    rules: Corpus, document: PolicyDocument, rng: random.Random
) -> None:
    shuffled = list(rules.provisions)
    rng.shuffle(shuffled)
    reordered = Corpus(rules.taxonomy, rules.readings, tuple(shuffled))
    for reading in rules.readings:
        assert canonical(check(document, rules, reading).findings) == canonical(
            check(document, reordered, reading).findings
        )


# --- savings clauses --------------------------------------------------------------------------------


@budget(ci=60, large=1000)
@given(policies(CORPUS, max_clauses=5), savings_clauses(CORPUS, number="saver"), st.sampled_from(READINGS))
def test_adding_a_savings_clause_never_adds_a_conflict(
    document: PolicyDocument, saver: Clause, reading: Reading
) -> None:
    before = check(document, CORPUS, reading)
    after = check(with_clauses(document, (*document.clauses, saver)), CORPUS, reading)
    # The savings clause's own findings are new; every other clause can only gain protection.
    assert conflicts_of(after, skip="saver") <= conflicts_of(before)


@budget(ci=60, large=1000)
@given(policies(CORPUS, max_clauses=5, savings=None), st.data(), st.sampled_from(READINGS))
def test_removing_a_savings_clause_never_removes_a_conflict(
    document: PolicyDocument, data: st.DataObject, reading: Reading
) -> None:
    savers = [c for c in document.clauses if c.preserves is not None]
    assume(savers)
    gone = data.draw(st.sampled_from(savers))
    before = check(document, CORPUS, reading)
    after = check(with_clauses(document, tuple(c for c in document.clauses if c is not gone)), CORPUS, reading)
    assert conflicts_of(before, skip=gone.key) <= conflicts_of(after)


@budget(ci=30, large=500)
@given(rule_sets(CORPUS), policies(CORPUS, max_clauses=4), savings_clauses(CORPUS, number="saver"))
def test_savings_monotone_on_generated_rule_sets(rules: Corpus, document: PolicyDocument, saver: Clause) -> None:
    for reading in rules.readings:
        before = check(document, rules, reading)
        after = check(with_clauses(document, (*document.clauses, saver)), rules, reading)
        assert conflicts_of(after, skip="saver") <= conflicts_of(before)


# --- a clause that meets no provision ---------------------------------------------------------------


def meets_nothing(rules: Corpus, clause: Clause, reading: Reading) -> bool:
    return all(relate(rules, clause, p, reading) is None for p in rules.provisions)


def _silent_bundled_clauses() -> list[tuple[str, Clause]]:
    """Single-term clauses of the bundled vocabulary that meet no bundled provision, per reading."""
    tax = CORPUS.taxonomy
    found = []
    for reading in READINGS:
        for action in tax.terms("actions"):
            for actor in tax.terms("actors"):
                for person in tax.terms("persons"):
                    clause = Clause(
                        number="silent",
                        text="generated clause",
                        modality="prohibits",
                        action=(action,),
                        actor=(actor,),
                        persons=(person,),
                    )
                    if meets_nothing(CORPUS, clause, reading):
                        found.append((reading.id, clause))
    return found


SILENT = _silent_bundled_clauses()


def test_the_bundled_vocabulary_has_clauses_that_meet_no_provision() -> None:
    # Otherwise the next property would test nothing on the bundled rules.
    assert {reading for reading, _ in SILENT} == {r.id for r in READINGS}


@budget(ci=40, large=800)
@given(
    policies(CORPUS, max_clauses=5),
    st.sampled_from(SILENT),
    st.sampled_from(("prohibits", "requires", "permits", "restricts")),
)
def test_a_clause_meeting_no_provision_changes_no_other_finding(
    document: PolicyDocument, silent: tuple[str, Clause], modality: str
) -> None:
    reading, clause = silent
    clause = clause.model_copy(update={"modality": modality})
    before = check(document, CORPUS, reading)
    after = check(with_clauses(document, (*document.clauses, clause)), CORPUS, reading)
    assert after.findings == before.findings
    assert after.verdicts == before.verdicts


@budget(ci=30, large=500)
@given(rule_sets(CORPUS), policies(CORPUS, max_clauses=4), clauses(CORPUS, number="silent"))
def test_a_clause_meeting_no_generated_provision_changes_no_other_finding(
    rules: Corpus, document: PolicyDocument, clause: Clause
) -> None:
    for reading in rules.readings:
        if not meets_nothing(rules, clause, reading):
            continue
        before = check(document, rules, reading)
        after = check(with_clauses(document, (*document.clauses, clause)), rules, reading)
        assert after.findings == before.findings
        assert after.verdicts == before.verdicts


# --- widening through a reading ---------------------------------------------------------------------


def assert_nested(document: PolicyDocument, rules: Corpus, narrower: str, wider: str) -> None:
    narrow = check(document, rules, narrower)
    wide = check(document, rules, wider)
    assert conflicts_of(narrow) <= conflicts_of(wide), (narrower, wider)
    assert narrow.conflicts <= wide.conflicts, (narrower, wider)


@budget(ci=60, large=1000)
@given(policies(CORPUS, max_clauses=5, savings=None))
def test_broad_never_removes_a_conflict_textual_finds(document: PolicyDocument) -> None:
    for narrower, wider in NESTED:
        assert_nested(document, CORPUS, narrower, wider)


@budget(ci=60, large=1000)
@given(policies(CORPUS, max_clauses=5, savings=False))
def test_doj_and_broad_never_remove_a_conflict_textual_finds_without_savings_clauses(
    document: PolicyDocument,
) -> None:
    for narrower, wider in NESTED_WITHOUT_SAVINGS:
        assert_nested(document, CORPUS, narrower, wider)


def test_doj_is_not_nested_over_textual_once_interpretations_count() -> None:
    # The city's 2017 argument, as data: the issuer said its savings clause preserving *receiving*
    # preserves requesting too; doj accepts that from 17 Nov 2017 (textual accepts no issuer's word),
    # so a no-request rule textual finds in conflict is neutralised under doj.
    document = PolicyDocument(
        id="no-request",
        title="t",
        issuer="t",
        issuer_kind="police-department",
        jurisdiction="us/la/orleans",
        source="https://example.org/t",
        clauses=(
            Clause(
                number="1",
                text="t",
                modality="prohibits",
                action=("request-status-information",),
                counterpart=("federal-immigration",),
            ),
            Clause(
                number="2",
                text="t",
                modality="permits",
                action=("receive-status-information",),
                counterpart=("federal-immigration",),
                preserves=Preserves(action=("receive-status-information",), counterpart=("federal-immigration",)),
            ),
        ),
        interpretations=(
            Interpretation(
                clause="2",
                effect="preserves",
                action=("request-status-information",),
                date=dt.date(2017, 10, 12),
                by="the issuer",
                source="https://example.org/t",
                quote="t",
            ),
        ),
    )
    day = dt.date(2017, 11, 17)
    assert check(document, CORPUS, "textual", as_of=day).verdicts["usc-8-1373-b-1"] == "conflicts"
    assert check(document, CORPUS, "doj", as_of=day).verdicts["usc-8-1373-b-1"] == "complies"
    assert check(document, CORPUS, "doj", as_of=dt.date(2017, 11, 16)).verdicts["usc-8-1373-b-1"] == "conflicts"


def test_no_other_pair_of_bundled_readings_is_nested() -> None:
    # doj ⊄ broad and broad ⊄ doj: a no-inquiry rule conflicts with § 1373(b)(1) under both, but a
    # no-assistance rule only under broad, and a no-request rule neutralised by the issuer's word only under doj.
    assistance = Clause(
        number="1", text="t", modality="prohibits", action=("assist-immigration-enforcement",), counterpart=()
    )
    document = PolicyDocument(
        id="d",
        title="t",
        issuer="t",
        issuer_kind="police-department",
        jurisdiction="us/la/orleans",
        source="https://example.org/t",
        clauses=(),
    )
    only_broad = with_clauses(document, (assistance,))
    assert "usc-8-1644" in check(only_broad, CORPUS, "broad").conflicts
    assert "usc-8-1644" not in check(only_broad, CORPUS, "doj").conflicts
    request = Clause(
        number="1", text="t", modality="prohibits", action=("inquire-status",), persons=("victim",)
    )  # doj: inquiry may be applied to restrict requesting (a risk); broad widens § 1373(b)(1) to inquiry itself
    both = with_clauses(document, (request,))
    assert check(both, CORPUS, "doj").verdicts["usc-8-1373-b-1"] == "potential-conflict"
    assert "usc-8-1373-b-1" in check(both, CORPUS, "broad").conflicts


@budget(ci=30, large=500)
@given(rule_sets(CORPUS), policies(CORPUS, max_clauses=4, savings=None))
def test_a_reading_that_only_widens_provisions_never_removes_a_conflict(
    rules: Corpus, document: PolicyDocument
) -> None:
    plain, wider = rules.readings
    widening_only = wider.model_copy(update={"id": "widening-only", "links": ()})
    rules = Corpus(rules.taxonomy, (plain, widening_only), rules.provisions)
    assert_nested(document, rules, "plain", "widening-only")


@budget(ci=30, large=500)
@given(rule_sets(CORPUS), policies(CORPUS, max_clauses=4, savings=False))
def test_a_reading_that_links_and_widens_never_removes_a_conflict_without_savings(
    rules: Corpus, document: PolicyDocument
) -> None:
    assert_nested(document, rules, "plain", "wider")
