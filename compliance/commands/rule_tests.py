"""`compliance test`: run the examples embedded in the rule files, like `opa test` or Semgrep's `--test`."""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "test"
HELP = "run the examples embedded in the rule files"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rules", nargs="?", type=Path, default=_options.DEFAULT_RULES, metavar="RULES_DIR")
    _options.add_engine(parser)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.examples import run_examples
    from compliance.loader.corpus import load_corpus

    corpus = load_corpus(args.rules)
    passed = failed = 0
    for outcome in run_examples(corpus, _options.evaluator(args.engine, corpus)):
        if outcome.passed:
            passed += 1
            continue
        failed += 1
        print(
            f"{outcome.location}: {outcome.provision}: expected {outcome.expected} "
            f"under reading {outcome.reading}, got {outcome.actual}"
        )
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0
