"""Shared fixtures: the bundled corpus (loaded once) and both evaluators over it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from compliance.engine.durable_evaluator import DurableEvaluator
from compliance.engine.reference import ReferenceEvaluator
from compliance.model.corpus import Corpus
from compliance.testing.profiles import profile

# The text report (and argparse's help) fold to the terminal's width: COLUMNS first, then the real
# terminal, else 80. Pin 80, the width of every run without a terminal (a pipe, a CI log), so a report
# rendered under pytest is the same bytes from a terminal of any width, in-process and in a child.
os.environ["COLUMNS"] = "80"

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
POLICIES = ROOT / "policies"

# CI runs the small profile derandomised: a red CI blocks landing, so it must fail the same
# way on every run, never by luck of the seed. Exploration with fresh seeds is what the
# large profile is for (COMPLIANCE_HYPOTHESIS_PROFILE=large), and what it finds is kept
# as a regression test.
settings.register_profile("compliance-ci", derandomize=True, database=None)
settings.register_profile("compliance-large")
settings.load_profile("compliance-large" if profile() == "large" else "compliance-ci")


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


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, as a user of the bundled rules would (paths print as `policies/...`)."""
    monkeypatch.chdir(ROOT)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`compliance ARGV` in-process: exit code, stdout, stderr. No traceback may ever reach the user."""
    import cli

    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
