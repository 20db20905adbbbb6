"""Where a durable-rules check spends its time, grouped so that the table can say why.

cProfile (standard library) over checking the same documents the throughput
benchmark checks; each function's own time is put in one bucket: the
engine's C core, JSON (the only way facts and matches cross into and out of
it), our engine code, scope expansion and models, and the rest. Profiling
slows Python more than C, so read the shares, not the absolute times.
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable

BUCKETS = (
    ("durable-rules C core (matching, storing, retracting)", ("durable_rules_engine",)),
    ("JSON in and out of the engine", ("json/",)),
    ("compliance.engine (facts, firings, findings)", ("compliance/engine/",)),
    ("scopes, taxonomy and models", ("compliance/semantics/", "compliance/model/", "pydantic")),
)


def shares(action: Callable[[], object]) -> dict[str, float]:
    """The share of profiled time each bucket takes while `action` runs."""
    profiler = cProfile.Profile()
    profiler.runcall(action)
    stats = pstats.Stats(profiler)
    totals = {name: 0.0 for name, _ in BUCKETS} | {"other Python": 0.0}
    for (filename, _, function), row in stats.stats.items():  # type: ignore[attr-defined]
        own = row[2]
        where = f"{filename} {function}"
        bucket = next((name for name, marks in BUCKETS if any(m in where for m in marks)), "other Python")
        totals[bucket] += own
    whole = sum(totals.values()) or 1.0
    return {name: value / whole for name, value in totals.items()}
