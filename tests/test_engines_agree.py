"""The durable-rules engine and the reference evaluator agree on the bundled corpus.

Every bundled policy under every reading, and every example embedded in the
rule files: the same findings, in the same order, with the same savings.
"""

from __future__ import annotations

import pytest

from compliance.analysis.examples import run_examples
from compliance.loader.corpus import load_policy
from tests.conftest import POLICIES

BUNDLED = sorted(POLICIES.rglob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_same_findings_on_bundled_policies(corpus, durable, reference, path) -> None:
    document = load_policy(path, corpus).document
    for reading in corpus.readings:
        ours = durable.evaluate(document, reading, corpus.provisions)
        theirs = reference.evaluate(document, reading, corpus.provisions)
        assert ours == theirs, reading.id
        assert ours, f"{path.name} has no finding under {reading.id}: the comparison would prove nothing"


def test_same_relations_on_rule_examples(corpus, durable, reference) -> None:
    ours = list(run_examples(corpus, durable))
    theirs = list(run_examples(corpus, reference))
    assert [o.actual for o in ours] == [t.actual for t in theirs]
    assert len(ours) > 100


def test_every_rule_example_holds(corpus, durable) -> None:
    failures = [
        f"{o.location}: {o.provision} expected {o.expected}, got {o.actual}"
        for o in run_examples(corpus, durable)
        if not o.passed
    ]
    assert failures == []


def test_every_provision_has_a_supporting_and_a_conflicting_example(corpus) -> None:
    missing = []
    for located in corpus.provisions:
        expected = {e.expect for e in located.provision.examples}
        if not expected & {"satisfies", "partially-satisfies"} or "conflicts" not in expected:
            missing.append(located.provision.id)
    assert missing == []


def test_checking_one_document_does_not_leak_into_the_next(corpus, durable) -> None:
    opso = load_policy(POLICIES / "opso-detainers-2013.yaml", corpus).document
    nopd = load_policy(POLICIES / "nopd-41.6.1-2016.yaml", corpus).document
    reading = corpus.reading("doj")
    alone = durable.evaluate(opso, reading, corpus.provisions)
    durable.evaluate(nopd, reading, corpus.provisions)
    assert durable.evaluate(opso, reading, corpus.provisions) == alone
