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
RESULT = "ExamplesResult"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "rules_dir",
        nargs="?",
        type=Path,
        default=None,
        metavar="RULES_DIR",
        help="a rules directory to add, as --rules RULES_DIR does (default: none, the bundled law alone)",
    )
    _options.add_rules(parser)
    _options.add_report(parser, RESULT)
    _options.add_engine(parser)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.examples import examples_result
    from compliance.loader.corpus import load_corpus

    layers = _options.rule_layers(args, *([args.rules_dir] if args.rules_dir is not None else []))
    corpus = load_corpus(layers)
    result = examples_result(corpus, _options.evaluator(args.engine, corpus))
    from compliance.loader.corpus import rules_files

    return _options.report(args, result, _options.context(args, corpus), rules_files(layers))
