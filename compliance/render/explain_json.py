"""The chains of `compliance explain` as versioned JSON: the same steps, in the same order, as the text."""

from __future__ import annotations

import json

from compliance.analysis.chain import ExplainResult
from compliance.render._escape import json_text

FORMAT_VERSION = "1.0"


def render(result: ExplainResult) -> str:
    """The explanation as one JSON document (sorted keys: byte-identical for the same input)."""
    payload = {
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
    return json_text(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
