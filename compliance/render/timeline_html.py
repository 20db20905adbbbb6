"""The timeline as a self-contained HTML page with an SVG chart a reporter can read.

Readings are rows and time runs across; each step is a column at its event day,
a red cell where the reading finds a conflict with law in force (the count in
it), a green one where it finds none, and the day's events listed under the
chart. No script and no external resource: the page is safe to mail or publish.
"""

from __future__ import annotations

from html import escape

from compliance.analysis.timeline import TimelineResult
from compliance.render import Context
from compliance.render._escape import report_text

_CELL_W, _CELL_H, _LEFT, _TOP = 92, 34, 120, 40


def _svg(result: TimelineResult) -> str:
    steps, readings = result.steps, result.readings
    width = _LEFT + _CELL_W * max(len(steps), 1) + 10
    height = _TOP + _CELL_H * len(readings) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="verdicts per reading over time">'
    ]
    for i, step in enumerate(steps):
        x = _LEFT + i * _CELL_W
        parts.append(f'<text x="{x + 4}" y="{_TOP - 12}" font-size="11">{escape(step.date.isoformat())}</text>')
        for j, reading in enumerate(readings):
            y = _TOP + j * _CELL_H
            count = step.conflicts(reading)
            fill = "#d9534f" if count else "#5cb85c"
            label = f"{count} conflict{'s' if count != 1 else ''}" if count else "none"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{_CELL_W - 4}" height="{_CELL_H - 4}" fill="{fill}" '
                f'data-reading="{escape(reading)}" data-date="{step.date.isoformat()}" data-conflicts="{count}">'
                f"<title>{escape(reading)} on {step.date.isoformat()}: {label}</title></rect>"
            )
            parts.append(f'<text x="{x + 6}" y="{y + 20}" font-size="12" fill="#fff">{escape(label)}</text>')
    for j, reading in enumerate(readings):
        y = _TOP + j * _CELL_H + 20
        parts.append(f'<text x="4" y="{y}" font-size="13">{escape(reading)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(result: TimelineResult, context: Context | None = None) -> str:
    """The whole page."""
    title = f"Timeline of {result.title}"
    events = []
    for step in result.steps:
        items = "".join(
            f"<li>{escape(e.label)}" + (f' (<a href="{escape(e.source)}">source</a>)' if e.source else "") + "</li>"
            for e in step.events
        )
        changes = "".join(
            f"<li>{escape(c.after.reading)} · {escape(c.after.provision)}: "
            f"{escape(c.before.verdict) if c.before else '—'} → {escape(c.after.verdict)}</li>"
            for c in step.changes
            if c.before is not None
        )
        events.append(
            f"<section><h2>{step.date.isoformat()}</h2><ul>{items}</ul>"
            + (f"<p>Changed:</p><ul>{changes}</ul>" if changes else "")
            + "</section>"
        )
    return report_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>"
        f"<h1>{escape(title)}</h1><p>{escape(result.path)}; readings {escape(', '.join(result.readings))}</p>"
        f"{_svg(result)}{''.join(events)}</body></html>\n"
    )
