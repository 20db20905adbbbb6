"""Renderers: one module per output format behind one interface and a registry of names.

A renderer turns a `CheckResult` into text and never decides the exit code.
"""

from __future__ import annotations

from collections.abc import Callable

from compliance.analysis.result import CheckResult
from compliance.render import json_report, text_report

Renderer = Callable[[CheckResult], str]

RENDERERS: dict[str, Renderer] = {
    "text": text_report.render,
    "json": json_report.render,
}
"""Format names accepted by `--format`, in the order help lists them."""
