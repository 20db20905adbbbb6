"""`compliance schema KIND`: the JSON Schema of a YAML format, for editors and validators."""

from __future__ import annotations

import argparse

from compliance.commands import _options

NAME = "schema"
HELP = "print the JSON Schema of a YAML format (rules, policy, vocabulary, readings)"
KINDS = ("rules", "policy", "vocabulary", "readings")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=KINDS, help="which format: " + ", ".join(KINDS))
    _options.add_output(parser)


def run(args: argparse.Namespace) -> int:
    from compliance import schemas

    _options.emit(schemas.dumps(schemas.emit(args.kind)), args.output)
    return 0
