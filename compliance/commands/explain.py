"""`compliance explain`: the derivation of a clause's findings, one readable chain per reading and provision."""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "explain"
RESULT = "ExplainResult"
HELP = "show step by step why a clause relates to a provision as it does, under each reading"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("policy", type=Path, metavar="POLICY")
    parser.add_argument("--clause", required=True, metavar="N", help="the clause number as the policy prints it")
    parser.add_argument("--provision", default=None, metavar="ID", help="one provision id (default: every one met)")
    _options.add_analysis(parser, RESULT)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.explanation import explain_clause
    from compliance.loader.corpus import load_policy

    corpus = _options.load_law(args)
    readings = _options.readings(args.reading, corpus.reading_ids)
    policy = load_policy(args.policy, corpus)
    evaluator = _options.evaluator(args.engine, corpus)
    as_of = _options.as_of(args.as_of) if args.as_of is not None else None
    result = explain_clause(corpus, evaluator, policy, args.clause, args.provision, readings, as_of)
    return _options.report(args, result, _options.context(args, corpus, [policy]), _options.inputs(args, args.policy))
