"""The result of a check: verdicts, findings and clauses beyond the law, per document and reading.

The result owns the exit code (as conftest's does): renderers only format it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from compliance.analysis.as_of import AsOf, StatusOnDate
from compliance.analysis.fail_on import FailOn
from compliance.engine.findings import Finding
from compliance.exit_codes import ExitCode

Verdict = Literal["complies", "conflicts", "potential-conflict", "not-addressed", "not-applicable", "not-held"]


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
    stated: bool = False
    """The reading's holder stated a link or widening for this provision (else the verdict is the text's)."""
    enforceability: str = ""
    """The validity overlay on the date for the document's jurisdiction (empty when no court has ruled)."""
    unenforceable: bool = False
    """A court binding the document's jurisdiction held the provision invalid by the date."""
    supremacy: str = ""
    """For a conflict with a clause a higher-ranked authority requires: that authority, and the question it raises."""

    @property
    def binding_conflict(self) -> bool:
        """A conflict with law in force (whether it fails the check is `--fail-on`'s question)."""
        return self.verdict == "conflicts" and self.status == "in-force"

    @property
    def potential_conflict(self) -> bool:
        """A potential conflict with law in force: undetermined, counted only with `--fail-on potential|any`."""
        return self.verdict == "potential-conflict" and self.status == "in-force"


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
    held: bool = True
    """Held on the date; a reading not held is evaluated only with `--apply-unheld`, and labelled."""
    held_note: str = ""
    authorities: tuple[str, ...] = ()
    standing: str = ""
    """Whether the reading binds the document's jurisdiction, in words."""
    counts: bool = True
    """Its conflicts count by default: a binding court or the enforcing agency holds it."""
    interpretations: tuple[str, ...] = ()
    """The issuer's interpretations this reading took as the clauses' meaning on the date, in words."""


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
    fail_on: FailOn = field(default_factory=FailOn)

    def counts(self, report: ReadingReport, verdict: ProvisionVerdict) -> bool:
        """Does this verdict fail the check under `--fail-on`? (See `analysis.fail_on`.)"""
        rule = self.fail_on
        if verdict.status != "in-force":
            return False
        if rule.any:
            return verdict.verdict in ("conflicts", "potential-conflict")
        if verdict.verdict == "potential-conflict":
            if not rule.potential:
                return False
        elif verdict.verdict != "conflicts":
            return False
        if rule.readings is not None:
            return report.reading in rule.readings
        if not report.held or verdict.unenforceable:
            return False
        return report.counts or not verdict.stated

    def counted(self) -> tuple[tuple[DocumentReport, ReadingReport, ProvisionVerdict], ...]:
        """Every verdict that fails the check, in report order."""
        return tuple(
            (document, report, verdict)
            for document in self.documents
            for report in document.readings
            for verdict in report.verdicts
            if self.counts(report, verdict)
        )

    def uncounted(self) -> tuple[tuple[DocumentReport, ReadingReport, ProvisionVerdict], ...]:
        """Conflicts (and potential conflicts) with law in force that `--fail-on` leaves out."""
        return tuple(
            (document, report, verdict)
            for document in self.documents
            for report in document.readings
            for verdict in report.verdicts
            if (verdict.binding_conflict or verdict.potential_conflict) and not self.counts(report, verdict)
        )

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
        """2 for an unreviewed draft under `--fail-on-draft`; 1 if any verdict fails the check
        under `--fail-on` (see `counts`); else 0."""
        if self.drafts and self.fail_on_draft:
            return ExitCode.BAD_INPUT
        return ExitCode.CONFLICT if self.counted() else ExitCode.OK
