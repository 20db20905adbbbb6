"""The result of a check: verdicts, findings and clauses beyond the law, per document and reading.

The result owns the exit code (as conftest's does): renderers only format it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from compliance.analysis.as_of import AsOf, StatusOnDate
from compliance.engine.findings import Finding

Verdict = Literal["complies", "conflicts", "not-addressed", "not-applicable"]

EXIT_OK = 0
EXIT_CONFLICT = 1
EXIT_BAD_INPUT = 2


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

    @property
    def exit_code(self) -> int:
        """1 if any requested reading finds a conflict with law in force, else 0."""
        for document in self.documents:
            for report in document.readings:
                if any(v.binding_conflict for v in report.verdicts):
                    return EXIT_CONFLICT
        return EXIT_OK
