"""`suggest` as versioned JSON: conflicts, the edits that resolve them, and each edit's RFC 6902 patch.

A rejected edit carries no patch: `suggest` never offers an edit that
leaves a provision worse off, only says what it would break. Keys are
sorted and lists keep the result's order (conflicts by reading,
clause and provision; edits smallest first), so the same input gives
byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from compliance.analysis.suggest import Break, Edit, SuggestResult
from compliance.render import Context
from compliance.render._escape import json_text

FORMAT_VERSION = "1.0"


def _break(item: Break) -> dict[str, Any]:
    return {
        "reading": item.reading,
        "provision": item.provision,
        "cite": item.cite,
        "status": item.status,
        "before": {"verdict": item.before.verdict, "fully_satisfied": item.before.full},
        "after": {"verdict": item.after.verdict, "fully_satisfied": item.after.full},
        "new_conflicts": list(item.new_conflicts),
    }


def _edit(edit: Edit) -> dict[str, Any]:
    candidate = edit.candidate
    return {
        "id": edit.id,
        "kind": candidate.kind,
        "clause": candidate.clause,
        "summary": candidate.summary,
        "size": candidate.size,
        "accepted": edit.accepted,
        "resolves": [{"reading": r, "clause": c, "provision": p} for r, c, p in edit.resolves],
        "breaks": [_break(b) for b in edit.breaks],
        "patch": list(candidate.ops) if edit.accepted else None,
    }


def render(result: SuggestResult, context: Context | None = None) -> str:
    """The whole result as JSON."""
    data = {
        "version": FORMAT_VERSION,
        "document": {"id": result.document_id, "title": result.title, "path": result.path},
        "as_of": {"date": result.as_of.day.isoformat(), "given": result.as_of.given},
        "readings": list(result.readings),
        "evaluator": result.evaluator,
        "exit_code": result.exit_code,
        "size_unit": "vocabulary cells (action x person x counterpart) the edit changes in what the policy says",
        "candidates": {"generated": result.generated, "pruned": result.pruned, "verified": len(result.edits)},
        "conflicts": [
            {
                "reading": c.target.reading,
                "clause": c.target.clause,
                "provision": c.target.provision,
                "cite": c.cite,
                "status": c.status,
                "points": [{"action": a, "counterpart": k} for a, k in c.target.points],
                "potential": c.target.potential,
                "resolved_by": list(c.resolved_by),
                "rejected": list(c.rejected),
                "withheld": c.withheld,
            }
            for c in result.conflicts
        ],
        "edits": [_edit(e) for e in result.edits],
    }
    return json_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
