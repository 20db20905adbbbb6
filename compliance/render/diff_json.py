"""The diff of two policy versions as versioned JSON: the same clause matches and changes as the text."""

from __future__ import annotations

import json
from typing import Any

from compliance.analysis.diff import DiffResult
from compliance.analysis.result import DocumentReport
from compliance.render import Context
from compliance.render._escape import json_text

FORMAT_VERSION = "1.0"


def _document(document: DocumentReport) -> dict[str, Any]:
    return {"id": document.document_id, "title": document.title, "path": document.path}


def render(result: DiffResult, context: Context | None = None) -> str:
    """The diff as one JSON document (sorted keys: byte-identical for the same input)."""
    payload = {
        "version": FORMAT_VERSION,
        "report": "diff",
        "evaluator": result.check.evaluator,
        "exit_code": result.exit_code,
        "new_conflicts": list(result.new_conflicts),
        "as_of": {"date": result.as_of.day.isoformat(), "given": result.as_of.given},
        "old": _document(result.old),
        "new": _document(result.new),
        "clauses": [
            {
                "old": m.old,
                "new": m.new,
                "matched_by": m.matched_by,
                "similarity": m.similarity,
                "changed": list(m.changed),
                "preserves": m.preserves,
            }
            for m in result.clauses
        ],
        "readings": [
            {
                "reading": r.reading,
                "verdicts": [
                    {
                        "provision": v.provision,
                        "cite": v.cite,
                        "status": v.status,
                        "counts": v.status == "in-force",
                        "old": v.old,
                        "new": v.new,
                    }
                    for v in r.verdicts
                ],
                "findings": [
                    {
                        "old_clause": f.old_clause,
                        "clause": f.clause,
                        "provision": f.provision,
                        "cite": f.cite,
                        "old": f.old,
                        "new": f.new,
                    }
                    for f in r.findings
                ],
            }
            for r in result.readings
        ],
    }
    return json_text(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
