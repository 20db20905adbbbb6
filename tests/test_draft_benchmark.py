"""The drafting benchmark runs, meets its targets on a small sample, and writes sorted JSON."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_draft_quality_benchmark_meets_its_targets(tmp_path: Path, capsys, monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location("draft_quality", ROOT / "benchmarks" / "draft_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "draft_quality", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    out = tmp_path / "q.json"
    assert module.main(["--json", str(out), "--count", "24"]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["targets"] == {
        "bundled_verdict_cells_all_same": True,
        "synthetic_development_field_recall_at_least_90": True,
    }
    assert (
        figures["bundled"]["verdict_cells"]["durable"]["same"]
        == figures["bundled"]["verdict_cells"]["durable"]["total"]
    )
    assert set(figures["synthetic"]) >= {"development", "held-out", "seed", "clauses"}
    printed = capsys.readouterr().out
    assert "precision" in printed and "verdict cells the same (durable)" in printed
