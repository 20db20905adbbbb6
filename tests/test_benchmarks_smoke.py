"""The benchmarks run end to end on a tiny corpus and write well-formed figures.

No time is asserted here (speed is measured only by `python benchmarks/run.py`);
this only keeps the benchmark scripts from rotting, and checks that the
synthetic corpus is deterministic and that both evaluators agree on it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks import corpus as synthetic
from compliance.engine.durable_evaluator import DurableEvaluator
from compliance.engine.reference import ReferenceEvaluator

ROOT = Path(__file__).resolve().parent.parent


def test_the_synthetic_corpus_is_seeded() -> None:
    shape = synthetic.Shape(provisions=30, vocabulary=40, clauses=5, savings=0.3)
    assert synthetic.corpus(shape) == synthetic.corpus(shape)
    assert list(synthetic.documents(3, shape)) == list(synthetic.documents(3, shape))
    other = synthetic.Shape(provisions=30, vocabulary=40, clauses=5, savings=0.3, seed=8)
    assert synthetic.corpus(other).provisions != synthetic.corpus(shape).provisions
    law = synthetic.corpus(shape)
    assert len(law.provisions) == 30 and len(law.taxonomy.terms("actions")) == 40
    documents = list(synthetic.documents(20, shape))
    assert all(len(d.clauses) == 5 for d in documents)
    assert any(c.preserves is not None for d in documents for c in d.clauses)


def test_both_evaluators_agree_on_a_synthetic_corpus() -> None:
    shape = synthetic.Shape(provisions=60, vocabulary=30, clauses=6, savings=0.3, seed=3)
    law = synthetic.corpus(shape)
    durable, reference = DurableEvaluator(law), ReferenceEvaluator(law)
    relations = set()
    for document in synthetic.documents(15, shape):
        for reading in law.readings:
            ours = durable.evaluate(document, reading, law.provisions)
            assert ours == reference.evaluate(document, reading, law.provisions), (document.id, reading.id)
            relations |= {f.relation for f in ours}
    assert {"conflicts", "neutralised", "satisfies", "partially-satisfies"} <= relations


def test_run_writes_the_table_and_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--tiny", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    assert {"startup", "throughput", "scaling", "memory", "interactions"} <= results.keys()
    assert "error" not in results["startup"] and results["startup"]["ratio"] > 0
    assert all(row["agree"] for row in results["throughput"])
    assert len(results["scaling"]["provisions"]) == 2 and results["memory"]["runs"][1]["documents"] == 4
    assert "interactions" in done.stdout and "throughput" in done.stdout and str(out) in done.stdout
