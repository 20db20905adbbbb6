"""What `compliance validate` found, as text: the counts of what loaded (problems go to stderr as errors)."""

from __future__ import annotations

from compliance.loader.validation import ValidationReport
from compliance.render import Context

QUIET = True


def render(result: ValidationReport, context: Context | None = None) -> str:
    """`ok: N provisions, M readings, K policies[, R rule files]` (only called when there is no problem)."""
    extra = f", {result.rule_files} rule files" if result.rule_files else ""
    return f"ok: {result.provisions} provisions, {result.readings} readings, {result.policies} policies{extra}\n"
