"""Check documents: evaluate each under each reading, then derive verdicts and what goes beyond.

A provision applies to a document when the document lies within the
instrument's jurisdiction, its issuer is among those the provision binds,
and the document does not itself encode the provision's instrument.
Verdicts follow DESIGN.md: any unneutralised conflict → `conflicts`; else a
potential conflict (a risk the reading names, undetermined until the
issuer's interpretation is on record and accepted) → `potential-conflict`;
else a supporting finding, or a `not-restrict` norm nobody restricts →
`complies`; else `not-addressed`.

Readings are dated: on a date outside a reading's period its column is
`not-held` (unless `apply_unheld`, which evaluates it and says so). Beside
each verdict stands the provision's validity on the date for the
document's jurisdiction (`analysis.authority`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from compliance.analysis.as_of import AsOf, InstrumentStatus, status_on
from compliance.analysis.authority import document_jurisdiction, enforceability, standing
from compliance.analysis.derivation import explain
from compliance.analysis.fail_on import FailOn
from compliance.analysis.hierarchy import supremacy_note
from compliance.analysis.place import NOT_PLACED, known_root, place_reason, unplaced_notice
from compliance.analysis.result import (
    Beyond,
    CheckResult,
    DocumentReport,
    ExplainedFinding,
    ProvisionVerdict,
    ReadingReport,
    Verdict,
)
from compliance.analysis.versions import in_force
from compliance.engine.findings import Evaluator, Finding
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.policy import Clause, Interpretation, LoadedPolicy, PolicyDocument
from compliance.model.readings import Reading

SUPPORT = ("satisfies", "partially-satisfies")


def applicable(
    corpus: Corpus, document: PolicyDocument, located: LocatedProvision, root: str | None = None
) -> str | None:
    """None if the provision applies to the document, else the reason it does not.

    It applies when the document does not encode its instrument, the document's
    jurisdiction lies within the instrument's (`compliance.analysis.place`), and
    the issuer's kind is among those it binds. `root` is the place every known
    jurisdiction shares (default: the rules'), for a document of unknown jurisdiction.
    """
    if document.encodes == located.instrument.id:
        return "the document is this instrument itself"
    placed = place_reason(located.instrument, document, root if root is not None else known_root(corpus))
    if placed is not None:
        return placed
    if document.issuer_kind not in corpus.taxonomy.below(located.provision.binds):
        return f"binds {', '.join(located.provision.binds)}, not a {document.issuer_kind}"
    return None


def verdict_for(
    located: LocatedProvision,
    findings: Sequence[Finding],
    excluded: str | None,
    status: InstrumentStatus | None = None,
    reading: Reading | None = None,
    document: PolicyDocument | None = None,
    day: dt.date | None = None,
) -> ProvisionVerdict:
    """The verdict on one provision from the findings that concern it, labelled with its status on the date.

    Given the reading, the document and the date, it also says whether the reading stated
    anything for the provision, names what a potential conflict needs, and adds the
    provision's validity overlay for the document's jurisdiction.
    """
    provision = located.provision
    mine = [f for f in findings if f.provision == provision.id]
    valid = enforceability(provision, day, document_jurisdiction(document)) if document and day else None

    def made(verdict: Verdict, reason: str, clauses: Sequence[str] = ()) -> ProvisionVerdict:
        return ProvisionVerdict(
            provision.id,
            provision.cite,
            located.instrument.id,
            status.status if status else located.instrument.status,
            verdict,
            reason,
            tuple(clauses),
            status.label() if status else "",
            reading.states(provision.id) if reading else False,
            valid.text if valid and excluded is None else "",
            bool(valid and valid.unenforceable),
        )

    if excluded is not None:
        return made("not-applicable", excluded)
    conflicting = [f.clause for f in mine if f.relation == "conflicts"]
    if conflicting:
        return made("conflicts", "conflicts with clause " + ", ".join(conflicting), conflicting)
    potential = [f for f in mine if f.relation == "potential-conflict"]
    if potential:
        return made(
            "potential-conflict", _undetermined(potential, reading, document, day), [f.clause for f in potential]
        )
    supporting = [f.clause for f in mine if f.relation in SUPPORT]
    neutral = [f for f in mine if f.relation == "neutralised"]
    reasons = []
    if supporting:
        partial = all(f.relation == "partially-satisfies" for f in mine if f.relation in SUPPORT)
        reasons.append(("partially satisfied" if partial else "satisfied") + " by clause " + ", ".join(supporting))
    for f in neutral:
        reasons.append(f"conflict of clause {f.clause} neutralised by savings clause {', '.join(f.savings)}")
    clauses = [*supporting, *(f.clause for f in neutral)]
    if reasons:
        return made("complies", "; ".join(reasons), clauses)
    if provision.norm.must == "not-restrict":
        return made("complies", "no clause restricts it")
    return made("not-addressed", f"no clause {provision.norm.must}s {', '.join(provision.norm.action)}")


def _undetermined(
    potential: Sequence[Finding], reading: Reading | None, document: PolicyDocument | None, day: dt.date | None
) -> str:
    """Why a potential conflict is undetermined, naming the interpretation it needs and any not yet accepted."""
    parts = []
    for f in potential:
        parts.append(
            f"undetermined: clause {f.clause} may be applied so as to restrict {', '.join(f.overlap)}; needs the "
            f"issuer's interpretation (or practice) of clause {f.clause} as to {', '.join(f.overlap)}"
        )
    if reading is not None and document is not None and day is not None:
        recorded = [i for i in document.interpretations if i.date <= day]
        if recorded and not reading.accepts_on(day):
            names = "; ".join(f"{i.by}, {i.date.isoformat()} (clause {i.clause})" for i in recorded)
            when = (
                f"from {reading.accepts_interpretations.since.isoformat()}"
                if reading.accepts_interpretations
                else "at no date"
            )
            parts.append(f"on record but not accepted by reading {reading.id} on {day.isoformat()} ({when}): {names}")
    return "; ".join(parts)


def accepted(document: PolicyDocument, reading: Reading, day: dt.date) -> tuple[Interpretation, ...]:
    """The issuer's interpretations the reading takes as the clauses' meaning on `day`: on record by then, and
    only if the reading accepts issuer interpretations on that day."""
    if not reading.accepts_on(day):
        return ()
    return tuple(i for i in document.interpretations if i.date <= day)


def with_supremacy(
    corpus: Corpus, located: LocatedProvision, clauses: dict[str, Clause], verdict: ProvisionVerdict
) -> ProvisionVerdict:
    """A conflict with a clause a higher-ranked authority requires carries that question beside it."""
    if verdict.verdict != "conflicts":
        return verdict
    note = supremacy_note(corpus, located, (clauses[key] for key in verdict.clauses if key in clauses))
    return replace(verdict, supremacy=note) if note else verdict


def beyond(
    document: PolicyDocument, findings: Sequence[Finding], applying: Sequence[LocatedProvision]
) -> tuple[Beyond, ...]:
    """Clauses that prohibit, restrict or require what no applicable provision asks for.

    Each names the instruments it was weighed against: those with a provision that
    demands something (`prohibit` or `require`), such as the consent decree.
    """
    demanding = tuple(dict.fromkeys(p.instrument.id for p in applying if p.provision.norm.must != "not-restrict"))
    supported = {f.clause for f in findings if f.relation in SUPPORT}
    return tuple(
        Beyond(clause.key, demanding)
        for clause in document.clauses
        if clause.modality != "permits" and clause.key not in supported
    )


def check_document(
    corpus: Corpus,
    evaluator: Evaluator,
    policy: LoadedPolicy,
    readings: Sequence[str],
    as_of: AsOf | None = None,
    apply_unheld: bool = False,
    root: str | None = None,
) -> DocumentReport:
    """One document under each reading, with each provision's status on the date (default: today)."""
    day = as_of or AsOf.on(None)
    statuses = {p.instrument.id: status_on(p.instrument, day) for p in corpus.provisions}
    text = in_force(policy, day.day)
    policy = text.policy
    document = policy.document
    jurisdiction = document_jurisdiction(document)
    root = root if root is not None else known_root(corpus, [document])
    exclusions = {p.provision.id: applicable(corpus, document, p, root) for p in corpus.provisions}
    unplaced = [
        p.instrument.id
        for p in corpus.provisions
        if (why := exclusions[p.provision.id]) is not None and why.startswith(NOT_PLACED)
    ]
    notices = (*text.notices, *(n for n in (unplaced_notice(document, root, unplaced),) if n is not None))
    if not text.checkable:
        unread = tuple(ReadingReport(r, (), (), ()) for r in readings)
        return DocumentReport(
            document.id, document.title, document.issuer, policy.path, unread, document.jurisdiction, notices
        )
    applying = [p for p in corpus.provisions if exclusions[p.provision.id] is None]
    clauses = {c.key: c for c in document.clauses}
    reports = []
    for reading_id in readings:
        reading = corpus.reading(reading_id)
        # A reading's period is applied on a date the user gave; an undated run still reads
        # every reading (as before periods were applied), and says when each was held.
        held = reading.held_on(day.day) or not day.given
        held_note = "" if held else f"not held on {day.day.isoformat()} (held {reading.period()})"
        if not day.given and not reading.held_on(day.day):
            held_note = f"held {reading.period()}, not today: applied because no --as-of DATE was given"
        stands = standing(reading, jurisdiction)
        if not held and not apply_unheld:
            verdicts = tuple(_not_held(p, held_note, statuses[p.instrument.id]) for p in corpus.provisions)
            reports.append(
                ReadingReport(
                    reading_id,
                    verdicts,
                    (),
                    (),
                    held_note=held_note,
                    counts=stands.counts,
                    held=held,
                    authorities=reading.authorities,
                    standing=stands.text,
                )
            )
            continue
        if not held:
            held_note += "; applied anyway (--apply-unheld): not counted by default"
        taken = accepted(document, reading, day.day)
        findings = evaluator.evaluate(document, reading, applying, taken)
        verdicts = tuple(
            with_supremacy(
                corpus,
                p,
                clauses,
                verdict_for(
                    p, findings, exclusions[p.provision.id], statuses[p.instrument.id], reading, document, day.day
                ),
            )
            for p in corpus.provisions
        )
        explained = tuple(
            ExplainedFinding(f, explain(corpus, clauses[f.clause], f, reading, clauses, taken)) for f in findings
        )
        words = tuple(
            f"{i.by}, {i.date.isoformat()}: clause {i.clause} {i.effect} {', '.join(i.action)}" for i in taken
        )
        reports.append(
            ReadingReport(
                reading_id,
                verdicts,
                explained,
                beyond(document, findings, applying),
                held_note=held_note,
                interpretations=words,
                counts=stands.counts,
                held=held,
                authorities=reading.authorities,
                standing=stands.text,
            )
        )
    return DocumentReport(
        document.id, document.title, document.issuer, policy.path, tuple(reports), document.jurisdiction, notices
    )


def _not_held(located: LocatedProvision, note: str, status: InstrumentStatus) -> ProvisionVerdict:
    """A provision's cell under a reading not held on the date: no verdict, and why."""
    return ProvisionVerdict(
        located.provision.id,
        located.provision.cite,
        located.instrument.id,
        status.status,
        "not-held",
        f"reading {note}",
        (),
        status.label(),
    )


def check(
    corpus: Corpus,
    evaluator: Evaluator,
    policies: Sequence[LoadedPolicy],
    readings: Sequence[str],
    as_of: AsOf | None = None,
    fail_on: FailOn | None = None,
    apply_unheld: bool = False,
) -> CheckResult:
    """Every document under every requested reading, with the law as it stood on `as_of` (default: today)."""
    day = as_of or AsOf.on(None)
    root = known_root(corpus, [p.document for p in policies])
    documents = tuple(check_document(corpus, evaluator, p, readings, day, apply_unheld, root) for p in policies)
    return CheckResult(documents, tuple(readings), evaluator.name, day, fail_on or FailOn())
