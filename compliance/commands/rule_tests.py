"""`compliance test`: run the examples embedded in the rule files, like `opa test` or Semgrep's `--test`.

Every layer's examples run (the bundled law's and each added directory's), each
against the whole stacked law, as `check` would read it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "test"
HELP = "run the examples embedded in the rule files"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "layer",
        nargs="?",
        type=Path,
        default=None,
        metavar="RULES_DIR",
        help="a rules directory to add, as --rules RULES_DIR does (default: none, the bundled law alone)",
    )
    _options.add_rules(parser)
    _options.add_engine(parser)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.examples import run_examples
    from compliance.loader.corpus import load_corpus

    corpus = load_corpus(_options.rule_layers(args, *([args.layer] if args.layer is not None else [])))
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
