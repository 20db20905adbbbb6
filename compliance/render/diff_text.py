"""The diff of two policy versions as a terminal report: clause changes, then changes under each reading."""

from __future__ import annotations

from compliance.analysis.diff import ClauseMatch, DiffResult, ReadingDiff
from compliance.render import Context
from compliance.render._escape import report_text
from compliance.render.dispute_text import table


def _clause(match: ClauseMatch) -> list[str]:
    if match.matched_by == "removed":
        kept = f" (a savings clause: preserved {match.preserves})" if match.preserves else ""
        return ["-", str(match.old), f"removed{kept}"]
    if match.matched_by == "added":
        kept = f" (a savings clause: preserves {match.preserves})" if match.preserves else ""
        return ["+", str(match.new), f"added{kept}"]
    name = str(match.new) if match.old == match.new else f"{match.old} → {match.new}"
    how = "same number" if match.matched_by == "number" else f"matched by text (similarity {match.similarity:.2f})"
    if not match.changed:
        return ["=", name, how]
    return ["~", name, f"{how}; changed: {', '.join(match.changed)}"]


def _status(status: str) -> str:
    return "in force" if status == "in-force" else f"{status}, not counted"


def _reading(diff: ReadingDiff) -> list[str]:
    if diff.empty:
        return [f"Under reading '{diff.reading}': no verdict changes; no finding of a clause in both versions changes"]
    lines = [f"Under reading '{diff.reading}':"]
    if diff.verdicts:
        lines.append("  verdicts:")
        rows = [[v.provision, _status(v.status), f"{v.old} → {v.new}", v.cite] for v in diff.verdicts]
        lines.extend(table(rows, "    "))
    else:
        lines.append("  verdicts: no changes")
    if diff.findings:
        lines.append("  findings:")
        for f in diff.findings:
            clause = f.clause if f.old_clause == f.clause else f"{f.old_clause} → {f.clause}"
            lines.append(f"    clause {clause} × {f.provision} ({f.cite}): {f.old} → {f.new}")
    return lines


def render(result: DiffResult, context: Context | None = None) -> str:
    """The diff as plain text."""
    old, new = result.old, result.new
    out = [
        f"Diff: {old.path} → {new.path}",
        f"  old: {old.title} ({old.document_id})",
        f"  new: {new.title} ({new.document_id})",
        f"Law as of {result.as_of.describe()}",
        "",
        "Clauses (= same, ~ changed, - removed, + added):",
        *table([_clause(m) for m in result.clauses]),
    ]
    for reading in result.readings:
        out.append("")
        out.extend(_reading(reading))
    out.append("")
    if result.new_conflicts:
        verdict = (
            f"the new version conflicts with law in force where the old did not ({', '.join(result.new_conflicts)})"
        )
    else:
        verdict = "no new conflict with law in force"
    readings = ", ".join(r.reading for r in result.readings)
    out.append(f"Result: {verdict} (readings: {readings}; engine: {result.check.evaluator})")
    return report_text("\n".join(out) + "\n")
