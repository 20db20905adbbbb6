"""`compliance timeline`: a policy's verdict under every reading at every dated event of the law."""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "timeline"
HELP = "the verdict under every reading at every dated event of the law, and the event that changed it"
FORMATS = ("text", "json", "html")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("policy", type=Path, metavar="POLICY")
    _options.add_rules(parser)
    _options.add_reading(parser)
    _options.add_engine(parser)
    parser.add_argument("--format", default="text", choices=FORMATS, help="text (default), json or html")
    _options.add_output(parser)
    parser.add_argument("--from", dest="start", type=_options.iso_date, metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", type=_options.iso_date, metavar="DATE", help="last day (YYYY-MM-DD)")


def run(args: argparse.Namespace) -> int:
    import importlib

    from compliance.analysis.timeline import timeline
    from compliance.errors import UsageError
    from compliance.loader.corpus import load_corpus, load_policy, rules_files

    if args.start and args.end and args.start > args.end:
        raise UsageError(f"--from {args.start.isoformat()} is after --to {args.end.isoformat()}")
    corpus = load_corpus(args.rules)
    readings = _options.readings(args.reading, corpus.reading_ids)
    policy = load_policy(args.policy, corpus)
    result = timeline(corpus, _options.evaluator(args.engine, corpus), policy, readings, args.start, args.end)
    module = importlib.import_module(f"compliance.render.timeline_{args.format}")
    _options.emit(module.render(result), args.output, [args.policy, *rules_files(args.rules)])
    return result.exit_code
