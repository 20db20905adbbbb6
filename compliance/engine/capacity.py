"""What durable-rules' match network can hold: its silent hang, measured and guarded against.

(The engine's capacity, not the user's input limits: those are `compliance.loader.limits`.)

Registering a ruleset in which one node of the match network would get more
than 512 successors never returns: the C core loops and Python cannot
interrupt it. Two shapes reach it: rules testing more than 512 distinct
constants on one property (ENGINEERING.md), and more than 512 rules that
begin with the same test, since the engine does not share their nodes
(measured here: 511 rules register in 0.1 s, 514 hang). The compiler
partitions rulesets under `MAX_CONSTANTS` on both counts, and the adapter
refuses any ruleset that would cross it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Final

MAX_CONSTANTS: Final = 500
"""Distinct constants per property, and rules, allowed in one ruleset (the engine hangs past 512)."""


def distinct_constants(rules: dict[str, Any]) -> dict[str, set[object]]:
    """Distinct constants each property is tested against, across a ruleset's rules."""
    found: dict[str, set[object]] = defaultdict(set)
    for rule in rules.values():
        for pattern in rule["all"]:
            for condition in pattern.values():
                _walk(condition, None, found)
    return dict(found)


def _walk(node: Any, prop: str | None, found: dict[str, set[object]]) -> None:
    stack = [(node, prop)]
    while stack:
        item, prop = stack.pop()
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            if key in ("$and", "$or"):
                stack.extend((v, prop) for v in value)
            elif key in ("$iany", "$iall", "$not"):
                stack.append((value, prop))
            elif key == "$i":
                if isinstance(value, dict):
                    stack.append((value, prop))
                elif prop is not None:
                    found[prop].add(value)
            elif key in ("$neq", "$lt", "$gt", "$lte", "$gte", "$eq"):
                stack.append((value, prop))
            elif isinstance(value, dict):
                stack.append((value, key))
            elif isinstance(value, list):
                stack.extend((v, key) for v in value)
            else:
                found[key].add(value)


def widest(rules: dict[str, Any]) -> tuple[str, int]:
    """The worst fan-out in a ruleset: the property with the most distinct constants, or
    `rules` with the number of rules when that is larger; and the count."""
    counts = {prop: len(values) for prop, values in distinct_constants(rules).items()}
    counts["rules"] = len(rules)
    if not counts:
        return ("", 0)
    prop = max(sorted(counts), key=lambda p: counts[p])
    return prop, counts[prop]


def describe(prop: str, count: int) -> str:
    """`widest`'s answer in words: '600 rules' or "600 distinct 'action' constants"."""
    return f"{count} rules" if prop == "rules" else f"{count} distinct {prop!r} constants"
