"""Why officials disagree about one policy: every reading side by side, and the clauses that split them.

A dispute is a check of one document under several readings, regrouped:
one row per provision with the verdict under each reading; then every
clause whose relation to some provision differs between readings, with each
reading's proponent, date and source and the step the reading added (a
vocabulary link, a widening) that makes the difference; then, for each
reading, the clauses on which it parts from the first reading requested; and
how far each savings clause reaches under each reading on the provisions in
dispute (on the NOPD policy: paragraph 5 cures the no-inquiry clause under
`doj`, and reaches no assistance under `broad`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from compliance.analysis.as_of import AsOf, StatusOnDate
from compliance.analysis.check import accepted, check
from compliance.analysis.derivation import derive
from compliance.analysis.result import CheckResult, DocumentReport
from compliance.analysis.versions import text_on
from compliance.engine.findings import Evaluator, Finding
from compliance.exit_codes import ExitCode
from compliance.model.corpus import Corpus
from compliance.model.policy import LoadedPolicy
from compliance.model.readings import Link, Reading
from compliance.semantics.scope import for_provision, preserved_scope, said_of

NONE = "none"
"""The relation shown where a clause and a provision do not meet under a reading."""


@dataclass(frozen=True)
class Row:
    """One provision: its status on the date and its verdict under each reading."""

    provision: str
    cite: str
    instrument: str
    status: StatusOnDate
    status_note: str
    verdicts: tuple[str, ...]

    @property
    def differs(self) -> bool:
        """Do the readings give this provision different verdicts?"""
        return len(set(self.verdicts)) > 1


@dataclass(frozen=True)
class Relation:
    """A clause's relation to a provision under one reading (`none` if they do not meet)."""

    relation: str
    savings: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.relation + (f" by {', '.join(self.savings)}" if self.savings else "")


@dataclass(frozen=True)
class Split:
    """One provision on which the readings relate a clause differently."""

    provision: str
    cite: str
    status: StatusOnDate
    relations: tuple[Relation, ...]


@dataclass(frozen=True)
class Because:
    """What a reading added to the clause's findings (a link or a widening): why that reading differs.

    `step` says what it does in a few words; `why` is the reading's own justification, quoted from its file.
    """

    reading: str
    step: str
    why: str


@dataclass(frozen=True)
class ClauseDispute:
    """A clause the readings disagree about: the provisions where they part, and why."""

    clause: str
    text: str
    splits: tuple[Split, ...]
    because: tuple[Because, ...]


@dataclass(frozen=True)
class Parting:
    """The clauses on which `reading` relates differently from `base` (an earlier reading) to some provision."""

    reading: str
    base: str
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class Unreached:
    """A conflict a savings clause does not cure, and the actions of it that lie outside what it preserves."""

    clause: str
    provision: str
    outside: tuple[str, ...]


@dataclass(frozen=True)
class Reach:
    """What one savings clause does under one reading, on the provisions in dispute."""

    reading: str
    neutralises: tuple[tuple[str, str], ...]
    unreached: tuple[Unreached, ...]
    because: tuple[str, ...]


@dataclass(frozen=True)
class SavingsReach:
    """A savings clause, what it preserves, and its reach under each reading."""

    clause: str
    preserves: tuple[str, ...]
    counterpart: tuple[str, ...]
    readings: tuple[Reach, ...]


@dataclass(frozen=True)
class DisputeResult:
    """The whole dispute over one document; the exit code is the check's."""

    document: DocumentReport
    readings: tuple[Reading, ...]
    rows: tuple[Row, ...]
    clauses: tuple[ClauseDispute, ...]
    partings: tuple[Parting, ...]
    savings: tuple[SavingsReach, ...]
    check: CheckResult

    @property
    def as_of(self) -> AsOf:
        """The date the law was read on."""
        assert self.check.as_of is not None
        return self.check.as_of

    @property
    def exit_code(self) -> ExitCode:
        """As `check`: 1 if any requested reading finds a conflict with law in force on the date."""
        return self.check.exit_code


def _relations(document: DocumentReport) -> dict[tuple[str, str], tuple[Relation, ...]]:
    """(clause, provision) → its relation under each reading, for every pair that meets under any reading."""
    by_reading: list[dict[tuple[str, str], Finding]] = [
        {(e.finding.clause, e.finding.provision): e.finding for e in report.findings} for report in document.readings
    ]
    pairs = dict.fromkeys(pair for found in by_reading for pair in found)
    return {
        pair: tuple(
            Relation(found[pair].relation, found[pair].savings) if pair in found else Relation(NONE)
            for found in by_reading
        )
        for pair in pairs
    }


def dispute(
    corpus: Corpus, evaluator: Evaluator, policy: LoadedPolicy, readings: Sequence[str], as_of: AsOf
) -> DisputeResult:
    """Check one document under every requested reading and regroup the result as a dispute."""
    policy = text_on(policy, as_of.day)
    result = check(corpus, evaluator, [policy], readings, as_of)
    document = result.documents[0]
    chosen = tuple(corpus.reading(r) for r in readings)
    rows = tuple(
        Row(
            v.provision,
            v.cite,
            v.instrument,
            v.status,
            v.status_note,
            tuple(report.verdicts[i].verdict for report in document.readings),
        )
        for i, v in enumerate(document.readings[0].verdicts)
    )
    relations = _relations(document)
    provision_rank = {p.provision.id: i for i, p in enumerate(corpus.provisions)}
    status = {r.provision: r.status for r in rows}
    disputes = []
    for clause in policy.document.clauses:
        split = sorted(
            (p for (c, p), rel in relations.items() if c == clause.key and len(set(rel)) > 1),
            key=provision_rank.__getitem__,
        )
        if split:
            disputes.append(
                ClauseDispute(
                    clause.key,
                    clause.text,
                    tuple(
                        Split(p, corpus.provision(p).provision.cite, status[p], relations[(clause.key, p)])
                        for p in split
                    ),
                    _because(corpus, policy, document, clause.key, set(split)),
                )
            )
    partings = tuple(
        Parting(chosen[j].id, chosen[i].id, tuple(d.clause for d in disputes if _parts(d, i, j)))
        for i in range(len(chosen))
        for j in range(i + 1, len(chosen))
    )
    disputed = {r.provision for r in rows if r.differs}
    savings = tuple(
        _reach(corpus, policy, document, clause.key, disputed, as_of.day)
        for clause in policy.document.clauses
        if clause.preserves is not None
    )
    return DisputeResult(document, chosen, rows, tuple(disputes), partings, savings, result)


def _parts(clause: ClauseDispute, base: int, other: int) -> bool:
    """Do two readings (by position) relate the clause to some provision differently?"""
    return any(split.relations[other] != split.relations[base] for split in clause.splits)


def _because(
    corpus: Corpus, policy: LoadedPolicy, document: DocumentReport, clause: str, split: set[str]
) -> tuple[Because, ...]:
    """What each reading added to the clause's findings on the split provisions: its links and widenings.

    A widening is named once per reading, with every split provision it widened.
    """
    clauses = {c.key: c for c in policy.document.clauses}
    out: dict[Because, None] = {}
    for report in document.readings:
        reading = corpus.reading(report.reading)
        widened: dict[int, list[str]] = {}
        for explained in report.findings:
            finding = explained.finding
            if finding.clause != clause or finding.provision not in split:
                continue
            for step in derive(corpus, clauses[clause], finding, reading, clauses):
                if step.kind in ("link", "savings-link"):
                    link = reading.links[step.ref[0]]
                    text = _link_text(link)
                    out[Because(reading.id, text, " ".join(link.why.split()))] = None
                elif step.kind == "widen":
                    for index in step.ref:
                        widened.setdefault(index, []).append(corpus.provision(finding.provision).provision.cite)
        for index, cites in sorted(widened.items()):
            widening = reading.widen[index]
            text = f"widens {', '.join(dict.fromkeys(cites))} to {', '.join(widening.action)}"
            out[Because(reading.id, text, " ".join(widening.why.split()))] = None
    return tuple(out)


def _link_text(link: Link) -> str:
    """A link in words: a definition reads a term as including others; a risk only says it may reach them."""
    if link.kind == "risk":
        return f"holds that {link.term} may be applied to reach {', '.join(link.includes)} (a risk, not a definition)"
    return f"reads {link.term} as including {', '.join(link.includes)}"


def _reach(
    corpus: Corpus, policy: LoadedPolicy, document: DocumentReport, key: str, disputed: set[str], day: dt.date
) -> SavingsReach:
    """What savings clause `key` neutralises under each reading, and the disputed conflicts it leaves."""
    clauses = {c.key: c for c in policy.document.clauses}
    saver = clauses[key]
    assert saver.preserves is not None
    reaches = []
    for report in document.readings:
        reading = corpus.reading(report.reading)
        extra = said_of(saver, accepted(policy.document, reading, day), "preserves")
        neutralises = []
        unreached = []
        because: dict[str, None] = {}
        for explained in report.findings:
            finding = explained.finding
            if finding.relation == "neutralised" and key in finding.savings:
                neutralises.append((finding.clause, finding.provision))
                for step in derive(corpus, clauses[finding.clause], finding, reading, clauses):
                    if step.kind == "savings-link":
                        because[_link_text(reading.links[step.ref[0]])] = None
            elif finding.relation == "conflicts" and finding.provision in disputed and finding.clause != key:
                # What the clause keeps, read under the links stated for this provision only.
                kept = preserved_scope(
                    corpus, saver.preserves, for_provision(reading, finding.provision), extra
                ).actions
                outside = tuple(a for a in finding.overlap if a not in kept)
                unreached.append(Unreached(finding.clause, finding.provision, outside))
        if neutralises and extra:
            because[f"accepts the issuer's word that clause {key} also preserves {', '.join(extra)}"] = None
        reaches.append(Reach(reading.id, tuple(neutralises), tuple(unreached), tuple(because)))
    return SavingsReach(key, saver.preserves.action, saver.preserves.counterpart, tuple(reaches))
