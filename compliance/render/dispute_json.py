"""The dispute as versioned JSON: the same rows, clauses, partings and savings reach as the text report."""

from __future__ import annotations

import json
from typing import Any

from compliance.analysis.dispute import DisputeResult, SavingsReach
from compliance.render import Context
from compliance.render._escape import json_text

FORMAT_VERSION = "1.0"


def _savings(saving: SavingsReach, readings: list[str]) -> dict[str, Any]:
    return {
        "clause": saving.clause,
        "preserves": {"action": list(saving.preserves), "counterpart": list(saving.counterpart)},
        "readings": [
            {
                "reading": reach.reading,
                "neutralises": [{"clause": c, "provision": p} for c, p in reach.neutralises],
                "does_not_reach": [
                    {"clause": u.clause, "provision": u.provision, "outside": list(u.outside)} for u in reach.unreached
                ],
                "because": list(reach.because),
            }
            for reach in saving.readings
        ],
    }


def render(result: DisputeResult, context: Context | None = None) -> str:
    """The whole dispute as one JSON document (sorted keys: byte-identical for the same input)."""
    readings = [r.id for r in result.readings]
    document = result.document
    payload = {
        "version": FORMAT_VERSION,
        "report": "dispute",
        "evaluator": result.check.evaluator,
        "exit_code": result.exit_code,
        "as_of": {"date": result.as_of.day.isoformat(), "given": result.as_of.given},
        "document": {
            "id": document.document_id,
            "title": document.title,
            "issuer": document.issuer,
            "path": document.path,
        },
        "readings": [
            {
                "id": r.id,
                "title": r.title,
                "held_by": [h.name for h in r.held_by],
                "authorities": list(r.authorities),
                "since": r.since.isoformat() if r.since else None,
                "until": r.until.isoformat() if r.until else None,
                "sources": [{"url": s.url, "quote": " ".join(s.quote.split()) if s.quote else None} for s in r.sources],
            }
            for r in result.readings
        ],
        "provisions": [
            {
                "provision": row.provision,
                "cite": row.cite,
                "instrument": row.instrument,
                "status": row.status,
                "status_note": row.status_note,
                "counts": row.status == "in-force",
                "verdicts": dict(zip(readings, row.verdicts, strict=True)),
                "differs": row.differs,
            }
            for row in result.rows
        ],
        "clauses": [
            {
                "clause": d.clause,
                "text": " ".join(d.text.split()),
                "provisions": [
                    {
                        "provision": s.provision,
                        "cite": s.cite,
                        "status": s.status,
                        "relations": {
                            reading: {"relation": rel.relation, "savings": list(rel.savings)}
                            for reading, rel in zip(readings, s.relations, strict=True)
                        },
                    }
                    for s in d.splits
                ],
                "because": [{"reading": b.reading, "step": b.step, "why": b.why} for b in d.because],
            }
            for d in result.clauses
        ],
        "partings": [{"reading": p.reading, "from": p.base, "clauses": list(p.clauses)} for p in result.partings],
        "savings": [_savings(s, readings) for s in result.savings],
    }
    return json_text(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
