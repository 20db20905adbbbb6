"""The record replay as versioned JSON."""

from __future__ import annotations

import json
from typing import Any

from compliance.analysis.record import Case, RecordResult
from compliance.render import Context
from compliance.render._escape import json_text

FORMAT_VERSION = "1.0"


def _case(case: Case) -> dict[str, Any]:
    entry = case.entry
    return {
        "document": case.document_id,
        "path": case.path,
        "authority": entry.authority,
        "authority_kind": entry.authority_kind,
        "date": entry.date.isoformat(),
        "wording": entry.wording,
        "said": entry.said,
        "basis": entry.basis,
        "source": entry.source,
        "instrument": entry.instrument,
        "provision": entry.provision,
        "clause": entry.clause,
        "reading": entry.reading,
        "note": entry.note,
        "outcome": case.outcome,
        "tool_verdict": case.tool_verdict,
        "why": case.why,
        "clauses": list(case.clauses),
    }


def render(result: RecordResult, context: Context | None = None) -> str:
    """One JSON document (sorted keys: byte-identical for the same input)."""
    payload = {
        "version": FORMAT_VERSION,
        "report": "record",
        "evaluator": result.evaluator,
        "compared": result.compared,
        "agreeing": result.agreeing,
        "agreement": None if result.agreement is None else round(result.agreement, 4),
        "min_agreement": result.min_agreement,
        "exit_code": result.exit_code,
        "cases": [_case(c) for c in result.cases],
    }
    return json_text(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
