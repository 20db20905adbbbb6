"""The timeline as versioned JSON: every step's events, every cell, and what changed."""

from __future__ import annotations

import json
from typing import Any

from compliance.analysis.timeline import Cell, Step, TimelineResult
from compliance.render import Context
from compliance.render._escape import json_text

FORMAT_VERSION = "1.0"


def _cell(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {"reading": cell.reading, "provision": cell.provision, "verdict": cell.verdict, "status": cell.status}


def _step(step: Step, readings: tuple[str, ...]) -> dict[str, Any]:
    return {
        "date": step.date.isoformat(),
        "events": [{"kind": e.kind, "subject": e.subject, "label": e.label, "source": e.source} for e in step.events],
        "conflicts": {r: step.conflicts(r) for r in readings},
        "cells": [_cell(c) for c in step.cells],
        "changes": [{"before": _cell(c.before), "after": _cell(c.after)} for c in step.changes],
        "record": [
            {
                "authority": c.entry.authority,
                "wording": c.entry.wording,
                "law": c.entry.provision or c.entry.instrument,
                "reading": c.entry.reading,
                "outcome": c.outcome,
                "tool_verdict": c.tool_verdict,
                "why": c.why,
            }
            for c in step.record
        ],
    }


def render(result: TimelineResult, context: Context | None = None) -> str:
    """One JSON document (sorted keys: byte-identical for the same input)."""
    payload = {
        "version": FORMAT_VERSION,
        "report": "timeline",
        "document": {"id": result.document_id, "title": result.title, "path": result.path},
        "readings": list(result.readings),
        "evaluator": result.evaluator,
        "from": result.start.isoformat() if result.start else None,
        "to": result.end.isoformat() if result.end else None,
        "today": result.today.isoformat(),
        "steps": [_step(s, result.readings) for s in result.steps],
    }
    return json_text(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
