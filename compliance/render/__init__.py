"""Renderers: one module per output format behind one interface and a registry of names.

A renderer turns a `CheckResult` into text and never decides the exit code.
Every format module has `render(result, context) -> str`. The registry maps
`--format` names to module names and imports a module only when its format
is asked for: start-up time is measured, and the text format's table library
or the HTML template must not be paid for by a JSON run.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from compliance.analysis.result import CheckResult
    from compliance.model.corpus import Corpus
    from compliance.model.policy import LoadedPolicy


@dataclass(frozen=True)
class Context:
    """What some formats need beyond the result: the law itself and where each clause is written.

    SARIF locates findings at `clause_locations`; HTML, Markdown and SARIF quote
    the provision's text and source from `corpus`. `colour` is decided by the
    command (a terminal, no NO_COLOR), never by a renderer.
    """

    corpus: Corpus | None = None
    policies: tuple[LoadedPolicy, ...] = ()
    colour: bool = False
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

    def __call__(self, result: CheckResult, context: Context | None = None, /) -> str: ...


FORMATS: dict[str, str] = {
    "text": "text_report",
    "json": "json_report",
    "markdown": "markdown_report",
    "sarif": "sarif_report",
    "junit": "junit_report",
    "html": "html_report",
    "github": "github_report",
}
"""Format names accepted by `--format`, in the order help lists them, and the module of each."""


def renderer(name: str) -> Renderer:
    """The render function of a format, importing its module now (names are checked by the caller)."""
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    return module.render


RENDERERS: dict[str, Renderer] = {
    name: (lambda result, context=None, _name=name: renderer(_name)(result, context)) for name in FORMATS
}
"""The first interface's spelling, kept for callers: each entry imports its module on first call."""

__all__ = ["FORMATS", "RENDERERS", "Context", "Renderer", "renderer"]
