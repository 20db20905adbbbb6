"""durable-rules' silent hang, measured and guarded against.

Registering one ruleset whose rules test more than 512 distinct constants on
the same property never returns: the C core loops and Python cannot
interrupt it (ENGINEERING.md). The compiler partitions rulesets under
`MAX_CONSTANTS`, and the adapter refuses any ruleset that would cross it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Final

MAX_CONSTANTS: Final = 500
"""Distinct constants per property allowed in one ruleset (the engine hangs past 512)."""


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
    """The property tested against the most distinct constants, and how many."""
    counts = {prop: len(values) for prop, values in distinct_constants(rules).items()}
    if not counts:
        return ("", 0)
    prop = max(sorted(counts), key=lambda p: counts[p])
    return prop, counts[prop]
