"""The terminal report: a verdict matrix per document, then findings by reading and clause."""

from __future__ import annotations

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
    for document in result.documents:
        out.append(f"{document.title} ({document.document_id})")
        out.append(f"  {document.path}; issued by {document.issuer}")
        out.append("")
        out.extend(_matrix(document))
        for report in document.readings:
            out.append("")
            out.extend(_reading(report))
        out.append("")
    verdict = "conflicts with law in force" if result.exit_code else "no conflict with law in force"
    out.append(f"Result: {verdict} (readings: {', '.join(result.readings)}; engine: {result.evaluator})")
    return "\n".join(out) + "\n"
