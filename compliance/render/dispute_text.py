"""The dispute as a terminal report: who reads the law how, the verdict matrix, the clauses that split them."""

from __future__ import annotations

from compliance.analysis.dispute import ClauseDispute, DisputeResult, Reach, SavingsReach
from compliance.model.readings import Reading
from compliance.render import Context
from compliance.render._escape import report_text


def table(rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Left-aligned columns, two spaces apart, without trailing blanks."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def held(reading: Reading) -> str:
    """Who holds a reading and when: one line."""
    if reading.since and reading.until:
        when = f"{reading.since.isoformat()} to {reading.until.isoformat()}"
    elif reading.since:
        when = f"since {reading.since.isoformat()}"
    else:
        when = "date not recorded"
    holders = "; ".join(f"{h.name} [{h.authority}]" for h in reading.held_by)
    return f"held by {holders}; {when}"


def sources(reading: Reading) -> str:
    """Where a reading is stated: every source URL, in the order of the readings file."""
    return "sources: " + ("; ".join(s.url for s in reading.sources) or "none recorded")


def _status(status: str) -> str:
    return "in force" if status == "in-force" else status


def _matrix(result: DisputeResult) -> list[str]:
    rows = [["", "provision", "status", *(r.id for r in result.readings)]]
    for row in result.rows:
        rows.append(["*" if row.differs else "", row.provision, _status(row.status), *row.verdicts])
    return ["Verdicts (* where the readings disagree):", *table(rows)]


def _dated_law(result: DisputeResult) -> list[str]:
    """Law that applies but is not in force on the date (shown, never counted), by instrument, with its label."""
    day = result.as_of.day.isoformat()
    notes = {
        row.instrument: row.status_note
        for row in result.rows
        if row.status != "in-force" and set(row.verdicts) != {"not-applicable"}
    }
    if not notes:
        return []
    return [f"Not in force on {day} (reported, not counted):", *(f"  {i}: {n}" for i, n in notes.items()), ""]


def _clause(result: DisputeResult, dispute: ClauseDispute) -> list[str]:
    text = " ".join(dispute.text.split())
    lines = [f"  clause {dispute.clause}: {text[:157] + '…' if len(text) > 158 else text}"]
    rows = [["provision", "status", *(r.id for r in result.readings)]]
    for split in dispute.splits:
        rows.append([split.provision, _status(split.status), *(str(r) for r in split.relations)])
    lines.extend(table(rows, "      "))
    for reading in result.readings:
        lines.append(f"    {reading.id}: {held(reading)}")
        lines.append(f"        {sources(reading)}")
        lines.extend(f"        {b.step}" for b in dispute.because if b.reading == reading.id)
    return lines


def _whys(result: DisputeResult) -> list[str]:
    seen: dict[tuple[str, str], None] = {}
    for dispute in result.clauses:
        for b in dispute.because:
            seen[(b.reading, b.why)] = None
    lines = ["Why, in the readings' own words:"]
    for reading, why in seen:
        lines.append(f"  {reading}: {why}")
    return lines


def _grouped(pairs: list[tuple[str, str]]) -> list[str]:
    by_clause: dict[str, list[str]] = {}
    for clause, provision in pairs:
        by_clause.setdefault(clause, []).append(provision)
    return [f"{clause} against {', '.join(provisions)}" for clause, provisions in by_clause.items()]


def _reach(reach: Reach) -> list[str]:
    lines = []
    if reach.neutralises:
        because = f" (the reading {'; '.join(reach.because)})" if reach.because else ""
        lines.append(f"    {reach.reading}: neutralises{because}")
        lines.extend(f"        {item}" for item in _grouped(list(reach.neutralises)))
    else:
        lines.append(f"    {reach.reading}: neutralises nothing")
    if reach.unreached:
        lines.append("      and does not reach")
        outside: dict[str, dict[str, None]] = {}
        for u in reach.unreached:
            outside.setdefault(u.clause, {}).update(dict.fromkeys(u.outside))
        for item, clause in zip(_grouped([(u.clause, u.provision) for u in reach.unreached]), outside, strict=True):
            beyond = ", ".join(outside[clause]) or "its counterpart"
            lines.append(f"        {item} (outside what it preserves: {beyond})")
    return lines


def _savings(saving: SavingsReach) -> list[str]:
    towards = f" towards {', '.join(saving.counterpart)}" if saving.counterpart else ""
    lines = [
        f"Reach of savings clause {saving.clause} (preserves {', '.join(saving.preserves)}{towards}),"
        " on the provisions in dispute:"
    ]
    for reach in saving.readings:
        lines.extend(_reach(reach))
    return lines


def render(result: DisputeResult, context: Context | None = None) -> str:
    """The dispute as plain text."""
    document = result.document
    out = [
        f"Dispute over {document.title} ({document.document_id})",
        f"  {document.path}; issued by {document.issuer}",
        f"Law as of {result.as_of.describe()}",
        "",
        *_matrix(result),
        "",
        *_dated_law(result),
    ]
    if result.clauses:
        out.append("The readings part on these clauses:")
        for parting in result.partings:
            clauses = ", ".join(parting.clauses) or "no clause"
            out.append(f"  {parting.reading} vs {parting.base}: {clauses}")
        out.append("")
        out.append("Clauses that make the readings disagree, with each reading's proponent, date and source:")
        for dispute in result.clauses:
            out.extend(_clause(result, dispute))
        out.append("")
        out.extend(_whys(result))
    else:
        out.append("The readings agree on every clause.")
    for saving in result.savings:
        out.append("")
        out.extend(_savings(saving))
    out.append("")
    verdict = "conflicts with law in force" if result.exit_code else "no conflict with law in force"
    readings = ", ".join(r.id for r in result.readings)
    out.append(f"Result: {verdict} (readings: {readings}; engine: {result.check.evaluator})")
    return report_text("\n".join(out) + "\n")
