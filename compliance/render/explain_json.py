"""The chains of `compliance explain` as versioned JSON: the same steps, in the same order, as the text."""

from __future__ import annotations

import json
from typing import Any

from compliance.analysis.explanation import ExplainResult
from compliance.render import Context
from compliance.render._escape import json_text

FORMAT_VERSION = "1.0"


def render(result: ExplainResult, context: Context | None = None) -> str:
    """The explanation as one JSON document (sorted keys: byte-identical for the same input)."""
    payload: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "report": "explain",
        "exit_code": result.exit_code,
        "document": {"id": result.document_id, "title": result.title, "path": result.path},
        "clauses": [
            {
                "clause": c.key,
                "modality": c.modality,
                "text": " ".join(c.text.split()),
                "verified": c.verified,
            }
            for c in result.clauses
        ],
        "provision": result.provision,
        "readings": [r.id for r in result.readings],
        "entries": [
            {
                "reading": e.reading,
                "clause": e.clause,
                "provision": e.provision,
                "cite": e.cite,
                "relation": e.relation,
                "savings": list(e.savings),
                "chain": [{"kind": s.kind, "text": s.text, "reading": s.reading} for s in e.chain],
            }
            for e in result.entries
        ],
    }
    if result.as_of is not None:  # only when asked for: without --as-of the report is the same as ever
        payload["as_of"] = result.as_of.day.isoformat()
        for entry in payload["entries"]:
            entry["status"] = result.statuses[entry["provision"]]
    return json_text(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
