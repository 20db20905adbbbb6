"""The hierarchy of law: which instruments outrank which.

constitution > federal statute = federal court order or consent decree >
state statute > local policy (DESIGN.md, "Place, time, authority and basis").
Why a rank of its own and not the kind: a consent decree binds only New
Orleans (its jurisdiction is `us/la/orleans`) yet it is a federal court's
order, so where a law binds and how strongly it binds are two facts.

The rank is derived from the instrument's kind; kinds that do not fix it
(a bill, an agency policy, a grant condition) take it from the depth of the
jurisdiction (`us` federal, `us/la` state, deeper local). An explicit
`rank:` overrides both (a state court's order: `rank: state`).
"""

from __future__ import annotations

from typing import Literal

from compliance.model.jurisdiction import segments

Rank = Literal["constitution", "federal", "state", "local"]

ORDER: dict[str, int] = {"local": 1, "state": 2, "federal": 3, "constitution": 4}

BY_KIND: dict[str, Rank] = {
    "constitution": "constitution",
    "federal-statute": "federal",
    "court-order": "federal",
    "consent-decree": "federal",
    "state-statute": "state",
    "local-policy": "local",
}

KIND_NAMES: dict[str, str] = {
    "constitution": "a constitution",
    "federal-statute": "a federal statute",
    "court-order": "a court order",
    "consent-decree": "a federal consent decree",
    "state-statute": "a state statute",
    "bill": "a bill",
    "agency-policy": "an agency policy",
    "local-policy": "a local policy",
    "grant-condition": "a grant condition",
}

RANK_NAMES: dict[str, str] = {
    "constitution": "constitutional",
    "federal": "federal",
    "state": "state",
    "local": "local",
}


def default_rank(kind: str, jurisdiction: str | None) -> Rank | None:
    """The rank a kind implies, else the one the jurisdiction's depth implies (None if neither says)."""
    if kind in BY_KIND:
        return BY_KIND[kind]
    if jurisdiction is None:
        return None
    depth = len(segments(jurisdiction))
    return "federal" if depth == 1 else "state" if depth == 2 else "local"


def outranks(higher: str, lower: str) -> bool:
    """Is rank `higher` strictly above rank `lower`?"""
    return ORDER[higher] > ORDER[lower]
