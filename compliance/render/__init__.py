"""Renderers: one module per (result type, format) behind one interface and one registry.

A renderer turns a command's result into text and never decides the exit
code (the result owns it). Every renderer module has
`render(result, context=None) -> str`. `REGISTRY` maps a result type's name
and a `--format` name to the module that renders it, and every command goes
through `render(result, format, context)`: one format switch for the whole
command line, as conftest has. A module is imported only when its format is
asked for: start-up time is measured, and the text format's table library or
the HTML template must not be paid for by a JSON run.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from compliance.model.corpus import Corpus
    from compliance.model.policy import LoadedPolicy


@dataclass(frozen=True)
class Context:
    """What some formats need beyond the result: the law itself and where each clause is written.

    SARIF locates findings at `clause_locations`; HTML, Markdown and SARIF quote
    the provision's text and source from `corpus`. `colour` is decided by the
    command (`--color`, a terminal, NO_COLOR), never by a renderer. `quiet`
    (`--quiet`) asks a text report for only its summary and result line.
    """

    corpus: Corpus | None = None
    policies: tuple[LoadedPolicy, ...] = ()
    colour: bool = False
    quiet: bool = False
    width: int | None = None
    """The columns a text report may use (the terminal's, decided by the command); None: unbounded."""
    source_root: Path | None = None
    """The repository the policies are in (absolute): SARIF and GitHub annotations name files relative to it."""

    def policy(self, path: str) -> LoadedPolicy | None:
        """The loaded policy a document report came from, by its display path."""
        return self._by_path.get(path)

    @cached_property
    def _by_path(self) -> dict[str, LoadedPolicy]:
        return {p.path: p for p in self.policies}


class Renderer(Protocol):
    """The one interface every format implements."""

    def __call__(self, result: Any, context: Context | None = None, /) -> str: ...


FORMATS: dict[str, str] = {
    "text": "text_report",
    "json": "json_report",
    "markdown": "markdown_report",
    "sarif": "sarif_report",
    "junit": "junit_report",
    "html": "html_report",
    "github": "github_report",
}
"""The formats of `check`'s report (`CheckResult`), in the order help lists them, and the module of each."""

REGISTRY: dict[tuple[str, str], str] = {
    **{("CheckResult", name): module for name, module in FORMATS.items()},
    ("DisputeResult", "text"): "dispute_text",
    ("DisputeResult", "json"): "dispute_json",
    ("DiffResult", "text"): "diff_text",
    ("DiffResult", "json"): "diff_json",
    ("ExplainResult", "text"): "explain_text",
    ("ExplainResult", "json"): "explain_json",
    ("SuggestResult", "text"): "suggest_text",
    ("SuggestResult", "json"): "suggest_json",
    ("InteractionsResult", "text"): "interactions_text",
    ("InteractionsResult", "json"): "interactions_json",
    ("ExamplesResult", "text"): "examples_text",
    ("ExamplesResult", "json"): "examples_json",
    ("ValidationReport", "text"): "validation_text",
    ("ValidationReport", "json"): "validation_json",
    ("TimelineResult", "text"): "timeline_text",
    ("TimelineResult", "json"): "timeline_json",
    ("TimelineResult", "html"): "timeline_html",
    ("RecordResult", "text"): "record_text",
    ("RecordResult", "json"): "record_json",
    ("Catalogue", "text"): "rules_text",
    ("Catalogue", "json"): "rules_json",
    ("Detail", "text"): "rules_text",
    ("Detail", "json"): "rules_json",
}
"""(result type's class name, format name) -> renderer module: every report of every command.

Keyed by the class's name, not the class, so building a command's parser
(which lists its formats) imports no analysis module."""


def formats(kind: str) -> tuple[str, ...]:
    """The formats a result type can be rendered in, in registry order (`text` first)."""
    return tuple(name for result, name in REGISTRY if result == kind)


def renderer(name: str, kind: str = "CheckResult") -> Renderer:
    """The render function of one format of one result type, importing its module now."""
    from compliance.errors import UsageError

    module_name = REGISTRY.get((kind, name))
    if module_name is None:
        raise UsageError(f"unknown format {name!r}; choose one of: {', '.join(formats(kind))}")
    return importlib.import_module(f"{__name__}.{module_name}").render


def render(result: Any, format_name: str, context: Context | None = None) -> str:
    """`result` in `format_name`, by the registry entry of its type.

    `--quiet` on a text report that does not shorten itself (its module has no
    `QUIET = True`) keeps its last line when that is its result line (`Result: ...`);
    a report without one (timeline) is printed whole.
    """
    kind = type(result).__name__
    text = renderer(format_name, kind)(result, context)
    module = importlib.import_module(f"{__name__}.{REGISTRY[(kind, format_name)]}")
    if context is not None and context.quiet and format_name == "text" and not getattr(module, "QUIET", False):
        last = text.rstrip("\n").split("\n")[-1]
        if last.startswith("Result: "):
            return last + "\n"
    return text


__all__ = ["FORMATS", "REGISTRY", "Context", "Renderer", "formats", "render", "renderer"]
