"""The outcome of `compliance test` as text: one line per failed example, then the count."""

from __future__ import annotations

from compliance.analysis.examples import ExamplesResult
from compliance.render import Context

QUIET = True


def render(result: ExamplesResult, context: Context | None = None) -> str:
    """Each failure at its example (`path:line:col: provision: expected ... got ...`), then `N passed, M failed`.

    The last line is the summary, so `--quiet` keeps only it.
    """
    quiet = bool(context and context.quiet)
    failures = result.failures
    lines = (
        []
        if quiet
        else [
            f"{o.location}: {o.provision}: expected {o.expected} under reading {o.reading}, got {o.actual}"
            for o in failures
        ]
    )
    lines.append(f"{len(result.outcomes) - len(failures)} passed, {len(failures)} failed")
    return "\n".join(lines) + "\n"
