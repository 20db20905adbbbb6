"""Run every benchmark of issue 7, print one table and write the figures as JSON.

    python benchmarks/run.py                       # full run, writes benchmarks/results.json
    python benchmarks/run.py --out /tmp/r.json     # elsewhere
    python benchmarks/run.py --only startup,memory # some sections
    python benchmarks/run.py --tiny                # seconds-long smoke run (what the test suite runs)

Nothing here asserts a time: the figures are for reading, and the spreads
say how noisy the machine was while they were taken.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: import the checkout's packages
    sys.path.insert(0, str(ROOT))

from benchmarks import suites  # noqa: E402
from benchmarks.report import table  # noqa: E402

SECTIONS = ("startup", "throughput", "scaling", "memory", "interactions", "bounded")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json", help="JSON output path")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"comma-separated sections of: {', '.join(SECTIONS)}"
    )
    parser.add_argument("--tiny", action="store_true", help="a tiny corpus: checks the benchmarks run, not speed")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    scale = suites.TINY if args.tiny else suites.Scale()
    results: dict[str, object] = {"version": "1", "tiny": args.tiny, "environment": suites.environment()}
    started = time.perf_counter()
    for section in chosen:
        began = time.perf_counter()
        results[section] = getattr(suites, section)(scale)
        print(f"[{section}: {time.perf_counter() - began:.1f} s]", file=sys.stderr, flush=True)
    results["total_seconds"] = time.perf_counter() - started
    results["load_average_after"] = suites.environment()["load_average"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nfigures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
