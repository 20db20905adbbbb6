"""The timeline as a person reads it: each event day, what happened, and which verdicts it changed.

Then one line per reading across every step (a text chart: readings as rows,
time across), so the story can be read at a glance and in detail.
"""

from __future__ import annotations

from compliance.analysis.timeline import Change, Step, TimelineResult
from compliance.render import Context
from compliance.render._common import conflicts_word, status_word
from compliance.render._escape import report_text


def _summary(step: Step, reading: str) -> str:
    count = step.conflicts(reading)
    return conflicts_word(count) if count else "no conflict"


def _change(change: Change) -> str:
    after, before = change.after, change.before
    now = f"{after.verdict} ({status_word(after.status)})"
    if before is None:
        return f"      {after.reading}  {after.provision}: {now}"
    return f"      {after.reading}  {after.provision}: {before.verdict} ({status_word(before.status)}) → {now}"


def _step(step: Step, first: bool, readings: tuple[str, ...]) -> list[str]:
    lines = [step.date.isoformat()]
    for event in step.events:
        lines.append(f"  * {event.label}" + (f"  <{event.source}>" if event.source else ""))
    lines.append("    " + "; ".join(f"{r}: {_summary(step, r)}" for r in readings))
    for case in step.record:
        entry = case.entry
        said = f"    record: {entry.wording}, {entry.provision or entry.instrument}"
        if case.outcome == "not-compared":
            lines.append(f"{said} — not compared ({case.why})")
        else:
            lines.append(f"{said} under '{entry.reading}'; tool: {case.tool_verdict} — {case.outcome}")
    if first:
        lines.append("    conflicts with law in force:" if step.changes else "    no conflict with law in force")
    else:
        lines.append("    changed:" if step.changes else "    no verdict changed")
    lines.extend(_change(c) for c in step.changes)
    return lines


def _chart(result: TimelineResult) -> list[str]:
    """Readings as rows, steps across; each cell the number of conflicts with law in force (· for none)."""
    if not result.steps:
        return []
    width = max(len(r) for r in result.readings)
    header = " " * (width + 2) + " ".join(f"{i + 1:>3}" for i in range(len(result.steps)))
    lines = ["Chart (conflicts with law in force per step; · none):", header]
    for reading in result.readings:
        cells = " ".join(f"{step.conflicts(reading) or '·':>3}" for step in result.steps)
        lines.append(f"  {reading:<{width}} {cells}")
    lines.extend(f"  {i + 1:>3}  {step.date.isoformat()}" for i, step in enumerate(result.steps))
    return lines


def render(result: TimelineResult, context: Context | None = None) -> str:
    """The whole timeline as text."""
    span = f"{result.start.isoformat() if result.start else 'the first event'} to "

    span += result.end.isoformat() if result.end else f"{result.today.isoformat()} (today)"
    lines = [
        f"Timeline of {result.title} ({result.document_id})",
        f"  {result.path}; readings {', '.join(result.readings)}; {span}; {len(result.steps)} event days",
        "",
    ]
    for i, step in enumerate(result.steps):
        lines.extend(_step(step, i == 0, result.readings))
        lines.append("")
    lines.extend(_chart(result))
    return report_text("\n".join(lines).rstrip("\n") + "\n")
