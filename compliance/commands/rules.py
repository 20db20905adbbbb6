"""`compliance rules list|show`: the law itself, read as a catalogue, before any policy is checked.

`list` gives every provision (of one instrument with `--instrument`): id,
citation, its instrument's status on `--as-of` (default today), whether its text
is verbatim (`verified`) and its source. `show ID` gives one provision whole:
citation, verbatim text, source, its instrument's history, the norm in words,
the readings that change it and its examples. Both read the same rule layers as
`check` (the bundled law and each `--rules DIR`).
"""

from __future__ import annotations

import argparse

from compliance.commands import _options

NAME = "rules"
HELP = "list the provisions of the law, or show one: citation, text, source, status, readings, examples"
RESULT = "Catalogue"
RESULTS = ("Catalogue", "Detail")
"""`list` gives a Catalogue, `show` a Detail: both are rendered in the same formats."""
EPILOG = (
    "compliance rules list [--instrument ID] [--as-of DATE]: one line per provision. "
    "compliance rules show ID: one provision in full. An unknown id exits 2 with the closest known one."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("action", choices=("list", "show"), help="list the provisions, or show one")
    parser.add_argument("id", nargs="?", metavar="ID", help="the provision to show (show only)")
    parser.add_argument("--instrument", metavar="ID", help="list only this instrument's provisions (list only)")
    _options.add_rules(parser)
    _options.add_report(parser, "Catalogue")
    _options.add_as_of(parser)


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.catalogue import catalogue, detail
    from compliance.errors import UsageError

    if args.action == "show" and args.id is None:
        raise UsageError("rules show needs a provision id: compliance rules show ID (compliance rules list lists them)")
    if args.action == "list" and args.id is not None:
        raise UsageError(f"rules list takes no id (got {args.id!r}); to see one provision: compliance rules show ID")
    if args.action == "show" and args.instrument is not None:
        raise UsageError("--instrument narrows rules list; rules show takes a provision id")
    corpus = _options.load_law(args)
    day = _options.as_of(args.as_of)
    result = catalogue(corpus, day, args.instrument) if args.action == "list" else detail(corpus, args.id, day)
    return _options.report(args, result, _options.context(args, corpus), _options.inputs(args))
