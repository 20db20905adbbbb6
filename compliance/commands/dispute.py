"""`compliance dispute`: every reading side by side, and the clauses that make them disagree."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compliance.commands import _options

NAME = "dispute"
HELP = "compare the readings of the law on one policy, and show the clauses that split them"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("policy", type=Path, metavar="POLICY")
    _options.add_analysis(parser)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.dispute import dispute
    from compliance.loader.corpus import load_policy
    from compliance.render import dispute_json, dispute_text

    corpus = _options.load_law(args)
    readings = _options.readings(args.reading, corpus.reading_ids)
    policy = load_policy(args.policy, corpus)
    result = dispute(corpus, _options.evaluator(args.engine, corpus), policy, readings, _options.as_of(args.as_of))
    sys.stdout.write((dispute_json if args.format == "json" else dispute_text).render(result))
    return result.exit_code
