"""`compliance interactions`: pairs of provisions one clause plays against each other, over the whole clause space.

The time taken goes to stderr, so stdout stays byte-identical from run to run.
"""

from __future__ import annotations

import argparse
import sys
import time

from compliance.commands import _options

NAME = "interactions"
RESULT = "InteractionsResult"
HELP = "enumerate every clause the vocabulary allows; report provisions one clause plays against each other"


def register(parser: argparse.ArgumentParser) -> None:
    _options.add_rules(parser)
    _options.add_reading(parser)
    _options.add_report(parser, RESULT)
    _options.add_engine(parser, default="both", extra=("both",))
    parser.add_argument(
        "--no-cross-check",
        dest="cross_check",
        action="store_false",
        help="skip running a sample of the space through the evaluators (--engine)",
    )
    parser.add_argument(
        "--max-combinations",
        dest="max_combinations",
        type=_options.positive_int,
        default=None,
        metavar="N",
        help="most term combinations (actions × actors × persons × counterparts) to enumerate (default: 20,000)",
    )


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.interactions import MAX_COMBINATIONS, interactions, space_of
    from compliance.errors import InputError, Location
    from compliance.loader.corpus import VOCABULARY

    started = time.perf_counter()
    layers = _options.rule_layers(args)
    corpus = _options.load_law(args)
    space, limit = space_of(corpus), args.max_combinations or MAX_COMBINATIONS
    if space.combinations > limit:
        sizes = " × ".join(f"{count} {name}" for name, count in space.factors()[1:-1])
        raise InputError.at(
            Location(str(next((v for v in (d / VOCABULARY for d in reversed(layers)) if v.exists()), layers[0]))),
            f"the clause space has {sizes} = {space.combinations:,} term combinations, more than the "
            f"{limit:,} enumerated by default; raise the limit with --max-combinations {space.combinations}",
            "too-many-combinations",
        )
    readings = _options.readings(args.reading, corpus.reading_ids)
    engines = _options.ENGINES if args.engine == "both" else (args.engine,)
    checkers = [_options.evaluator(e, corpus) for e in engines] if args.cross_check else []
    result = interactions(corpus, readings, checkers)
    code = _options.report(args, result, _options.context(args, corpus), _options.inputs(args))
    elapsed = time.perf_counter() - started
    print(
        f"interactions: {result.space.size:,} clauses per reading, {len(readings)} reading(s), {elapsed:.2f} s",
        file=sys.stderr,
    )
    return code
