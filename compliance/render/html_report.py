"""A single self-contained HTML report: readable offline, sent as one file.

Per document: the verdict per provision and reading, the clause × provision
matrix with each reading side by side in its own sub-column and cells coloured
by relation, and every finding under its reading, expandable (<details>, no
script) to its derivation, the clause's text and the quoted law. Styles are
inline and nothing is loaded from a network; links to sources are plain links.
Every piece of text from a YAML file is escaped.
"""

from __future__ import annotations

import re
from html import escape

from compliance.analysis.result import CheckResult, DocumentReport, ProvisionVerdict, ReadingReport
from compliance.render import Context, marks
from compliance.render._common import (
    binding_conflicts,
    conflicting_documents,
    conflicts_word,
    status_word,
    verdict_rows,
)
from compliance.render._escape import report_text

_UNSAFE_IN_ID = re.compile(r"[^A-Za-z0-9-]")
SYMBOL = {"conflicts": "✗", "potential-conflict": "?", "neutralised": "⊘", "satisfies": "✓", "partially-satisfies": "◐"}

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;
  color:#1d2430;background:#f6f7f9}
header,section{margin:0 auto;max-width:1400px;padding:12px 24px}
header{background:#1d2430;color:#fff;max-width:none}
h1{margin:4px 0;font-size:22px}h2{font-size:19px;margin:18px 0 4px}h3{font-size:16px;margin:18px 0 6px}
.result{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:600}
.result.fail{background:#c62828}.result.pass{background:#2e7d32}
.meta{color:#5b6473;margin:2px 0}header .meta{color:#cfd6e0}
table{border-collapse:collapse;background:#fff;margin:6px 0}
th,td{border:1px solid #d5d9e0;padding:3px 6px;text-align:left;vertical-align:top}
thead th{background:#eef0f4;font-weight:600}
.matrix td{text-align:center;min-width:22px;font-weight:700}
.wide{overflow-x:auto}.matrix a{color:inherit;text-decoration:none}
.matrix th.clause{min-width:220px;max-width:300px;font-weight:400;font-size:12px}
.matrix th.clause b{display:block;font-size:14px}
.matrix th.prov{font-size:12px;text-align:center;white-space:nowrap}
.matrix th.rd{font-size:11px;font-weight:400;text-align:center}
.v-complies,.r-satisfies{background:#d7f0d9;color:#1b5e20}
.v-conflicts,.r-conflicts{background:#f8d0d0;color:#8e1111}
.v-conflicts.off,.r-conflicts.off{background:#fbe9d6;color:#8a4b08}
.r-neutralised{background:#d4ecf7;color:#0b5474}
.r-partially-satisfies,.v-not-addressed{background:#fdf1c7;color:#6d5200}
.v-not-applicable{color:#8b93a1}.r-none{color:#c0c5ce}
.readings{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px}
.reading{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:8px 12px}
.reading h3{margin:2px 0}.reading p{margin:4px 0}
.findings{display:grid;grid-template-columns:repeat(var(--n),minmax(300px,1fr));gap:12px;overflow-x:auto}
.column{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:6px 10px}
details{border-left:4px solid #c0c5ce;margin:6px 0;padding:2px 8px;background:#fafbfc}
details.r-conflicts{border-color:#c62828}details.r-conflicts.off{border-color:#e0913a}details.r-neutralised{border-color:#0b78a8}
details.r-satisfies{border-color:#2e7d32}details.r-partially-satisfies{border-color:#b58900}
details.finding{background:#fafbfc;color:inherit}details summary{cursor:pointer}
blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid #9aa3b2;background:#fff}
blockquote footer{font-size:12px;color:#5b6473}
ol.steps{padding-left:20px;margin:6px 0}
.legend span{display:inline-block;padding:0 6px;margin-right:6px;border-radius:3px}
ul.notes{padding-left:18px}
"""


def _id(*parts: str) -> str:
    """An HTML id from report keys, one to one (clause keys hold spaces and brackets).

    Why one to one: clauses "(a)" and "[a]" once shared an anchor, so a link
    opened the wrong finding. Letters, digits and hyphens stay; every other
    character (`_` and `.` too) is written `_<hex>_`, and parts are joined by
    `.`, which no written part contains: the id can be read back to its parts.
    """
    return ".".join(_UNSAFE_IN_ID.sub(lambda m: f"_{ord(m.group()):x}_", part) for part in parts)


def _verdict_cell(verdict: ProvisionVerdict) -> str:
    off = "" if verdict.status == "in-force" or verdict.verdict != "conflicts" else " off"
    title = escape(f"{verdict.reason} ({status_word(verdict.status)})", quote=True)
    if off:
        title = escape(f"{verdict.reason} ({marks.note(verdict.status)})", quote=True)
    return f'<td class="v-{verdict.verdict}{off}" title="{title}">{escape(marks.verdict_label(verdict))}</td>'


def _verdicts(document: DocumentReport) -> str:
    head = "".join(f'<th class="rd-h">{escape(r.reading)}</th>' for r in document.readings)
    rows = []
    for first, verdicts in verdict_rows(document):
        cells = "".join(_verdict_cell(v) for v in verdicts)
        rows.append(
            f"<tr><th><code>{escape(first.provision)}</code></th><td>{escape(first.cite)}</td>"
            f"<td>{escape(status_word(first.status))}</td>{cells}</tr>"
        )
    return (
        '<table class="verdicts"><thead><tr><th>provision</th><th>citation</th><th>status</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _matrix(document: DocumentReport, context: Context) -> str:
    """Clauses down, provisions across, one sub-column per reading; only provisions some clause meets."""
    found = {(e.finding.clause, e.finding.provision, r.reading): e for r in document.readings for e in r.findings}
    provisions = [
        (first.provision, first.cite)
        for first, _ in verdict_rows(document)
        if any(p == first.provision for _, p, _ in found)
    ]
    statuses = {v.provision: v.status for v in document.readings[0].verdicts}
    policy = context.policy(document.path)
    if policy is not None:
        clauses = [(c.key, c.text) for c in policy.document.clauses]
    else:
        clauses = [(key, "") for key in dict.fromkeys(c for c, _, _ in found)]
    readings = [r.reading for r in document.readings]
    span = len(readings)
    top = "".join(
        f'<th class="prov" colspan="{span}" title="{escape(cite, quote=True)}"><code>{escape(pid)}</code></th>'
        for pid, cite in provisions
    )
    sub = "".join(f'<th class="rd">{escape(r)}</th>' for _ in provisions for r in readings)
    rows = []
    for key, text in clauses:
        cells = []
        for pid, cite in provisions:
            for reading in readings:
                hit = found.get((key, pid, reading))
                relation = hit.finding.relation if hit else "none"
                label = marks.relation_label(relation, statuses[pid])
                off = " off" if label == marks.LABEL else ""
                said = f"{label} ({marks.note(statuses[pid])})" if off else relation
                title = escape(f"clause {key} × {cite} under {reading}: {said}", quote=True)
                mark = escape(marks.MARK) if off else SYMBOL.get(relation, "·")
                if hit:
                    mark = f'<a href="#{_id(document.document_id, reading, key, pid)}">{mark}</a>'
                cells.append(f'<td class="r-{relation}{off}" data-reading="{reading}" title="{title}">{mark}</td>')
        flat = " ".join(text.split())
        snippet = escape(flat if len(flat) <= 70 else flat[:69].rstrip() + "…")
        rows.append(f'<tr><th class="clause"><b>{escape(key)}</b>{snippet}</th>{"".join(cells)}</tr>')
    return (
        '<div class="wide"><table class="matrix"><thead>'
        f'<tr><th rowspan="2">clause</th>{top}</tr><tr>{sub}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _law(context: Context, provision_id: str, status: str) -> str:
    """The provision's words, citation and source; `status` is its status on the report's date."""
    if context.corpus is None:
        return ""
    located = context.corpus.provision(provision_id)
    provision, instrument = located.provision, located.instrument
    note = "" if provision.verified else f" · not verbatim: {escape(provision.note or '')}"
    return (
        f'<blockquote class="law"><p>{escape(provision.text)}</p>'
        f"<footer>{escape(provision.cite)} · {escape(instrument.title)} · {escape(status_word(status))}"
        f' · <a href="{escape(provision.source, quote=True)}">source</a>{note}</footer></blockquote>'
    )


def _clause_text(context: Context, document: DocumentReport, key: str) -> str:
    policy = context.policy(document.path)
    clause = next((c for c in policy.document.clauses if c.key == key), None) if policy else None
    if clause is None:
        return ""
    note = "" if clause.verified else f" · not verbatim: {escape(clause.note or '')}"
    return (
        f'<blockquote class="clause"><p>{escape(clause.text)}</p>'
        f"<footer>clause {escape(key)} of {escape(document.title)}{note}</footer></blockquote>"
    )


def _column(document: DocumentReport, report: ReadingReport, context: Context) -> str:
    cites = {v.provision: v.cite for v in report.verdicts}
    statuses = {v.provision: v.status for v in report.verdicts}
    conflicts = sum(v.binding_conflict for v in report.verdicts)
    parts = [
        f'<div class="column" data-reading="{escape(report.reading, quote=True)}">',
        f"<h4>{escape(report.reading)}: {conflicts} conflicts with law in force</h4>",
    ]
    for explained in report.findings:
        finding = explained.finding
        saved = f" by clause {', '.join(finding.savings)}" if finding.savings else ""
        steps = "".join(f"<li>{escape(step)}</li>" for step in explained.explanation)
        label = marks.relation_label(finding.relation, statuses[finding.provision])
        off = " off" if label == marks.LABEL else ""
        head = escape(label + saved) if off else f"{SYMBOL[finding.relation]} {escape(finding.relation + saved)}"
        parts.append(
            f'<details class="finding r-{finding.relation}{off}" '
            f'id="{_id(document.document_id, report.reading, finding.clause, finding.provision)}">'
            f"<summary>clause <b>{escape(finding.clause)}</b> {head}: {escape(cites[finding.provision])}</summary>"
            f'<ol class="steps">{steps}</ol>{_clause_text(context, document, finding.clause)}'
            f"{_law(context, finding.provision, statuses[finding.provision])}</details>"
        )
    if not report.findings:
        parts.append("<p>No clause meets any provision.</p>")
    notes = []
    for verdict in report.verdicts:
        if verdict.verdict in ("conflicts", "not-addressed"):
            flag = "" if verdict.status == "in-force" else f" ({escape(marks.note(verdict.status))})"
            shown = escape(marks.LABEL) if marks.not_in_force_conflict(verdict) else f"<b>{verdict.verdict}</b>"
            notes.append(f"<li>{shown}: {escape(verdict.cite)}: {escape(verdict.reason)}{flag}</li>")
    for item in report.beyond:
        against = ", ".join(item.instruments) or "no instrument that demands anything"
        notes.append(f"<li>beyond: clause {escape(item.clause)} is required by no provision ({escape(against)})</li>")
    if notes:
        parts.append(f'<ul class="notes">{"".join(notes)}</ul>')
    parts.append("</div>")
    return "".join(parts)


def _legend_note(document: DocumentReport) -> str:
    """The definition of the not-in-force mark, under a verdict table that shows it."""
    if not any(marks.not_in_force_conflict(v) for r in document.readings for v in r.verdicts):
        return ""
    return f'<p class="meta not-in-force">{escape(marks.LEGEND)}</p>'


def _document(document: DocumentReport, context: Context) -> str:
    columns = "".join(_column(document, r, context) for r in document.readings)
    legend = "".join(f'<span class="r-{relation}">{symbol} {relation}</span>' for relation, symbol in SYMBOL.items())
    legend += f'<span class="r-conflicts off" title="{escape(marks.LEGEND, quote=True)}">{escape(marks.LABEL)}</span>'
    return (
        f'<section class="document" id="{_id("doc", document.document_id)}">'
        f"<h2>{escape(document.title)}</h2>"
        f'<p class="meta"><code>{escape(document.path)}</code> · issued by {escape(document.issuer)}</p>'
        f'<h3>Clause × provision matrix</h3><p class="legend">{legend}'
        f'<span class="r-none">· scopes do not meet</span></p>{_matrix(document, context)}'
        f"<h3>Verdicts</h3>{_verdicts(document)}{_legend_note(document)}"
        f'<h3>Findings by reading</h3><div class="findings" style="--n:{len(document.readings)}">{columns}</div>'
        "</section>"
    )


def _readings(result: CheckResult, context: Context) -> str:
    if context.corpus is None:
        return ""
    cards = []
    for reading_id in result.readings:
        reading = context.corpus.reading(reading_id)
        held = "; ".join(f"{h.name} [{h.authority}]" for h in reading.held_by)
        cards.append(
            f'<article class="reading" id="{_id("reading", reading.id)}"><h3>{escape(reading.id)}</h3>'
            f'<p><b>{escape(reading.title)}</b></p><p class="meta">held by {escape(held)}</p>'
            f"<details><summary>summary</summary><p>{escape(reading.summary)}</p></details></article>"
        )
    return f'<section><h2>Readings</h2><div class="readings">{"".join(cards)}</div></section>'


def _summary(result: CheckResult) -> str:
    head = "".join(f"<th>{escape(r)}</th>" for r in result.readings)
    rows = []
    for document in result.documents:
        cells = "".join(
            f'<td class="v-conflicts">{conflicts_word(n)}</td>' if n else '<td class="v-complies">ok</td>'
            for n in binding_conflicts(document).values()
        )
        rows.append(
            f'<tr><th><a href="#{_id("doc", document.document_id)}">{escape(document.document_id)}</a></th>'
            f"<td><code>{escape(document.path)}</code></td>{cells}</tr>"
        )
    return (
        f'<section><h2>Summary</h2><table class="summary"><thead><tr><th>document</th><th>path</th>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p>{len(result.documents)} documents, {conflicting_documents(result)} in conflict with law in force "
        "under some reading.</p></section>"
    )


def render(result: CheckResult, context: Context | None = None) -> str:
    """The whole report as one HTML page."""
    context = context or Context()
    failed = result.in_conflict
    verdict = "conflicts with law in force" if failed else "no conflict with law in force"
    body = [
        "<header><h1>Compliance report</h1>"
        f'<p><span class="result {"fail" if failed else "pass"}">{verdict}</span></p>'
        f'<p class="meta">readings: {escape(", ".join(result.readings))} · engine: {escape(result.evaluator)}'
        f" · {len(result.documents)} document{'' if len(result.documents) == 1 else 's'}"
        + (f" · law as of {escape(result.as_of.describe())}" if result.as_of is not None else "")
        + "</p></header>",
        _readings(result, context),
    ]
    if len(result.documents) > 1:
        body.append(_summary(result))
    body.extend(_document(d, context) for d in result.documents)
    return report_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Compliance report: {escape(verdict)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body></html>\n"
    )
