"""Small statistics for noisy timings: median, spread, and a fitted growth exponent.

Why medians and spreads: the machine these run on is shared, so one slow
repetition says nothing; the median of several and their spread (the
relative gap between the fastest and slowest repetition) say how far a
figure can be trusted.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence


def summary(samples: Sequence[float]) -> dict[str, float]:
    """Median, min, max and spread ((max - min) / median) of repeated measurements."""
    median = statistics.median(samples)
    low, high = min(samples), max(samples)
    return {
        "median": median,
        "min": low,
        "max": high,
        "spread": (high - low) / median if median else 0.0,
        "n": len(samples),
    }


def timed(action: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleaved(actions: dict[str, Callable[[], object]], repeats: int) -> dict[str, list[float]]:
    """Time each action `repeats` times, alternating between them so that the machine's
    noise falls on all of them alike."""
    samples: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeats):
        for name, action in actions.items():
            samples[name].append(timed(action))
    return samples


def exponent(sizes: Sequence[float], seconds: Sequence[float]) -> float:
    """The slope of log(time) against log(size) by least squares: 1 is linear, 2 quadratic."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-9)) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0
