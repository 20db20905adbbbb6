"""The law as a terminal report: `rules list` as a table per instrument, `rules show` as one provision in full."""

from __future__ import annotations

import textwrap

from compliance.analysis.catalogue import Catalogue, Detail, Entry
from compliance.model.law import Example


def _status(entry: Entry) -> str:
    status = entry.status.status
    return "in force" if status == "in-force" else status


def _verified(entry: Entry) -> str:
    return "verified" if entry.located.provision.verified else "UNVERIFIED"


def _table(rows: list[list[str]], indent: str = "    ") -> list[str]:
    """Left-aligned columns, two spaces apart, without trailing blanks."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def render_list(result: Catalogue) -> str:
    """Each instrument with its status on the date, then its provisions: id, status, verified, citation, source."""
    lines = [f"Law as of {result.as_of.describe()}", ""]
    by_instrument: dict[str, list[Entry]] = {}
    for entry in result.entries:
        by_instrument.setdefault(entry.located.instrument.id, []).append(entry)
    for entries in by_instrument.values():
        instrument = entries[0].located.instrument
        lines.append(f"{instrument.id} ({instrument.kind}): {instrument.title}")
        lines.append(f"  {entries[0].status.label()}; {entries[0].located.path}")
        rows = [[e.located.provision.id, _status(e), _verified(e), e.located.provision.cite] for e in entries]
        for row, entry in zip(_table(rows), entries, strict=True):
            lines += [row, f"      {entry.located.provision.source}"]
        lines.append("")
    unverified = sum(not e.located.provision.verified for e in result.entries)
    lines.append(
        f"{_count(len(result.entries), 'provision')} in {_count(len(by_instrument), 'instrument')}; "
        f"{sum(e.status.in_force for e in result.entries)} in force on {result.as_of.day.isoformat()}; "
        f"{unverified} unverified (text not checked verbatim against its source)"
    )
    return "\n".join(lines) + "\n"


_TEXT = {True: "verbatim, verified against the source", False: "UNVERIFIED: not checked verbatim"}


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), width=88, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    ) or [indent]


def _example(example: Example, base: str) -> str:
    clause = example.clause
    parts = [f"{clause.modality} {' '.join(clause.action)}"]
    for name in ("actor", "persons", "counterpart", "exceptions"):
        values = getattr(clause, name)
        if values:
            parts.append(f"{name} {' '.join(values)}")
    return f"a clause that {', '.join(parts)}: expect {example.expect} under reading {example.reading or base}"


def render_detail(result: Detail) -> str:
    """One provision: citation, text, source, history, norm in words, readings that touch it, examples."""
    located = result.entry.located
    provision, instrument = located.provision, located.instrument
    lines = [
        f"{provision.id}: {provision.cite}",
        f"  instrument: {instrument.id} ({instrument.kind}): {instrument.title}",
        f"  file: {located.path}",
        f"  status on {result.as_of.describe()}: {result.entry.status.label()}",
        f"  text ({_TEXT[provision.verified]}):",
        *_wrap(provision.text, "    "),
        f"  source: {provision.source}",
    ]
    if provision.note:
        lines += ["  note:", *_wrap(provision.note, "    ")]
    lines.append("  history:")
    for event in instrument.history:
        when = event.date.isoformat() if event.date else "date not recorded"
        lines.append(f"    {when}  {event.status}" + (f"  {event.source}" if event.source else ""))
        if event.note:
            lines += _wrap(event.note, "      ")
    lines += ["  norm:", *_wrap(result.norm, "    ")]
    lines.append("  readings that touch it:" if result.touches else "  readings that touch it: none")
    for touch in result.touches:
        lines.append(f"    {touch.reading.id}: {touch.what}")
        lines += _wrap(touch.why, "      ")
    lines.append(f"  examples ({len(result.examples)}):" if result.examples else "  examples: none")
    for example, where in result.examples:
        lines.append(
            f"    {where}: {_example(example, result.base_reading)}"
            if where
            else f"    {_example(example, result.base_reading)}"
        )
        if example.note:
            lines += _wrap(example.note, "      ")
    return "\n".join(lines) + "\n"


def render(result: Catalogue | Detail, context: object = None) -> str:
    """`rules list` or `rules show`, by the result's type."""
    return render_list(result) if isinstance(result, Catalogue) else render_detail(result)
