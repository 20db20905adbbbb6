"""Issue 19's shapes at growing sizes: how each command's cost grows with N, as an exponent.

    python benchmarks/run.py --only bounded

Each shape of `benchmarks/shapes.py` is written at each size and run as a child
process; its CPU time (user + system) and peak memory are read from the child's
resource usage. The exponent is the least-squares slope of log(cost) against
log(N) after subtracting the cost at the smallest size (start-up and loading,
which do not grow with N): 1 is linear, 2 quadratic. Issue 19 asks for at most
1.3. Nothing here asserts a figure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks import shapes
from benchmarks.timing import exponent

ROOT = Path(__file__).resolve().parent.parent
RAISED = ("--max-bytes", "16000000", "--max-nodes", "2000000")
"""The big sizes pass the default per-file limits on purpose: this measures the work, not the guard."""

Shape = Callable[[Path, int], shapes.Case]
FLAT = 0.05
"""CPU seconds of growth below which a shape is reported flat: the slope of noise means nothing."""

GROWTH: dict[str, tuple[Shape, tuple[int, ...], str]] = {
    "vocabulary-chain": (
        shapes.shape_vocabulary_chain,
        (1, 2000, 4000, 8000, 16000),
        "item 7: N action terms in a chain",
    ),
    "reverse-links": (shapes.shape_reverse_links, (1, 1000, 2000, 4000, 8000), "item 8: N links written last first"),
    "savings-join": (shapes.shape_savings_join, (1, 250, 500, 1000, 2000), "item 9: N savings clauses"),
    "many-clauses": (shapes.shape_many_clauses, (1, 1000, 2000, 4000, 8000), "item 10: N one-line clauses"),
    "many-clauses-bundled": (
        shapes.shape_many_clauses_bundled,
        (1, 250, 500, 1000, 2000),
        "item 10: N one-line clauses against the bundled rules",
    ),
    "suggest": (shapes.shape_suggest, (1, 6, 12, 24), "item 13: N clauses (past 250 conflicts: the limit)"),
    "interactions-conditions": (
        lambda root, n: shapes.shape_interactions(root, 5, n),
        (1, 16, 32, 64, 128),
        "item 11: N conditions",
    ),
    "diff-long": (shapes.shape_diff_long, (100, 2500, 5000, 10000, 19000), "item 12: 5 clauses of N characters"),
    "phrase-gaps": (
        lambda root, n: shapes.shape_phrase_gaps(root, n, 33),
        (1, 250, 500, 1000, 2000),
        "item 17: N words against a 33-gap phrase",
    ),
    "wide-fact": (shapes.shape_wide_fact, (1, 100, 200, 400, 800), "item 15: one clause naming N tested roots"),
}

TINY_SIZES = {"vocabulary-chain": (1, 200, 400), "reverse-links": (1, 100, 200)}
"""What `--tiny` runs: two shapes at small sizes, enough to keep this script from rotting."""


def _cost(case: shapes.Case, timeout: float) -> dict[str, float | int]:
    """Run one case; its own CPU time and peak memory (`wait4` gives one child's usage)."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as sink:
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "cli.py"), *case.argv, *RAISED], cwd=case.root, stdout=sink, stderr=sink
        )
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                child.kill()
                child.wait()
                raise subprocess.TimeoutExpired(case.argv, timeout)
            time.sleep(0.01)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
    cpu = usage.ru_utime + usage.ru_stime
    return {"exit": child.returncode, "cpu_seconds": round(cpu, 3), "peak_rss_kib": usage.ru_maxrss}


def measure(name: str, sizes: Sequence[int], timeout: float = 600.0) -> dict[str, object]:
    """One shape at each size: cost per size and the growth exponent of the part that grows."""
    make, _, what = GROWTH[name]
    runs = []
    with tempfile.TemporaryDirectory(prefix=f"bounded-{name}-") as tmp:
        for n in sizes:
            case = make(Path(tmp) / str(n), n)
            try:
                runs.append({"n": n, **_cost(case, timeout)})
            except subprocess.TimeoutExpired:
                runs.append({"n": n, "exit": None, "cpu_seconds": None, "note": f"over {timeout:.0f} s"})
                break
    timed = [r for r in runs if r["cpu_seconds"] is not None]
    base = timed[0]["cpu_seconds"] if timed else 0.0
    grown = [(r["n"], r["cpu_seconds"] - base) for r in timed[1:] if r["cpu_seconds"] - base > 0]  # type: ignore[operator]
    flat = not grown or max(t for _, t in grown) < FLAT
    slope = exponent([n for n, _ in grown], [t for _, t in grown]) if len(grown) >= 2 and not flat else None
    return {"what": what, "runs": runs, "exponent": None if slope is None else round(slope, 2), "flat": flat}


def bounded(tiny: bool = False) -> dict[str, object]:
    """Every shape (two small ones with `tiny`), each with its exponent."""
    chosen = TINY_SIZES if tiny else {name: sizes for name, (_, sizes, _) in GROWTH.items()}
    return {name: measure(name, sizes) for name, sizes in chosen.items()}


def render(results: dict[str, object]) -> list[str]:
    """The table lines: one per shape, its exponent and its cost at the largest size."""
    lines = []
    for name, data in results.items():
        assert isinstance(data, dict)
        last = data["runs"][-1]
        exp = data["exponent"]
        slope = "flat" if data.get("flat") else "n/a" if exp is None else f"{exp:.2f}"
        cost = "timeout" if last["cpu_seconds"] is None else f"{last['cpu_seconds']:.2f} s"
        lines.append(
            f"  {name:24} exponent {slope:>5}  at N={last['n']:,}: {cost}, exit {last['exit']}  ({data['what']})"
        )
    return lines
