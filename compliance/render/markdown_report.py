"""Markdown for a pull-request comment: the verdict table first, findings folded under <details>.

GitHub-flavoured Markdown: pipe tables and raw <details> blocks, so a long
report stays one screen until a reviewer opens a reading.
"""

from __future__ import annotations

from compliance.analysis.result import CheckResult, DocumentReport, ProvisionVerdict, ReadingReport
from compliance.render import Context, marks
from compliance.render._common import (
    MARK,
    binding_conflicts,
    conflicting_documents,
    conflicts_word,
    status_word,
    verdict_rows,
)
from compliance.render._escape import report_text


def _escape(text: str) -> str:
    """Text safe inside a table cell or list item: no pipes, no raw HTML, no line breaks."""
    flat = " ".join(text.split())
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _verdict(verdict: ProvisionVerdict) -> str:
    if verdict.verdict == "conflicts":
        return (
            "❌ **conflicts**" if verdict.binding_conflict else f"{marks.LABEL} ({marks.status_phrase(verdict.status)})"
        )
    return {
        "complies": "✅ complies",
        "potential-conflict": "❔ potential-conflict",
        "not-addressed": "➖ not-addressed",
        "not-applicable": "not applicable",
        "not-held": "not held",
    }[verdict.verdict]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _matrix(document: DocumentReport) -> list[str]:
    header = ["provision", "citation", "status", *(f"`{r.reading}`" for r in document.readings)]
    lines = [_row(header), _row(["---"] * len(header))]
    for first, verdicts in verdict_rows(document):
        lines.append(
            _row([f"`{first.provision}`", _escape(first.cite), status_word(first.status), *map(_verdict, verdicts)])
        )
    if any(marks.not_in_force_conflict(v) for r in document.readings for v in r.verdicts):
        lines += ["", _escape(marks.LEGEND)]
    return lines


def _reading(report: ReadingReport) -> list[str]:
    verdicts = {v.provision: v for v in report.verdicts}
    conflicts = sum(v.binding_conflict for v in report.verdicts)
    title = f"Under reading <code>{report.reading}</code>: {conflicts} conflicts with law in force"
    lines = ["<details>", f"<summary>{title}</summary>", ""]
    for explained in report.findings:
        finding = explained.finding
        saved = f" by clause {', '.join(finding.savings)}" if finding.savings else ""
        verdict = verdicts[finding.provision]
        label = marks.relation_label(finding.relation, verdict.status)
        shown = _escape(label) if label == marks.LABEL else f"`{MARK[finding.relation]}` {finding.relation}"
        lines.append(
            f"- clause **{_escape(finding.clause)}** {shown}{saved}: "
            f"`{finding.provision}` ({_escape(verdict.cite)}): {_escape(explained.explanation[-1])}"
        )
    if not report.findings:
        lines.append("- no clause meets any provision")
    for verdict in report.verdicts:
        if verdict.verdict in ("conflicts", "not-addressed"):
            flag = "" if verdict.status == "in-force" else f" ({marks.note(verdict.status)})"
            shown = _escape(marks.LABEL) if marks.not_in_force_conflict(verdict) else f"**{verdict.verdict}**"
            lines.append(f"- {shown}: {_escape(verdict.cite)}: {_escape(verdict.reason)}{flag}")
    for item in report.beyond:
        against = ", ".join(f"`{i}`" for i in item.instruments) or "no instrument that demands anything"
        lines.append(
            f"- beyond: clause **{_escape(item.clause)}** is required by no provision (weighed against {against})"
        )
    lines += ["", "</details>"]
    return lines


def _summary(result: CheckResult) -> list[str]:
    header = ["document", "path", *(f"`{r}`" for r in result.readings)]
    lines = ["### Summary", "", _row(header), _row(["---"] * len(header))]
    for document in result.documents:
        counts = binding_conflicts(document).values()
        cells = [f"❌ {conflicts_word(n)}" if n else "✅ ok" for n in counts]
        lines.append(_row([f"`{document.document_id}`", f"`{document.path}`", *cells]))
    lines += [
        "",
        f"{len(result.documents)} documents, {conflicting_documents(result)} in conflict with law in force.",
        "",
    ]
    return lines


COMMENT_LIMIT = 65_536
"""GitHub's limit on a comment's characters: a longer report cannot be posted at all."""


def _head(result: CheckResult) -> list[str]:
    verdict = "❌ conflicts with law in force" if result.in_conflict else "✅ no conflict with law in force"
    readings = ", ".join(f"`{r}`" for r in result.readings)
    out = [f"## compliance: {verdict}", "", f"Readings: {readings}; engine: `{result.evaluator}`.", ""]
    if result.as_of is not None:
        out[-1:] = [f"Law as of {result.as_of.describe()}.", ""]
    return out


def _full(result: CheckResult) -> str:
    out = _head(result)
    if len(result.documents) > 1:
        out.extend(_summary(result))
    for document in result.documents:
        out += [f"### {_escape(document.title)}", "", f"`{document.path}`, issued by {_escape(document.issuer)}", ""]
        out.extend(_matrix(document))
        for report in document.readings:
            out.append("")
            out.extend(_reading(report))
        out.append("")
    return "\n".join(out)


def _short(result: CheckResult, full_length: int) -> str:
    """The summary form: per document, its count per reading and the provisions in force it conflicts with.

    Documents are cut, and the cut said, if even this would pass the limit.
    """
    out = _head(result)
    out += [
        f"> **Summary form**: the full report is {full_length:,} characters, over GitHub's"
        f" {COMMENT_LIMIT:,}-character comment limit. For every finding, write the full report to a file"
        " (`--format markdown --output report.md`, or `--format html`).",
        "",
        f"{len(result.documents)} documents, {conflicting_documents(result)} in conflict with law in force.",
        "",
    ]
    header = ["document", "path", *(f"`{r}`" for r in result.readings), "conflicts with law in force"]
    out += [_row(header), _row(["---"] * len(header))]
    used = sum(len(line) + 1 for line in out)
    for shown, document in enumerate(result.documents):
        counts = binding_conflicts(document).values()
        cells = [f"❌ {conflicts_word(n)}" if n else "✅ ok" for n in counts]
        cites = dict.fromkeys(_escape(v.cite) for r in document.readings for v in r.verdicts if v.binding_conflict)
        row = report_text(_row([f"`{document.document_id}`", f"`{document.path}`", *cells, "; ".join(cites) or "none"]))
        tail = f"… and {len(result.documents) - shown:,} more documents, not shown (the comment limit)."
        if used + len(row) + 1 + len(tail) + 3 > COMMENT_LIMIT:
            out += ["", tail]
            break
        out.append(row)
        used += len(row) + 1
    return report_text("\n".join(out) + "\n")


def render(result: CheckResult, context: Context | None = None) -> str:
    """The whole result as one Markdown comment, or its summary form when that would pass GitHub's limit."""
    full = report_text(_full(result))
    return full if len(full) <= COMMENT_LIMIT else _short(result, len(full))
