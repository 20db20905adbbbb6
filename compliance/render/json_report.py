"""Versioned JSON: the machine-readable report (schema documented in docs/reference/json-output.md).

Keys are sorted and lists keep the engine's deterministic order, so the same
input gives byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from compliance.analysis.result import CheckResult, DocumentReport
from compliance.render import Context, marks
from compliance.render._escape import json_text

FORMAT_VERSION = "1.4"
"""1.1: `as_of` at the top; per verdict, the status on that date, `status_note` and `counts`.
1.2: per verdict its `label` (the words every format shows, `(!) conflicts, not in force` for a conflict
with law not in force); per finding `status` and `counts`; `labels` at the top defines the mark.
1.3: per document, `jurisdiction` and `notices` (an unknown jurisdiction, a date before adoption, a version
whose text is not in the sources); per verdict, `supremacy`.
1.4: `fail_on` at the top; per reading (`readings_on_date`), whether it was held, by what authority,
its standing in the document's jurisdiction and the interpretations it accepted; per verdict,
`fails` (what --fail-on counts), `stated` and the validity overlay `enforceability`."""


def _document(document: DocumentReport, result: CheckResult) -> dict[str, Any]:
    statuses = {v.provision: v.status for r in document.readings[:1] for v in r.verdicts}
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
                "label": marks.verdict_label(v),
                "reason": v.reason,
                "supremacy": v.supremacy,
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
                "status": statuses[e.finding.provision],
                "counts": statuses[e.finding.provision] == "in-force",
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
        "labels": {marks.LABEL: marks.LEGEND},
        "as_of": None if result.as_of is None else {"date": result.as_of.day.isoformat(), "given": result.as_of.given},
        "fail_on": result.fail_on.describe(),
        "documents": [_document(d, result) for d in result.documents],
    }
    return json_text(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
