"""Shared fixtures: the bundled corpus (loaded once) and both evaluators over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.engine.durable_evaluator import DurableEvaluator
from compliance.engine.reference import ReferenceEvaluator
from compliance.model.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
POLICIES = ROOT / "policies"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The bundled rules."""
    from compliance.loader.corpus import load_corpus

    return load_corpus(RULES)


@pytest.fixture(scope="session")
def durable(corpus: Corpus) -> DurableEvaluator:
    """One durable-rules evaluator for the whole session, as the CLI would reuse it."""
    return DurableEvaluator(corpus)


@pytest.fixture(scope="session")
def reference(corpus: Corpus) -> ReferenceEvaluator:
    """The pure-Python reference evaluator."""
    return ReferenceEvaluator(corpus)
