"""The terminal summary of a draft: each clause, the fields found and the words that triggered them.

Why this shape: a reviewer should see at a glance, clause by clause, what
the drafter decided and on which words, and what it could not decide.
"""

from __future__ import annotations

from compliance.model.policy import Clause, Evidence, PolicyDocument, UnclassifiedClause


def _head(clause: Clause) -> str:
    scope = f"{clause.modality} {', '.join(clause.action)}"
    if clause.exceptions:
        scope += f" except {', '.join(clause.exceptions)}"
    if clause.preserves is not None:
        scope += " (savings clause)"
    return f"{clause.key}  {scope}"


def _evidence(items: tuple[Evidence, ...]) -> list[str]:
    width = max((len(e.value) for e in items), default=0)
    return [f"    {e.field:<11} {e.value:<{width}}  ← “{e.phrase}” [{e.start}:{e.end}]" for e in items]


def _unclassified(item: UnclassifiedClause) -> list[str]:
    text = item.text if len(item.text) <= 100 else item.text[:97] + "..."
    lines = [f"{item.key}  UNCLASSIFIED: {(item.note or '').split(':')[0]}", f"    “{text}”"]
    return lines + _evidence(item.evidence)


def render(policy: PolicyDocument, output: str | None, kind: str, passages: int) -> str:
    """The summary as text, ending with what was written and what is left to do."""
    lines = [
        f"Draft of “{policy.title}” ({policy.id}) from {policy.draft.drafted_from if policy.draft else '?'} ({kind})"
    ]
    lines.append("")
    for clause in policy.clauses:
        lines.append(_head(clause))
        lines.extend(_evidence(clause.evidence))
    for item in policy.unclassified:
        if lines[-1]:
            lines.append("")
        lines.extend(_unclassified(item))
    lines.append("")
    unclassified = ", ".join(u.key for u in policy.unclassified) or "none"
    clauses = f"{len(policy.clauses)} clause{'' if len(policy.clauses) == 1 else 's'}"
    lines.append(
        f"{clauses} drafted from {passages} passage{'' if passages == 1 else 's'}; unclassified: {unclassified}."
    )
    if policy.clauses:
        where = output or "standard output"
        lines.append(f"Wrote {where} (draft, unreviewed): review every clause, then set draft.status: reviewed.")
    else:
        lines.append("Nothing could be drafted: no passage has both a modality and an action the rules recognise.")
    if policy.draft is not None and policy.draft.note and "Not given:" in policy.draft.note:
        lines.append(policy.draft.note[policy.draft.note.index("Not given:") :])
    return "\n".join(lines) + "\n"
