"""`compliance test`: run the examples embedded in the rule files, like `opa test` or Semgrep's `--test`."""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "test"
HELP = "run the examples embedded in the rule files"
RESULT = "ExamplesResult"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "rules_dir", nargs="?", type=Path, default=None, metavar="RULES_DIR", help="the same as --rules DIR"
    )
    _options.add_rules(parser)
    _options.add_report(parser, RESULT)
    _options.add_engine(parser)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.examples import examples_result
    from compliance.errors import UsageError
    from compliance.loader.corpus import load_corpus

    rules = args.rules
    if args.rules_dir is not None:
        if rules != _options.DEFAULT_RULES and rules.resolve() != args.rules_dir.resolve():
            raise UsageError(f"two rules directories given ({args.rules_dir} and --rules {rules}); give one")
        rules = args.rules_dir
    corpus = load_corpus(rules)
    result = examples_result(corpus, _options.evaluator(args.engine, corpus))
    from compliance.loader.corpus import rules_files

    return _options.report(args, result, _options.context(args, corpus), rules_files(rules))
