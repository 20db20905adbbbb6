"""`compliance diff`: how verdicts and findings change between two versions of a policy."""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "diff"
RESULT = "DiffResult"
HELP = "compare two versions of a policy: clause changes, and verdict and finding changes per reading"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", type=Path, metavar="OLD")
    parser.add_argument("new", type=Path, metavar="NEW")
    _options.add_analysis(parser, RESULT)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.diff import diff
    from compliance.loader.corpus import load_policy

    corpus = _options.load_law(args)
    readings = _options.readings(args.reading, corpus.reading_ids)
    old = load_policy(args.old, corpus)
    new = load_policy(args.new, corpus)
    result = diff(corpus, _options.evaluator(args.engine, corpus), old, new, readings, _options.as_of(args.as_of))
    read = _options.inputs(args, args.old, args.new)
    return _options.report(args, result, _options.context(args, corpus, [old, new]), read)
