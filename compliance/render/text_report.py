"""The terminal report: a verdict matrix per document, then findings by reading and clause.

The report fits the width the command gives (the terminal's, `COLUMNS`
first): the verdict matrix shows each provision's citation in its last
column, clipped to the room left, and is stacked one provision a block when
even the verdicts do not fit; every other line folds at spaces. A conflict
with law not in force on the date has its own mark and colour (`marks`).

Tables are laid out by `tabulate` (imported when this format renders, so other
formats never pay for it; it costs about 10 ms against rich's 20 ms, and the
whole `check` start-up is a measured target). Colour is ANSI SGR, on only when
the command says so (a terminal, no NO_COLOR); tabulate measures cells without
the escape codes, so coloured and plain reports have the same layout.
"""

from __future__ import annotations

from compliance.analysis.as_of import MAY_APPLY
from compliance.analysis.result import CheckResult, DocumentReport, ProvisionVerdict, ReadingReport
from compliance.render import Context, marks
from compliance.render._common import (
    MARK,
    binding_conflicts,
    conflicting_documents,
    conflicts_word,
    potential_conflicts,
    result_line,
    status_word,
    verdict_cell,
    verdict_rows,
)
from compliance.render._escape import scrub
from compliance.render.marks import not_in_force_conflict

_SGR = {
    "conflicts": "31;1",
    "potential-conflict": "35",
    "not-held": "2",
    "complies": "32",
    "satisfies": "32",
    "partially-satisfies": "33",
    "neutralised": "36",
    "not-addressed": "33",
    "not-applicable": "2",
    "heading": "1",
    "dim": "2",
    "off": "35",
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


def _table_width(header: list[str], rows: list[list[str]]) -> int:
    """The width `_table` lays these plain cells out in: indent, columns, two spaces between."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return 2 + sum(widths) + 2 * (len(widths) - 1)


def _clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, the cut shown by an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _wrap(text: str, width: int | None, indent: str, hang: str = "    ") -> list[str]:
    """One report line folded at spaces to the width, continuation lines indented further.

    Words longer than a line (a URL) are never broken: a line may then run past the width.
    """
    if width is None or len(indent) + len(text) <= width:
        return [indent + text]
    import textwrap

    return textwrap.wrap(
        text,
        width=max(width, len(indent) + len(hang) + 20),
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _painted(lines: list[str], lead: str, paint: _Paint, style: str) -> list[str]:
    """`lines` with their leading words `lead` painted, when the fold left them whole on the first line."""
    first = lines[0]
    stripped = first.lstrip(" ")
    if paint.on and stripped.startswith(lead):
        lines[0] = first[: len(first) - len(stripped)] + paint(lead, style) + stripped[len(lead) :]
    return lines


def _cell(verdict: ProvisionVerdict, paint: _Paint, day: str | None = None) -> tuple[str, str]:
    """A verdict's table cell, plain and painted: a conflict that does not count has its own mark and colour;
    a reading not held on the date says so, with the date."""
    if not_in_force_conflict(verdict):
        return marks.CELL, paint(marks.CELL, "off")
    text = verdict_cell(verdict, day)
    return text, paint(text, verdict.verdict)


_MIN_CITATION = 12
"""The narrowest citation column worth showing; below it the matrix is stacked, one provision a block."""


def _matrix(document: DocumentReport, paint: _Paint, width: int | None, day: str | None = None) -> list[str]:
    """Provisions down, readings across, citations last (clipped to the width); stacked when too narrow."""
    rows = [(first, [_cell(v, paint, day) for v in verdicts]) for first, verdicts in verdict_rows(document)]
    header = ["provision", "status", *(r.reading for r in document.readings)]
    plain = [[first.provision, status_word(first.status), *(c for c, _ in cells)] for first, cells in rows]
    keep = None if width is None else width - _table_width(header, plain) - 2
    lines: list[str]
    if keep is None or keep >= _MIN_CITATION:
        table = [
            [*p[:2], *(painted for _, painted in cells), first.cite if keep is None else _clip(first.cite, keep)]
            for p, (first, cells) in zip(plain, rows, strict=True)
        ]
        lines = _table([*header, "citation"], table)
    else:
        lines = _stacked(document, rows, paint, width)
    if any(not_in_force_conflict(v) for r in document.readings for v in r.verdicts):
        lines += _painted(_wrap(marks.LEGEND, width, "  "), marks.MARK, paint, "off")
    return lines


def _stacked(
    document: DocumentReport,
    rows: list[tuple[ProvisionVerdict, list[tuple[str, str]]]],
    paint: _Paint,
    width: int | None,
) -> list[str]:
    """The matrix for a narrow terminal: per provision its id, status and citation, then each reading's verdict."""
    lines: list[str] = []
    readings = [r.reading for r in document.readings]
    for first, cells in rows:
        lines += _wrap(f"{first.provision}  {status_word(first.status)}  {first.cite}", width, "  ")
        if len({c for c, _ in cells}) == 1 and len(cells) > 1:  # the readings agree: say it once
            lines += [f"      every reading: {cells[0][1]}"]
            continue
        plain = "; ".join(f"{reading}: {c}" for reading, (c, _) in zip(readings, cells, strict=True))
        folded = _wrap(plain, width, "      ", "  ")
        if paint.on:
            text = "\n".join(folded)
            for reading, (c, painted) in zip(readings, cells, strict=True):
                text = text.replace(f"{reading}: {c}", f"{reading}: {painted}", 1)
            folded = text.split("\n")
        lines += folded
    return lines


def _dated_law(document: DocumentReport, day: str, width: int | None) -> list[str]:
    """Law not in force on the date (reported, never counted), and law in force whose later undated event may apply."""
    notes = {
        v.instrument: (v.status, v.status_note)
        for v in document.readings[0].verdicts
        if v.status_note and v.verdict != "not-applicable"
    }
    absent = [
        line
        for i, (status, note) in notes.items()
        if status != "in-force"
        for line in _wrap(f"{i}: {note}", width, "    ")
    ]
    unsure = [
        line
        for i, (status, note) in notes.items()
        if status == "in-force" and MAY_APPLY in note
        for line in _wrap(f"{i}: {note}", width, "    ")
    ]
    lines = []
    if absent:
        lines += ["", *_wrap(f"Not in force on {day} (reported, not counted):", width, "  "), *absent]
    if unsure:
        lines += [
            "",
            *_wrap(f"In force on {day}, counted, with a later event of unrecorded date:", width, "  "),
            *unsure,
        ]
    return lines


def _not_applicable(document: DocumentReport, width: int | None) -> list[str]:
    """Why each provision that does not apply does not: its jurisdiction, its issuers, or the document itself."""
    if not document.readings:
        return []
    reasons: dict[str, list[str]] = {}
    for verdict in document.readings[0].verdicts:
        if verdict.verdict == "not-applicable":
            reasons.setdefault(verdict.reason, []).append(verdict.provision)
    if not reasons:
        return []
    lines = ["", "  Not applicable:"]
    for why, ids in reasons.items():
        lines += _wrap(f"{', '.join(ids)}: {why}", width, "    ")
    return lines


def _reading(report: ReadingReport, paint: _Paint, width: int | None) -> list[str]:
    lines = [paint(f"Under reading '{report.reading}':", "heading")]
    if report.standing:
        lines += _wrap(f"held by: {report.standing}", width, "  ")
    if report.held_note:
        lines += _wrap(report.held_note, width, "  ")
        if not report.findings and all(v.verdict == "not-held" for v in report.verdicts):
            return lines
    for words in report.interpretations:
        lines += _wrap(f"accepted interpretation: {words}", width, "  ")
    verdicts = {v.provision: v for v in report.verdicts}
    clause = None
    for explained in report.findings:
        finding = explained.finding
        if finding.clause != clause:
            clause = finding.clause
            lines += _wrap(f"clause {clause}", width, "  ")
        verdict = verdicts[finding.provision]
        saved = f" by {', '.join(finding.savings)}" if finding.savings else ""
        label = marks.relation_label(finding.relation, verdict.status)
        lead = label if label == marks.LABEL else f"{MARK[finding.relation]} {finding.relation}"
        style = "off" if label == marks.LABEL else finding.relation
        text = f"{lead}{saved}: {finding.provision} ({verdict.cite})"
        lines += _painted(_wrap(text, width, "    "), lead, paint, style)
        lines += _wrap(explained.explanation[-1], width, "        ")
    if not report.findings:
        lines.append("  no clause meets any provision")
    for verdict in report.verdicts:
        if verdict.verdict in ("conflicts", "potential-conflict", "not-addressed"):
            lead = marks.verdict_label(verdict)
            question = f"; {verdict.supremacy}" if verdict.supremacy else ""
            flag = "" if verdict.status == "in-force" else f" [{marks.note(verdict.status)}]"
            shade = "off" if lead == marks.LABEL else verdict.verdict
            lines += _painted(
                _wrap(f"{lead}: {verdict.cite}: {verdict.reason}{question}{flag}", width, "  "), lead, paint, shade
            )
        if verdict.enforceability and verdict.verdict != "not-applicable":
            lines += _wrap(f"validity: {verdict.cite}: {verdict.enforceability}", width, "  ")
    for item in report.beyond:
        text = (
            f"beyond: clause {item.clause} is required by no provision"
            f" (weighed against {', '.join(item.instruments) or 'no instrument that demands anything'})"
        )
        lines += _wrap(text, width, "  ")
    return lines


def _summary_words(conflicts: int, potential: int) -> str:
    """A summary cell: the conflicts, and the potential conflicts beside them ("ok" when neither)."""
    parts = [conflicts_word(conflicts)] if conflicts else []
    if potential:
        parts.append(f"{potential} potential")
    return ", ".join(parts) or "ok"


def _summary(result: CheckResult, paint: _Paint, width: int | None) -> list[str]:
    """One row per document: how many provisions in force it conflicts with under each reading."""
    rows, plain = [], []
    for document in result.documents:
        counts, potential = binding_conflicts(document), potential_conflicts(document)
        words = [_summary_words(n, potential[reading]) for reading, n in counts.items()]
        styles = ["conflicts" if n else "potential-conflict" if potential[r] else "complies" for r, n in counts.items()]
        cells = [paint(w, style) for w, style in zip(words, styles, strict=True)]
        rows.append([document.document_id, document.path, *cells])
        plain.append([document.document_id, document.path, *words])
    header = ["document", "path", *result.readings]
    if width is None or _table_width(header, plain) <= width:
        table = _table(header, rows)
    else:
        table = []
        for document, words in zip(result.documents, plain, strict=True):
            table += _wrap(f"{document.document_id} ({document.path})", width, "  ")
            table += _wrap(
                "; ".join(f"{r}: {w}" for r, w in zip(result.readings, words[2:], strict=True)), width, "      ", "  "
            )
    conflicting = conflicting_documents(result)
    return [
        paint("Summary:", "heading"),
        *table,
        *_wrap(
            f"{len(result.documents)} documents, {conflicting} in conflict with law in force under some reading",
            width,
            "  ",
        ),
        "",
    ]


QUIET = True
"""`--quiet` keeps the date, the summary table and the result line."""


def render(result: CheckResult, context: Context | None = None) -> str:
    """The report as text, coloured when the context says so, folded to the context's width."""
    paint = _Paint(bool(context and context.colour))
    width = context.width if context is not None else None
    result = scrub(result)  # before painting: the colour codes are the only control sequences it may hold
    out: list[str] = []
    if result.as_of is not None:
        out += [*_wrap(f"Law as of {result.as_of.describe()}", width, ""), ""]
    quiet = bool(context and context.quiet)
    for document in () if quiet else result.documents:
        out += [paint(line, "heading") for line in _wrap(f"{document.title} ({document.document_id})", width, "")]
        governs = f"; governs {document.jurisdiction}" if document.jurisdiction else ""
        out += _wrap(f"{document.path}; issued by {document.issuer}{governs}", width, "  ")
        for notice in document.notices:
            out += _wrap(f"note: {notice}", width, "  ")
        out.append("")
        if not any(report.verdicts for report in document.readings):
            continue  # a version whose text is not in the sources: the note says so, nothing is checked
        out.extend(_matrix(document, paint, width, result.as_of.day.isoformat() if result.as_of else None))
        out.extend(_not_applicable(document, width))
        if result.as_of is not None:
            out.extend(_dated_law(document, result.as_of.day.isoformat(), width))
        for report in document.readings:
            out.append("")
            out.extend(_reading(report, paint, width))
        out.append("")
    if len(result.documents) > 1 or quiet:
        out.extend(_summary(result, paint, width))
    basis, line = result_line(result).split("\n", 1)
    out += _wrap(basis.strip(), width, "  ")
    # never folded: scripts and people read the last line whole (`tail -1`)
    out.append(line)
    return "\n".join(out) + "\n"
