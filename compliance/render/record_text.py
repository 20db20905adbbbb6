"""The record replay as text: each recorded verdict beside the tool's, then the disagreements and the total."""

from __future__ import annotations

from compliance.analysis.record import Case, RecordResult
from compliance.render import Context
from compliance.render._escape import report_text

_OUTCOME = {"agrees": "agrees", "disagrees": "DISAGREES", "not-compared": "not compared"}


def _law(case: Case) -> str:
    entry = case.entry
    return entry.provision or entry.instrument or "?"


def _case(case: Case) -> list[str]:
    entry = case.entry
    reading = f" under '{entry.reading}'" if entry.reading else ""
    said = f"{entry.authority} ({entry.authority_kind}): {entry.wording}, {_law(case)}{reading}"
    lines = [
        f"  {entry.date.isoformat()}  {said}" + (f", clause {entry.clause}" if entry.clause else ""),
        f"      said ({entry.basis}): {entry.said}",
        f"      source: {entry.source}",
    ]
    if case.outcome == "not-compared":
        lines.append(f"      not compared: {case.why}")
    else:
        lines.append(f"      tool: {case.tool_verdict} — {_OUTCOME[case.outcome]} ({case.why})")
    return lines


def total_line(result: RecordResult) -> str:
    """The agreement figure, said the same way in every format that prints one line."""
    skipped = len(result.cases) - result.compared
    if result.agreement is None:
        return f"no recorded verdict could be compared ({skipped} not compared)"
    share = f"{100 * result.agreement:.0f}%"
    return f"{result.agreeing} of {result.compared} compared verdicts agree ({share}); {skipped} not compared"


QUIET = True
"""`--quiet` keeps the record's total line and the result line."""


def render(result: RecordResult, context: Context | None = None) -> str:
    """The whole replay."""
    lines: list[str] = []
    current = None
    for case in result.cases:
        if case.path != current:
            if lines:
                lines.append("")
            lines.append(f"{case.path} ({case.document_id})")
            current = case.path
        lines.extend(_case(case))
    disagreements = [c for c in result.cases if c.outcome == "disagrees"]
    if disagreements:
        lines += ["", "Disagreements:"]
        for case in disagreements:
            lines.append(
                f"  {case.document_id}, {case.entry.date.isoformat()}, {case.entry.authority}: said "
                f"{case.entry.wording}, tool {case.tool_verdict} — {case.why}"
                + (f"; note: {case.entry.note}" if case.entry.note else "")
            )
    if context is not None and context.quiet:
        lines = []
    lines += ["", f"Record: {total_line(result)} (engine: {result.evaluator})"]
    if result.min_agreement is not None:
        wanted = f"{100 * result.min_agreement:.0f}%"
        lines.append(f"Result: {'ok' if result.exit_code == 0 else 'below'} the minimum agreement of {wanted}")
    return report_text("\n".join(lines) + "\n")
