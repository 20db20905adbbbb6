"""`compliance validate`: load and cross-check rule and policy files without evaluating them."""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "validate"
HELP = "check rule and policy files without evaluating them"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("policies", nargs="*", type=Path, metavar="POLICY")
    _options.add_rules(parser)


def run(args: argparse.Namespace) -> int:
    from compliance.loader.corpus import load_corpus, load_policy

    corpus = load_corpus(args.rules)
    for path in args.policies:
        load_policy(path, corpus)
    count = len(corpus.provisions)
    print(f"ok: {count} provisions, {len(corpus.readings)} readings, {len(args.policies)} policies")
    return 0
