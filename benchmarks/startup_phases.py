"""Where `compliance check policies/nopd-41.6.1-2016.yaml` spends its time, phase by phase.

Run in a fresh process (the start-up benchmark does), so that every import is
paid as the command pays it. The phases follow `compliance/commands/check.py`:
the interpreter and the command line, importing the pipeline (pydantic models
included), loading and validating the YAML law and policy, compiling and
registering the rulesets of every reading, checking, and rendering. CPU
seconds beside wall seconds, because the CPU figures survive a busy machine.

Usage: python -m benchmarks.startup_phases
"""

from __future__ import annotations

import io
import json
import sys
import time

_T0 = (time.perf_counter(), time.process_time())
_PHASES: list[tuple[str, float, float]] = []


def _mark(name: str) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    last_wall, last_cpu = _PHASES[-1][1:] if _PHASES else _T0
    _PHASES.append((name, wall, cpu))
    _DELTAS.append({"phase": name, "wall": wall - last_wall, "cpu": cpu - last_cpu})


_DELTAS: list[dict[str, object]] = []


class _Stopwatch:
    """Wraps one method of an object and adds up the wall and CPU time spent in it."""

    def __init__(self, owner: object, method: str) -> None:
        self.spent = {"wall": 0.0, "cpu": 0.0}
        inner = getattr(owner, method)

        def timed(*args: object, **kwargs: object) -> object:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent["wall"] += time.perf_counter() - wall
                self.spent["cpu"] += time.process_time() - cpu

        setattr(owner, method, timed)


def main() -> int:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    from cli import _commands, _parser  # the command line's own parser and command discovery

    argv = ["check", str(root / "policies" / "nopd-41.6.1-2016.yaml")]
    args = _parser(list(_commands(argv).values())).parse_args(argv)
    _mark("command line (argparse, command discovery)")
    from compliance.analysis.check import check
    from compliance.commands import _options
    from compliance.loader.corpus import load_corpus, load_policy
    from compliance.render import render

    _mark("import the pipeline (pydantic models, loader, analysis, renderers)")
    corpus = load_corpus(_options.rule_layers(args))
    policies = [load_policy(path, corpus) for path in args.policies]
    _mark("load and validate the YAML law and policy")
    readings = _options.readings(args.reading, corpus.reading_ids)
    evaluator = _options.evaluator(args.engine, corpus)
    _mark("import durable-rules")
    preparing = _Stopwatch(evaluator, "_prepare")  # compiling and registering happen inside the check
    result = check(corpus, evaluator, policies, readings, _options.as_of(args.as_of))
    _mark("check (evaluate, verdicts, explanations)")
    _DELTAS.insert(-1, {"phase": "  of which: compile and register rulesets", **preparing.spent})
    io.StringIO().write(render(result, args.format))
    _mark("render the text report")
    print(json.dumps({"phases": _DELTAS, "rulesets": evaluator.ruleset_count}, sort_keys=True))  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
