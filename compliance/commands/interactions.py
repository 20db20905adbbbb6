"""`compliance interactions`: pairs of provisions one clause plays against each other, over the whole clause space.

The time taken goes to stderr, so stdout stays byte-identical from run to run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from compliance.commands import _options

NAME = "interactions"
HELP = "enumerate every clause the vocabulary allows; report provisions one clause plays against each other"


def register(parser: argparse.ArgumentParser) -> None:
    _options.add_rules(parser)
    _options.add_reading(parser)
    _options.add_format(parser)
    parser.add_argument(
        "--no-cross-check",
        dest="cross_check",
        action="store_false",
        help="skip running a sample of the space through durable-rules and the reference evaluator",
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
    from compliance.loader.corpus import VOCABULARY, load_corpus

    started = time.perf_counter()
    corpus = load_corpus(args.rules)
    space, limit = space_of(corpus), args.max_combinations or MAX_COMBINATIONS
    if space.combinations > limit:
        sizes = " × ".join(f"{count} {name}" for name, count in space.factors()[1:-1])
        raise InputError.at(
            Location(str(args.rules / VOCABULARY)),
            f"the clause space has {sizes} = {space.combinations:,} term combinations, more than the "
            f"{limit:,} enumerated by default; raise the limit with --max-combinations {space.combinations}",
            "too-many-combinations",
        )
    readings = _options.readings(args.reading, corpus.reading_ids)
    checkers = [_options.evaluator(e, corpus) for e in ("durable", "reference")] if args.cross_check else []
    result = interactions(corpus, readings, checkers)
    from compliance.render._escape import json_text, report_text

    sys.stdout.write(json_text(render_json(result)) if args.format == "json" else report_text(render_text(result)))
    elapsed = time.perf_counter() - started
    print(
        f"interactions: {result.space.size:,} clauses per reading, {len(readings)} reading(s), {elapsed:.2f} s",
        file=sys.stderr,
    )
    return 0


def render_json(result) -> str:
    return json.dumps(result.to_data(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_text(result) -> str:
    from compliance.analysis.interactions import clause_flow, preserves_flow

    space = result.space
    info = {p.id: p for p in result.provisions}
    factors = " × ".join(f"{count} {name}" for name, count in space.factors())
    lines = [
        f"Clause space: {factors} = {space.size:,} clauses per reading",
        "  (one term per field; an omitted field means the category's root; exceptions: any subset of "
        f"{len(space.conditions)} conditions)",
        f"{len(result.provisions)} provisions; pairs are considered only where both bind a common kind of issuer.",
    ]

    def name(pid: str) -> str:
        p = info[pid]
        return pid if p.status == "in-force" else f"{pid} ({p.status})"

    for reading in result.readings:
        lines += [
            "",
            f"Reading {reading.reading}: {reading.classes} classes of clauses with identical findings; "
            f"{reading.pairs} pairs considered",
            "  One clause satisfies the first and conflicts with the second "
            f"({len(reading.interactions)} ordered pairs):",
        ]
        if not reading.interactions:
            lines.append("    none")
        for i in reading.interactions:
            lines.append(f"    {name(i.satisfied)} / {name(i.conflicted)}")
            lines.append(f"      {clause_flow(i.example)}  ({i.relation} / conflicts)")
        lines.append(
            f"  Never satisfied together by a policy without savings clauses ({len(reading.incompatible)} pairs):"
        )
        if not reading.incompatible:
            lines.append("    none")
        for n in reading.incompatible:
            other = n.second if n.demanding == n.first else n.first
            lines.append(f"    {name(n.first)} + {name(n.second)}")
            lines.append(f"      every clause that supports {n.demanding} conflicts with {other}, e.g.")
            lines.append(f"      {clause_flow(n.example)}")
            lines.append(f"      (unless a savings clause preserves {preserves_flow(n.preserve)})")
        if result.evaluators:
            lines.append(
                f"  Cross-checked {reading.cross_checked} clauses of the space through "
                f"{' and '.join(result.evaluators)}: identical findings."
            )
    return "\n".join(lines) + "\n"
