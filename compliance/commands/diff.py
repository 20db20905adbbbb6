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
    parser.add_argument("new", type=Path, metavar="NEW", nargs="?", help="default: OLD (compare two of its versions)")
    parser.add_argument("--old-version", metavar="NAME", help="compare this version of OLD (see its `versions:`)")
    parser.add_argument("--new-version", metavar="NAME", help="compare this version of NEW")
    _options.add_analysis(parser, RESULT)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.diff import diff
    from compliance.analysis.versions import named
    from compliance.errors import UsageError
    from compliance.loader.corpus import load_policy

    if args.new is None and not (args.old_version and args.new_version):
        raise UsageError("give NEW, or compare two versions of OLD with --old-version NAME --new-version NAME")
    corpus = _options.load_law(args)
    readings = _options.readings(args.reading, corpus.reading_ids)
    old = load_policy(args.old, corpus)
    new = load_policy(args.new, corpus) if args.new is not None else old
    old = named(old, args.old_version) if args.old_version else old
    new = named(new, args.new_version) if args.new_version else new
    result = diff(corpus, _options.evaluator(args.engine, corpus), old, new, readings, _options.as_of(args.as_of))
    read = _options.inputs(args, *(path for path in (args.old, args.new) if path is not None))
    return _options.report(args, result, _options.context(args, corpus, [old, new]), read)
