"""`compliance record`: replay the official and judicial verdicts recorded in policy files against the tool's."""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "record"
HELP = "replay the verdicts of courts and agencies recorded in policy files, and the tool's agreement with them"
RESULT = "RecordResult"


def _share(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a share: {text!r} (write 0.9 or 90%)") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"a share is between 0 and 1 (or 0% and 100%), not {text!r}")
    return value


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "policies", nargs="*", type=Path, metavar="POLICY|DIR", help="policy files or directories (default: policies/)"
    )
    _options.add_rules(parser)
    _options.add_engine(parser)
    _options.add_report(parser, RESULT)
    parser.add_argument(
        "--min-agreement",
        type=_share,
        default=None,
        metavar="SHARE",
        help="exit 1 when fewer of the compared verdicts agree (0.9 or 90%%)",
    )


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.record import replay
    from compliance.bundled import policies_dir
    from compliance.commands._batch import load_policies, policy_paths
    from compliance.errors import UsageError

    given = args.policies or [policies_dir()]
    paths = policy_paths(given)
    if not paths:
        raise UsageError(f"no policy files (*.yaml, *.yml) in {', '.join(map(str, given))}")
    corpus = _options.load_law(args)
    policies = load_policies(paths, corpus)
    result = replay(corpus, _options.evaluator(args.engine, corpus), policies, args.min_agreement)
    return _options.report(args, result, _options.context(args, corpus, policies), _options.inputs(args, *paths))
