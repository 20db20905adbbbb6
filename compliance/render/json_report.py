"""Versioned JSON: the machine-readable report (schema documented in docs/reference/json-output.md).

Keys are sorted and lists keep the engine's deterministic order, so the same
input gives byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from compliance.analysis.result import CheckResult, DocumentReport
from compliance.render import Context
from compliance.render._escape import json_text

FORMAT_VERSION = "1.2"
"""1.1: `as_of` at the top; per verdict, the status on that date, `status_note` and `counts`.
1.2: `fail_on` at the top; per reading (`readings_on_date`), whether it was held, by what authority,
its standing in the document's jurisdiction and the interpretations it accepted; per verdict,
`fails` (what --fail-on counts), `stated` and the validity overlay `enforceability`."""


def _document(document: DocumentReport, result: CheckResult) -> dict[str, Any]:
    return {
        "id": document.document_id,
        "title": document.title,
        "issuer": document.issuer,
        "path": document.path,
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
                "clauses": list(v.clauses),
                "fails": result.counts(report, v),
                "stated": v.stated,
                "enforceability": v.enforceability,
            }
            for report in document.readings
            for v in report.verdicts
        ],
        "readings_on_date": [
            {
                "reading": report.reading,
                "held": report.held,
                "held_note": report.held_note,
                "authorities": list(report.authorities),
                "standing": report.standing,
                "counts_by_authority": report.counts,
                "interpretations": list(report.interpretations),
            }
            for report in document.readings
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
        "fail_on": result.fail_on.describe(),
        "documents": [_document(d, result) for d in result.documents],
    }
    return json_text(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
