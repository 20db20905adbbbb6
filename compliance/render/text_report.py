"""The terminal report: a verdict matrix per document, then findings by reading and clause."""

from __future__ import annotations

from compliance.analysis.as_of import MAY_APPLY
from compliance.analysis.result import CheckResult, DocumentReport, ReadingReport

_MARK = {"satisfies": "+", "partially-satisfies": "~", "conflicts": "!", "neutralised": "="}


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def _matrix(document: DocumentReport) -> list[str]:
    header = ["provision", "status", *(r.reading for r in document.readings)]
    rows = [header]
    for i, first in enumerate(document.readings[0].verdicts):
        cells = [r.verdicts[i].verdict for r in document.readings]
        status = first.status if first.status != "in-force" else "in force"
        rows.append([first.provision, status, *cells])
    return _table(rows)


def _dated_law(document: DocumentReport, day: str) -> list[str]:
    """Law not in force on the date (reported, never counted), and law in force whose later undated event may apply."""
    notes = {v.instrument: (v.status, v.status_note) for v in document.readings[0].verdicts if v.status_note}
    absent = [f"    {i}: {note}" for i, (status, note) in notes.items() if status != "in-force"]
    unsure = [f"    {i}: {note}" for i, (status, note) in notes.items() if status == "in-force" and MAY_APPLY in note]
    lines = []
    if absent:
        lines += ["", f"  Not in force on {day} (reported, not counted):", *absent]
    if unsure:
        lines += ["", f"  In force on {day}, counted, with a later event of unrecorded date:", *unsure]
    return lines


def _reading(report: ReadingReport) -> list[str]:
    lines = [f"Under reading '{report.reading}':"]
    cites = {v.provision: v.cite for v in report.verdicts}
    clause = None
    for explained in report.findings:
        finding = explained.finding
        if finding.clause != clause:
            clause = finding.clause
            lines.append(f"  clause {clause}")
        saved = f" by {', '.join(finding.savings)}" if finding.savings else ""
        lines.append(
            f"    {_MARK[finding.relation]} {finding.relation}{saved}: {finding.provision} ({cites[finding.provision]})"
        )
        lines.append(f"        {explained.explanation[-1]}")
    if not report.findings:
        lines.append("  no clause meets any provision")
    for verdict in report.verdicts:
        if verdict.verdict in ("conflicts", "not-addressed"):
            flag = "" if verdict.status == "in-force" else f" [{verdict.status}: does not fail the check]"
            lines.append(f"  {verdict.verdict}: {verdict.cite}: {verdict.reason}{flag}")
    for item in report.beyond:
        lines.append(
            f"  beyond: clause {item.clause} is required by no provision"
            f" (weighed against {', '.join(item.instruments) or 'no instrument that demands anything'})"
        )
    return lines


def render(result: CheckResult) -> str:
    """The report as plain text."""
    out: list[str] = []
    if result.as_of is not None:
        out += [f"Law as of {result.as_of.describe()}", ""]
    for document in result.documents:
        out.append(f"{document.title} ({document.document_id})")
        out.append(f"  {document.path}; issued by {document.issuer}")
        out.append("")
        out.extend(_matrix(document))
        if result.as_of is not None:
            out.extend(_dated_law(document, result.as_of.day.isoformat()))
        for report in document.readings:
            out.append("")
            out.extend(_reading(report))
        out.append("")
    verdict = "conflicts with law in force" if result.exit_code else "no conflict with law in force"
    out.append(f"Result: {verdict} (readings: {', '.join(result.readings)}; engine: {result.evaluator})")
    return "\n".join(out) + "\n"
