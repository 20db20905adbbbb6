"""`compliance dispute`: every reading side by side, and the clauses that make them disagree."""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "dispute"
RESULT = "DisputeResult"
HELP = "compare the readings of the law on one policy, and show the clauses that split them"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("policy", type=Path, metavar="POLICY")
    _options.add_analysis(parser, RESULT)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.dispute import dispute
    from compliance.loader.corpus import load_policy

    corpus = _options.load_law(args)
    readings = _options.readings(args.reading, corpus.reading_ids)
    policy = load_policy(args.policy, corpus)
    result = dispute(corpus, _options.evaluator(args.engine, corpus), policy, readings, _options.as_of(args.as_of))
    return _options.report(args, result, _options.context(args, corpus, [policy]), _options.inputs(args, args.policy))
