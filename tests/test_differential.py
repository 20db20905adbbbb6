"""Differential property tests: durable-rules and the reference evaluator give identical findings.

Two sources of cases, both from `compliance.testing`'s strategies: generated
policies against the bundled rules under every bundled reading, and
generated rule sets (new provisions and a reading that links and widens)
against generated policies. The CI profile runs a few dozen of each;
`COMPLIANCE_HYPOTHESIS_PROFILE=large` runs 1,000 generated rule sets and
1,000 bundled-rule policies (`COMPLIANCE_HYPOTHESIS_EXAMPLES=N` sets any count).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from compliance.engine.durable_adapter import DurableHost
from compliance.engine.durable_evaluator import DurableEvaluator
from compliance.engine.reference import ReferenceEvaluator
from compliance.model.corpus import Corpus
from compliance.model.policy import PolicyDocument
from compliance.testing import examples, load_rules, policies, rule_sets
from tests.conftest import RULES

CORPUS = load_rules(RULES)
DURABLE = DurableEvaluator(CORPUS)
REFERENCE = ReferenceEvaluator(CORPUS)
HOST = DurableHost()
"""One engine host for every generated rule set, as a long-running process would keep."""

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=examples(ci=60, large=1000), deadline=None, suppress_health_check=SLOW)
@given(policies(CORPUS, max_clauses=5))
def test_engine_equals_reference_on_the_bundled_rules(document: PolicyDocument) -> None:
    for reading in CORPUS.readings:
        ours = DURABLE.evaluate(document, reading, CORPUS.provisions)
        assert ours == REFERENCE.evaluate(document, reading, CORPUS.provisions), reading.id


@settings(max_examples=examples(ci=40, large=1000), deadline=None, suppress_health_check=SLOW)
@given(rule_sets(CORPUS), policies(CORPUS, max_clauses=4))
def test_engine_equals_reference_on_generated_rule_sets(rules: Corpus, document: PolicyDocument) -> None:
    durable = DurableEvaluator(rules, host=HOST)
    reference = ReferenceEvaluator(rules)
    for reading in rules.readings:
        ours = durable.evaluate(document, reading, rules.provisions)
        assert ours == reference.evaluate(document, reading, rules.provisions), reading.id
