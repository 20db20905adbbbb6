"""The result of a check: verdicts, findings and clauses beyond the law, per document and reading.

The result owns the exit code (as conftest's does): renderers only format it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from compliance.analysis.as_of import AsOf, StatusOnDate
from compliance.engine.findings import Finding
from compliance.exit_codes import ExitCode

Verdict = Literal["complies", "conflicts", "not-addressed", "not-applicable"]


@dataclass(frozen=True)
class ExplainedFinding:
    """A finding with its human-readable derivation, one step per line."""

    finding: Finding
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class ProvisionVerdict:
    """How a document stands against one provision under one reading, and why."""

    provision: str
    cite: str
    instrument: str
    status: StatusOnDate
    verdict: Verdict
    reason: str
    clauses: tuple[str, ...]
    status_note: str = ""
    """The status on the checked date in words: since when, and any undated event that may already apply."""
    supremacy: str = ""
    """For a conflict with a clause a higher-ranked authority requires: that authority, and the question it raises."""

    @property
    def binding_conflict(self) -> bool:
        """A conflict with law in force: the only kind that fails a check."""
        return self.verdict == "conflicts" and self.status == "in-force"


@dataclass(frozen=True)
class Beyond:
    """A clause that no provision of the named instruments requires."""

    clause: str
    instruments: tuple[str, ...]


@dataclass(frozen=True)
class ReadingReport:
    """One document under one reading."""

    reading: str
    verdicts: tuple[ProvisionVerdict, ...]
    findings: tuple[ExplainedFinding, ...]
    beyond: tuple[Beyond, ...]


@dataclass(frozen=True)
class DocumentReport:
    """One document under every requested reading."""

    document_id: str
    title: str
    issuer: str
    path: str
    readings: tuple[ReadingReport, ...]
    jurisdiction: str = ""
    notices: tuple[str, ...] = ()
    """What a reader must know before the verdicts: an unknown jurisdiction, a date before adoption, a version
    whose text is not in the sources. Deterministic, in a fixed order."""


@dataclass(frozen=True)
class CheckResult:
    """Everything `compliance check` found, and the exit code it implies."""

    documents: tuple[DocumentReport, ...]
    readings: tuple[str, ...]
    evaluator: str
    as_of: AsOf | None = None
    """The date the law was read on (only provisions in force on it count)."""
    drafts: tuple[str, ...] = ()
    """Ids of the documents that are unreviewed drafts."""
    fail_on_draft: bool = False
    """`--fail-on-draft`: an unreviewed draft fails the run (exit 2) whatever the verdicts."""

    @property
    def in_conflict(self) -> bool:
        """Does any requested reading find a conflict with law in force? (The verdict reports print.)"""
        return any(
            v.binding_conflict for document in self.documents for report in document.readings for v in report.verdicts
        )

    @property
    def exit_code(self) -> ExitCode:
        """2 for an unreviewed draft under `--fail-on-draft`; 1 if any requested reading finds a
        conflict with law in force; else 0."""
        if self.drafts and self.fail_on_draft:
            return ExitCode.BAD_INPUT
        return ExitCode.CONFLICT if self.in_conflict else ExitCode.OK
