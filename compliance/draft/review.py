"""What `compliance check` says about drafts before its table, and whether a draft should fail CI.

Why a notice and not a refusal: a draft is worth checking (that is how a
reviewer sees what it would mean), but no verdict on an unreviewed draft may
pass for a verdict on the policy, and unclassified passages are never
evaluated, so the reader is told how many there are before any table.
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.model.policy import PolicyDocument


def is_unreviewed(document: PolicyDocument) -> bool:
    """A draft not yet marked reviewed, or any clause still marked unreviewed, or unclassified text."""
    draft_open = document.draft is not None and document.draft.status == "unreviewed"
    return draft_open or bool(document.unclassified) or any(c.review == "unreviewed" for c in document.clauses)


def notice(documents: Sequence[PolicyDocument]) -> list[str]:
    """One line per document that is a draft or holds unreviewed or unclassified clauses."""
    lines = []
    for document in documents:
        if not is_unreviewed(document):
            continue
        state = f"draft from {document.draft.drafted_from}" if document.draft else "clauses"
        open_clauses = sum(c.review == "unreviewed" for c in document.clauses)
        line = f"Unreviewed {state} ({document.id}): {open_clauses} of {len(document.clauses)} clauses unreviewed"
        if document.unclassified:
            keys = ", ".join(u.key for u in document.unclassified)
            line += f"; {len(document.unclassified)} unclassified, not evaluated: {keys}"
        lines.append(line + ".")
    return lines
