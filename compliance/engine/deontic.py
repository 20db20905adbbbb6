"""The deontic table of DESIGN.md as data: which clause modalities a norm meets how.

The durable-rules compiler reads this table; the reference evaluator spells
the same semantics out as code, so a slip in either shows as a disagreement.
"""

from __future__ import annotations

from typing import Final

from compliance.model.law import Modality, NormKind

CONFLICTING: Final[dict[NormKind, frozenset[Modality]]] = {
    "not-restrict": frozenset({"prohibits", "restricts"}),
    "prohibit": frozenset({"permits", "requires"}),
    "require": frozenset({"prohibits", "restricts"}),
}
"""Clause modalities that conflict with each norm where scopes overlap."""

FULFILLING: Final[dict[NormKind, frozenset[Modality]]] = {
    "not-restrict": frozenset({"permits", "requires"}),
    "prohibit": frozenset({"prohibits"}),
    "require": frozenset({"requires"}),
}
"""Modalities that satisfy a norm fully when they cover its whole scope without extra exceptions."""

ALL_MODALITIES: Final[frozenset[Modality]] = frozenset({"prohibits", "requires", "permits", "restricts"})


def supporting(norm: NormKind) -> frozenset[Modality]:
    """Modalities that satisfy a norm at least partially: all that do not conflict."""
    return ALL_MODALITIES - CONFLICTING[norm]
