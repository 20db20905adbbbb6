"""`compliance diff`: how verdicts and findings change between two versions of a policy."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compliance.commands import _options

NAME = "diff"
HELP = "compare two versions of a policy: clause changes, and verdict and finding changes per reading"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", type=Path, metavar="OLD")
    parser.add_argument("new", type=Path, metavar="NEW")
    _options.add_analysis(parser)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.diff import diff
    from compliance.loader.corpus import load_policy
    from compliance.render import diff_json, diff_text

    corpus = _options.load_law(args)
    readings = _options.readings(args.reading, corpus.reading_ids)
    old = load_policy(args.old, corpus)
    new = load_policy(args.new, corpus)
    result = diff(corpus, _options.evaluator(args.engine, corpus), old, new, readings, _options.as_of(args.as_of))
    sys.stdout.write((diff_json if args.format == "json" else diff_text).render(result))
    return result.exit_code
