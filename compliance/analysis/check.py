"""Check documents: evaluate each under each reading, then derive verdicts and what goes beyond.

A provision applies to a document when the document lies within the
instrument's jurisdiction, its issuer is among those the provision binds,
and the document does not itself encode the provision's instrument. Verdicts follow DESIGN.md: any unneutralised
conflict → `conflicts`; else a supporting finding, or a `not-restrict`
norm nobody restricts → `complies`; else `not-addressed`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from compliance.analysis.as_of import AsOf, InstrumentStatus, status_on
from compliance.analysis.derivation import explain
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
from compliance.model.policy import Clause, LoadedPolicy, PolicyDocument

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
) -> ProvisionVerdict:
    """The verdict on one provision from the findings that concern it, labelled with its status on the date."""
    provision = located.provision
    mine = [f for f in findings if f.provision == provision.id]

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
        )

    if excluded is not None:
        return made("not-applicable", excluded)
    conflicting = [f.clause for f in mine if f.relation == "conflicts"]
    if conflicting:
        return made("conflicts", "conflicts with clause " + ", ".join(conflicting), conflicting)
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
    root: str | None = None,
) -> DocumentReport:
    """One document under each reading, with each provision's status on the date (default: today)."""
    day = as_of or AsOf.on(None)
    statuses = {p.instrument.id: status_on(p.instrument, day) for p in corpus.provisions}
    text = in_force(policy, day.day)
    policy = text.policy
    document = policy.document
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
        findings = evaluator.evaluate(document, reading, applying)
        verdicts = tuple(
            with_supremacy(
                corpus, p, clauses, verdict_for(p, findings, exclusions[p.provision.id], statuses[p.instrument.id])
            )
            for p in corpus.provisions
        )
        explained = tuple(
            ExplainedFinding(f, explain(corpus, clauses[f.clause], f, reading, clauses)) for f in findings
        )
        reports.append(ReadingReport(reading_id, verdicts, explained, beyond(document, findings, applying)))
    return DocumentReport(
        document.id, document.title, document.issuer, policy.path, tuple(reports), document.jurisdiction, notices
    )


def check(
    corpus: Corpus,
    evaluator: Evaluator,
    policies: Sequence[LoadedPolicy],
    readings: Sequence[str],
    as_of: AsOf | None = None,
) -> CheckResult:
    """Every document under every requested reading, with the law as it stood on `as_of` (default: today)."""
    day = as_of or AsOf.on(None)
    root = known_root(corpus, [p.document for p in policies])
    documents = tuple(check_document(corpus, evaluator, p, readings, day, root) for p in policies)
    return CheckResult(documents, tuple(readings), evaluator.name, day)
