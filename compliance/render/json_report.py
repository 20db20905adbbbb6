"""Versioned JSON: the machine-readable report (schema documented in the README).

Keys are sorted and lists keep the engine's deterministic order, so the same
input gives byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from compliance.analysis.result import CheckResult, DocumentReport
from compliance.render import Context

FORMAT_VERSION = "1.2"
"""1.1: `as_of` at the top; per verdict, the status on that date, `status_note` and `counts`.
1.2: per document, `jurisdiction` and `notices` (an unknown jurisdiction, a date before adoption, a version
whose text is not in the sources)."""


def _document(document: DocumentReport) -> dict[str, Any]:
    return {
        "id": document.document_id,
        "title": document.title,
        "issuer": document.issuer,
        "path": document.path,
        "jurisdiction": document.jurisdiction,
        "notices": list(document.notices),
        "verdicts": [
            {
                "provision": v.provision,
                "cite": v.cite,
                "instrument": v.instrument,
                "status": v.status,
                "status_note": v.status_note,
                "counts": v.status == "in-force",
                "reading": report.reading,
                "verdict": v.verdict,
                "reason": v.reason,
                "supremacy": v.supremacy,
                "clauses": list(v.clauses),
            }
            for report in document.readings
            for v in report.verdicts
        ],
        "findings": [
            {
                "clause": e.finding.clause,
                "provision": e.finding.provision,
                "reading": e.finding.reading,
                "relation": e.finding.relation,
                "overlap": list(e.finding.overlap),
                "savings": list(e.finding.savings),
                "explanation": list(e.explanation),
            }
            for report in document.readings
            for e in report.findings
        ],
        "beyond": [
            {"clause": b.clause, "reading": report.reading, "instruments": list(b.instruments)}
            for report in document.readings
            for b in report.beyond
        ],
    }


def render(result: CheckResult, context: Context | None = None) -> str:
    """The whole result as one JSON document (it needs nothing beyond the result)."""
    payload = {
        "version": FORMAT_VERSION,
        "evaluator": result.evaluator,
        "readings": list(result.readings),
        "exit_code": result.exit_code,
        "as_of": None if result.as_of is None else {"date": result.as_of.day.isoformat(), "given": result.as_of.given},
        "documents": [_document(d) for d in result.documents],
    }
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
