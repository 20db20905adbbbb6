"""`compliance check`: verdicts per provision and reading, findings per clause."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compliance.commands import _options

NAME = "check"
HELP = "check policy files against the rules"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("policies", nargs="+", type=Path, metavar="POLICY")
    _options.add_rules(parser)
    _options.add_reading(parser)
    parser.add_argument("--format", default="text", metavar="FORMAT", help="text (default) or json")
    _options.add_engine(parser)
    _options.add_as_of(parser)
    parser.add_argument("--fail-on-draft", action="store_true", help="exit 2 if any policy is an unreviewed draft")


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.check import check
    from compliance.draft.review import notice as draft_notice
    from compliance.errors import UsageError
    from compliance.loader.corpus import load_corpus, load_policy
    from compliance.render import RENDERERS

    if args.format not in RENDERERS:
        raise UsageError(f"unknown format {args.format!r}; choose one of: {', '.join(RENDERERS)}")
    corpus = load_corpus(args.rules)
    readings = _options.readings(args.reading, corpus.reading_ids)
    policies = [load_policy(path, corpus) for path in args.policies]
    drafts = draft_notice([p.document for p in policies])  # said before any table: a draft is not yet the policy
    for line in drafts:
        print(line, file=sys.stdout if args.format == "text" else sys.stderr)
    result = check(corpus, _options.evaluator(args.engine, corpus), policies, readings, _options.as_of(args.as_of))
    sys.stdout.write(RENDERERS[args.format](result))
    return 2 if drafts and args.fail_on_draft else result.exit_code
