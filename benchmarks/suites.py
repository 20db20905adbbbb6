"""The five measurements of issue 7, each returning plain data for the table and the JSON.

Every measurement that compares two things runs them interleaved in the same
process or the same minute (see `timing.interleaved`), so the shared
machine's noise falls on both alike and the ratio is what to trust.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import corpus as synthetic
from benchmarks.hotspots import shares
from benchmarks.timing import exponent, interleaved, summary, timed

ROOT = Path(__file__).resolve().parent.parent
POLICY = "policies/nopd-41.6.1-2016.yaml"


@dataclass(frozen=True)
class Scale:
    """How much work each measurement does: `full` for figures, `tiny` for the smoke test."""

    repeats: int = 3
    startup_repeats: int = 11
    throughput_provisions: tuple[int, ...] = (10, 100, 1000)
    throughput_clauses: dict[int, int] = field(default_factory=lambda: {10: 4000, 100: 3000, 1000: 600})
    scaling_clauses: tuple[int, ...] = (10, 100, 1_000, 10_000, 100_000)
    scaling_provisions: tuple[int, ...] = (10, 50, 100, 250, 500, 1000, 2000)
    scaling_provision_clauses: int = 400
    memory_documents: tuple[int, int] = (1_000, 10_000)
    memory_provisions: int = 100
    interactions_repeats: int = 3
    interactions_timeout: float = 120.0


TINY = Scale(
    repeats=1,
    startup_repeats=1,
    throughput_provisions=(10, 100),
    throughput_clauses={10: 40, 100: 20},
    scaling_clauses=(10, 40),
    scaling_provisions=(10, 20),
    scaling_provision_clauses=20,
    memory_documents=(2, 4),
    memory_provisions=10,
    interactions_repeats=1,
    interactions_timeout=60.0,
)


def _compliance() -> list[str]:
    """How to run the installed command: the console script beside this Python, else cli.py."""
    script = Path(sys.executable).with_name("compliance")
    return [str(script)] if script.exists() else [sys.executable, str(ROOT / "cli.py")]


def _run(argv: Sequence[str], timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)


def startup(scale: Scale) -> dict[str, object]:
    """`compliance check` on the founding policy against bare `import yaml, pydantic`, interleaved."""
    check = [*_compliance(), "check", POLICY]
    bare = [sys.executable, "-c", "import yaml, pydantic"]
    # Like the baseline's libraries (pip compiles what it installs), the package runs from
    # bytecode: under PYTHONDONTWRITEBYTECODE an editable checkout would otherwise compile
    # every module from source on every run, a cost no installed copy pays.
    _run([sys.executable, "-m", "compileall", "-q", str(ROOT / "compliance"), str(ROOT / "cli.py")])
    probe = _run(check)
    if probe.returncode not in (0, 1):
        return {"error": f"compliance check exited {probe.returncode}: {probe.stderr.strip()[-300:]}"}
    samples = interleaved({"check": lambda: _run(check), "bare": lambda: _run(bare)}, scale.startup_repeats)
    ratios = [c / b for c, b in zip(samples["check"], samples["bare"], strict=True)]
    phases = _run([sys.executable, "-m", "benchmarks.startup_phases"])
    return {
        "phases": json.loads(phases.stdout)["phases"] if phases.returncode == 0 else phases.stderr[-300:],
        "command": " ".join(["compliance", "check", POLICY]),
        "baseline": 'python -c "import yaml, pydantic"',
        "bytecode": "compiled before timing (python -m compileall compliance cli.py)",
        "check_seconds": summary(samples["check"]),
        "bare_seconds": summary(samples["bare"]),
        "ratio": summary(samples["check"])["median"] / summary(samples["bare"])["median"],
        "ratio_per_pair": summary(ratios),
    }


def _evaluators(law: object) -> dict[str, object]:
    from compliance.engine.durable_evaluator import DurableEvaluator
    from compliance.engine.reference import ReferenceEvaluator

    return {"durable": DurableEvaluator(law), "reference": ReferenceEvaluator(law)}  # type: ignore[arg-type]


def _checker(evaluator: object, law: object, documents: list[object]) -> object:
    """A callable checking every document under the base reading (the unit throughput counts)."""
    reading = law.readings[0]  # type: ignore[attr-defined]
    provisions = law.provisions  # type: ignore[attr-defined]
    evaluate = evaluator.evaluate  # type: ignore[attr-defined]

    def run() -> int:
        return sum(len(evaluate(document, reading, provisions)) for document in documents)

    return run


def throughput(scale: Scale) -> list[dict[str, object]]:
    """Clauses checked per second, durable-rules and reference on the same documents, interleaved.

    A clause check is one clause against every provision under one reading; the
    rulesets are compiled and registered once before timing, as a long run would.
    """
    rows = []
    for provisions in scale.throughput_provisions:
        for savings in (0.0, 0.1):
            clauses = scale.throughput_clauses[provisions]
            shape = synthetic.Shape(provisions=provisions, savings=savings)
            law = synthetic.corpus(shape)
            documents = list(synthetic.documents(max(1, clauses // shape.clauses), shape))
            count = len(documents) * shape.clauses
            evaluators = _evaluators(law)
            # The first document compiles and registers the rulesets; a long run pays that once.
            warm = [synthetic.document(10**6, shape)]  # not among the timed documents
            setup = {name: timed(_checker(ev, law, warm)) for name, ev in evaluators.items()}
            checks = {name: _checker(ev, law, documents) for name, ev in evaluators.items()}
            findings = {name: check() for name, check in checks.items()}
            cpu: dict[str, list[float]] = {}
            samples = interleaved(checks, scale.repeats, cpu)
            rate = {name: count / summary(s)["median"] for name, s in samples.items()}
            cpu_rate = {name: count / summary(s)["median"] for name, s in cpu.items()}
            profile = shares(checks["durable"]) if provisions == 100 and not savings else None
            rows.append(
                {
                    "profile": profile,
                    "provisions": provisions,
                    "savings": savings,
                    "clauses": count,
                    "findings": findings["durable"],
                    "agree": findings["durable"] == findings["reference"],
                    "first_document_seconds": setup,
                    "durable_clauses_per_s": rate["durable"],
                    "reference_clauses_per_s": rate["reference"],
                    "durable_over_reference": rate["durable"] / rate["reference"],
                    "durable_clauses_per_cpu_s": cpu_rate["durable"],
                    "reference_clauses_per_cpu_s": cpu_rate["reference"],
                    "spread": {name: summary(s)["spread"] for name, s in samples.items()},
                }
            )
    return rows


def _durable_time(shape: synthetic.Shape, documents: int, repeats: int, budget: float = 10.0) -> dict[str, object]:
    """Durable-rules time for `documents` documents, each repetition on a different slice of the
    corpus (documents differ a lot in cost: one about a root action meets every provision under
    it), so that the smallest sizes are not one lucky or unlucky document."""
    from compliance.engine.durable_evaluator import DurableEvaluator

    law = synthetic.corpus(shape)
    evaluator = DurableEvaluator(law)
    setup = timed(_checker(evaluator, law, [synthetic.document(10**6, shape)]))  # not a timed document
    samples: list[float] = []
    cpu: list[float] = []  # CPU seconds: on a busy machine a long run is preempted more than a short one
    findings: list[int] = []
    while len(samples) < repeats and sum(samples) < budget:
        docs = list(synthetic.documents(documents, shape, start=len(samples) * documents))
        check = _checker(evaluator, law, docs)
        start, start_cpu = time.perf_counter(), time.process_time()
        findings.append(check())  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "setup_seconds": setup,
        "seconds": summary(samples),
        "cpu_seconds": summary(cpu),
        "rulesets": evaluator.ruleset_count,
        "findings": int(statistics.median(findings)),
    }


def scaling(scale: Scale) -> dict[str, object]:
    """Durable-rules time against clauses (100 provisions) and against provisions (fixed clauses)."""
    by_clauses = []
    for clauses in scale.scaling_clauses:
        per_document = min(10, clauses)
        shape = synthetic.Shape(provisions=100, clauses=per_document, savings=0.1)
        row = _durable_time(shape, clauses // per_document, scale.repeats)
        by_clauses.append({"clauses": clauses, **row})
    by_provisions = []
    for provisions in scale.scaling_provisions:
        shape = synthetic.Shape(provisions=provisions, clauses=10, savings=0.1)
        row = _durable_time(shape, max(1, scale.scaling_provision_clauses // 10), scale.repeats)
        by_provisions.append({"provisions": provisions, **row})

    def fit(rows: list[dict[str, object]], key: str) -> dict[str, float]:
        """Exponents fitted to CPU seconds, which a shared machine's load distorts least."""
        sizes = [float(r[key]) for r in rows]  # type: ignore[arg-type]
        times = [r["cpu_seconds"]["median"] for r in rows]  # type: ignore[index]
        upper = min(len(rows) // 2, len(rows) - 2)  # at least two points in the larger half
        return {"all": exponent(sizes, times), "upper_half": exponent(sizes[upper:], times[upper:])}

    return {
        "clauses": by_clauses,
        "clauses_exponent": fit(by_clauses, "clauses"),
        "provisions": by_provisions,
        "provisions_exponent": fit(by_provisions, "provisions"),
    }


def memory(scale: Scale) -> dict[str, object]:
    """Peak RSS of a fresh process checking N documents, for the two sizes, each in its own child."""
    rows = []
    for documents in scale.memory_documents:
        argv = [sys.executable, "-m", "benchmarks.memory_child", str(documents), str(scale.memory_provisions)]
        done = _run(argv, timeout=600)
        if done.returncode != 0:
            return {"error": done.stderr.strip()[-500:]}
        rows.append(json.loads(done.stdout))
    small, large = rows
    return {
        "runs": rows,
        "growth": large["peak_rss_kib"] / small["peak_rss_kib"] - 1,
    }


def interactions(scale: Scale) -> dict[str, object]:
    """`compliance interactions --reading all` on the bundled corpus, if the command exists yet."""
    argv = [*_compliance(), "interactions", "--reading", "all"]
    try:
        probe = _run(argv, timeout=scale.interactions_timeout)
    except subprocess.TimeoutExpired:
        return {"available": True, "error": f"did not finish within {scale.interactions_timeout} s"}
    if probe.returncode == 2 and "invalid choice" in probe.stderr:
        return {"available": False, "note": "not available: no `interactions` command in this checkout"}
    if probe.returncode not in (0, 1):
        return {"available": True, "error": f"exited {probe.returncode}: {probe.stderr.strip()[-300:]}"}
    samples = [timed(lambda: _run(argv, timeout=scale.interactions_timeout)) for _ in range(scale.interactions_repeats)]
    return {"available": True, "command": "compliance interactions --reading all", "seconds": summary(samples)}


def bounded(scale: Scale) -> dict[str, object]:
    """Issue 19's shapes at growing sizes, each with its growth exponent (see `benchmarks/bounded.py`)."""
    from benchmarks.bounded import bounded as measure

    return measure(tiny=scale is TINY)


def environment() -> dict[str, object]:
    """What the figures were measured on, and how busy it was."""
    commit = _run(["git", "rev-parse", "--short", "HEAD"]) if shutil.which("git") else None
    return {
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "commit": commit.stdout.strip() if commit and commit.returncode == 0 else None,
    }
