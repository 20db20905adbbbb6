"""Hypothesis strategies and helpers for people who write rules: property-test how a rule interacts.

Every strategy is built from a loaded corpus (the bundled rules unless you
pass your own), so it generates only terms the vocabulary knows and ids the
corpus defines: a generated policy always loads, and a failing property is
about the law, never about a typo. `check` and `relation` evaluate without
the command line.

hypothesis is a test dependency (`pip install 'compliance[test]'`), not a
runtime one, so importing this package without it says so instead of failing
somewhere deep inside.
"""

from __future__ import annotations

try:
    import hypothesis as _hypothesis  # noqa: F401
except ImportError:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "compliance.testing needs hypothesis, a test dependency: "
        "pip install 'compliance[test]' (or pip install hypothesis)"
    ) from None

from compliance.testing.helpers import Outcome, check, load_rules, relation
from compliance.testing.profiles import examples
from compliance.testing.strategies import (
    clauses,
    policies,
    provisions,
    readings,
    rule_sets,
    savings_clauses,
    terms,
)

__all__ = [
    "Outcome",
    "check",
    "clauses",
    "examples",
    "load_rules",
    "policies",
    "provisions",
    "readings",
    "relation",
    "rule_sets",
    "savings_clauses",
    "terms",
]
