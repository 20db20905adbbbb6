"""The terminal report: a verdict matrix per document, then findings by reading and clause.

Tables are laid out by `tabulate` (imported when this format renders, so other
formats never pay for it; it costs about 10 ms against rich's 20 ms, and the
whole `check` start-up is a measured target). Colour is ANSI SGR, on only when
the command says so (a terminal, no NO_COLOR); tabulate measures cells without
the escape codes, so coloured and plain reports have the same layout.
"""

from __future__ import annotations

from compliance.analysis.as_of import MAY_APPLY
from compliance.analysis.result import CheckResult, DocumentReport, ReadingReport
from compliance.render import Context
from compliance.render._common import (
    MARK,
    binding_conflicts,
    conflicting_documents,
    conflicts_word,
    status_word,
    verdict_rows,
)

_SGR = {
    "conflicts": "31;1",
    "complies": "32",
    "satisfies": "32",
    "partially-satisfies": "33",
    "neutralised": "36",
    "not-addressed": "33",
    "not-applicable": "2",
    "heading": "1",
    "dim": "2",
}


class _Paint:
    """Wraps words in ANSI colour when colour is on; the identity otherwise."""

    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, word: str, style: str | None = None) -> str:
        code = _SGR.get(style or word)
        return f"\x1b[{code}m{word}\x1b[0m" if self.on and code else word


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    import tabulate

    tabulate.MIN_PADDING = 0  # columns two spaces apart, as the plain format's separator says
    text = tabulate.tabulate(rows, headers=header, tablefmt="plain", disable_numparse=True, stralign="left")
    return ["  " + line.rstrip() for line in text.splitlines()]


def _matrix(document: DocumentReport, paint: _Paint) -> list[str]:
    header = ["provision", "status", *(r.reading for r in document.readings)]
    rows = [
        [first.provision, status_word(first.status), *(paint(v.verdict) for v in verdicts)]
        for first, verdicts in verdict_rows(document)
    ]
    return _table(header, rows)


def _dated_law(document: DocumentReport, day: str) -> list[str]:
    """Law not in force on the date (reported, never counted), and law in force whose later undated event may apply."""
    notes = {
        v.instrument: (v.status, v.status_note)
        for v in document.readings[0].verdicts
        if v.status_note and v.verdict != "not-applicable"
    }
    absent = [f"    {i}: {note}" for i, (status, note) in notes.items() if status != "in-force"]
    unsure = [f"    {i}: {note}" for i, (status, note) in notes.items() if status == "in-force" and MAY_APPLY in note]
    lines = []
    if absent:
        lines += ["", f"  Not in force on {day} (reported, not counted):", *absent]
    if unsure:
        lines += ["", f"  In force on {day}, counted, with a later event of unrecorded date:", *unsure]
    return lines


def _not_applicable(document: DocumentReport) -> list[str]:
    """Why each provision that does not apply does not: its jurisdiction, its issuers, or the document itself."""
    if not document.readings:
        return []
    reasons: dict[str, list[str]] = {}
    for verdict in document.readings[0].verdicts:
        if verdict.verdict == "not-applicable":
            reasons.setdefault(verdict.reason, []).append(verdict.provision)
    if not reasons:
        return []
    return ["", "  Not applicable:", *(f"    {', '.join(ids)}: {why}" for why, ids in reasons.items())]


def _reading(report: ReadingReport, paint: _Paint) -> list[str]:
    lines = [paint(f"Under reading '{report.reading}':", "heading")]
    cites = {v.provision: v.cite for v in report.verdicts}
    clause = None
    for explained in report.findings:
        finding = explained.finding
        if finding.clause != clause:
            clause = finding.clause
            lines.append(f"  clause {clause}")
        saved = f" by {', '.join(finding.savings)}" if finding.savings else ""
        relation = paint(f"{MARK[finding.relation]} {finding.relation}", finding.relation)
        lines.append(f"    {relation}{saved}: {finding.provision} ({cites[finding.provision]})")
        lines.append(f"        {explained.explanation[-1]}")
    if not report.findings:
        lines.append("  no clause meets any provision")
    for verdict in report.verdicts:
        if verdict.verdict in ("conflicts", "not-addressed"):
            flag = "" if verdict.status == "in-force" else f" [{verdict.status}: does not fail the check]"
            question = f"; {verdict.supremacy}" if verdict.supremacy else ""
            lines.append(f"  {paint(verdict.verdict)}: {verdict.cite}: {verdict.reason}{question}{flag}")
    for item in report.beyond:
        lines.append(
            f"  beyond: clause {item.clause} is required by no provision"
            f" (weighed against {', '.join(item.instruments) or 'no instrument that demands anything'})"
        )
    return lines


def _summary(result: CheckResult, paint: _Paint) -> list[str]:
    """One row per document: how many provisions in force it conflicts with under each reading."""
    rows = []
    for document in result.documents:
        counts = binding_conflicts(document)
        cells = [paint(conflicts_word(n), "conflicts") if n else paint("ok", "complies") for n in counts.values()]
        rows.append([document.document_id, document.path, *cells])
    conflicting = conflicting_documents(result)
    return [
        paint("Summary:", "heading"),
        *_table(["document", "path", *result.readings], rows),
        f"  {len(result.documents)} documents, {conflicting} in conflict with law in force under some reading",
        "",
    ]


def render(result: CheckResult, context: Context | None = None) -> str:
    """The report as text, coloured when the context says so."""
    paint = _Paint(bool(context and context.colour))
    out: list[str] = []
    if result.as_of is not None:
        out += [f"Law as of {result.as_of.describe()}", ""]
    for document in result.documents:
        out.append(paint(f"{document.title} ({document.document_id})", "heading"))
        governs = f"; governs {document.jurisdiction}" if document.jurisdiction else ""
        out.append(f"  {document.path}; issued by {document.issuer}{governs}")
        out.extend(f"  note: {notice}" for notice in document.notices)
        out.append("")
        if not any(report.verdicts for report in document.readings):
            continue  # a version whose text is not in the sources: the note says so, nothing is checked
        out.extend(_matrix(document, paint))
        out.extend(_not_applicable(document))
        if result.as_of is not None:
            out.extend(_dated_law(document, result.as_of.day.isoformat()))
        for report in document.readings:
            out.append("")
            out.extend(_reading(report, paint))
        out.append("")
    if len(result.documents) > 1:
        out.extend(_summary(result, paint))
    verdict = "conflicts with law in force" if result.exit_code else "no conflict with law in force"
    out.append(f"Result: {verdict} (readings: {', '.join(result.readings)}; engine: {result.evaluator})")
    return "\n".join(out) + "\n"
