"""`compliance timeline`: a policy's verdict under every reading at every dated event of the law."""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "timeline"
HELP = "the verdict under every reading at every dated event of the law, and the event that changed it"
RESULT = "TimelineResult"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("policy", type=Path, metavar="POLICY")
    _options.add_rules(parser)
    _options.add_reading(parser)
    _options.add_engine(parser)
    _options.add_report(parser, RESULT)
    parser.add_argument("--from", dest="start", type=_options.iso_date, metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", type=_options.iso_date, metavar="DATE", help="last day (YYYY-MM-DD)")


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.timeline import timeline
    from compliance.errors import UsageError
    from compliance.loader.corpus import load_policy

    if args.start and args.end and args.start > args.end:
        raise UsageError(f"--from {args.start.isoformat()} is after --to {args.end.isoformat()}")
    corpus = _options.load_law(args)
    readings = _options.readings(args.reading, corpus.reading_ids)
    policy = load_policy(args.policy, corpus)
    result = timeline(corpus, _options.evaluator(args.engine, corpus), policy, readings, args.start, args.end)
    return _options.report(args, result, _options.context(args, corpus, [policy]), _options.inputs(args, args.policy))
