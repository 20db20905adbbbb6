"""Differential property test: durable-rules and the reference evaluator agree on generated policies.

Policies are drawn from the bundled vocabulary (any modality, action, persons,
counterpart, exceptions and savings clause) and checked against the bundled
provisions under every reading. The CI profile runs a modest number of
examples; set COMPLIANCE_HYPOTHESIS_EXAMPLES to run more.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.engine.durable_evaluator import DurableEvaluator
from compliance.engine.reference import ReferenceEvaluator
from compliance.loader.corpus import load_corpus
from compliance.model.policy import Clause, PolicyDocument, Preserves
from tests.conftest import RULES

CORPUS = load_corpus(RULES)
DURABLE = DurableEvaluator(CORPUS)
REFERENCE = ReferenceEvaluator(CORPUS)
TAX = CORPUS.taxonomy
EXAMPLES = int(os.environ.get("COMPLIANCE_HYPOTHESIS_EXAMPLES", "60"))


def terms(category: str, min_size: int = 0) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(TAX.terms(category)), min_size=min_size, max_size=2, unique=True).map(tuple)


@st.composite
def clauses(draw: st.DrawFn, number: int) -> Clause:
    preserves = draw(st.none() | st.builds(Preserves, action=terms("actions", 1), counterpart=terms("counterparts")))
    return Clause(
        number=str(number),
        text="generated",
        modality=draw(st.sampled_from(["prohibits", "requires", "permits", "restricts"])),
        actor=draw(terms("actors")),
        action=draw(terms("actions", 1)),
        persons=draw(terms("persons")),
        counterpart=draw(terms("counterparts")),
        exceptions=draw(terms("conditions")),
        preserves=preserves,
    )


@st.composite
def policies(draw: st.DrawFn) -> PolicyDocument:
    count = draw(st.integers(min_value=1, max_value=5))
    return PolicyDocument(
        id="generated",
        title="generated",
        issuer="generated",
        issuer_kind=draw(st.sampled_from(TAX.terms("actors"))),
        source="https://example.org/policy",
        clauses=tuple(draw(clauses(i)) for i in range(count)),
    )


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policies())
def test_engine_equals_reference(document: PolicyDocument) -> None:
    for reading in CORPUS.readings:
        ours = DURABLE.evaluate(document, reading, CORPUS.provisions)
        assert ours == REFERENCE.evaluate(document, reading, CORPUS.provisions), reading.id
