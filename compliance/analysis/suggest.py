"""`suggest`: the smallest verified edits that resolve each conflict with law in force.

For every conflict of a clause with a provision in force on the date
(`--as-of`, default today: `compliance.analysis.as_of`), under each
requested reading, `suggest_candidates` proposes edits in closed form (a
savings clause, a narrowing, a tolerated exception, a removal). Each edit is
a JSON Patch on the policy's data; the edited policy is built by applying it,
so what is printed is what was checked. Then:

1. a pre-screen with the reference evaluator, against the one provision the
   edit was made for, drops edits that cannot resolve their conflict (cheap:
   set arithmetic on one provision);
2. every surviving edit is verified with the evaluator the user chose, on the
   whole edited policy, against every applicable provision (whatever its
   status on the date: a failed bill, a terminated decree or a statute not
   yet in force still counts) and under every requested reading;
3. an edit is accepted only if it resolves at least one conflict and leaves
   no provision worse off: no new conflicting finding, no verdict falling
   (complies → not-addressed → conflicts), and no provision that was fully
   satisfied left only partially satisfied. An edit that fails this is kept
   as rejected, with what it would break, so a conflict nothing can resolve
   says why.

Edits are identified by their patch, verified once however many conflicts
proposed them, and ranked smallest first (see `suggest_candidates` for size).
The search is bounded: at most a handful of candidates per conflict, each
verified once, so the run is linear in conflicts × provisions × readings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from compliance.analysis.as_of import AsOf, InstrumentStatus, status_on
from compliance.analysis.check import accepted, applicable, verdict_for
from compliance.analysis.hierarchy import authority_label, outranking, supremacy_note
from compliance.analysis.suggest_candidates import Candidate, Target, candidates_for, conflict_points
from compliance.analysis.suggest_patch import apply_patch
from compliance.analysis.versions import text_on
from compliance.engine.findings import Evaluator, Finding, ordered
from compliance.engine.reference import ReferenceEvaluator
from compliance.errors import InputError, Location
from compliance.exit_codes import ExitCode
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.policy import Interpretation, LoadedPolicy, PolicyDocument
from compliance.model.readings import Reading

MAX_CONFLICTS = 250
"""Conflicts `suggest` works on by default (the bundled policies have at most 28); see `suggest`."""

ConflictKey = tuple[str, str, str]
"""(reading, clause, provision)."""

_VERDICT_RANK = {"conflicts": 0, "potential-conflict": 1, "not-addressed": 2, "complies": 3}

_CONFLICTING = ("conflicts", "potential-conflict")
"""The relations an edit is asked to end: a potential conflict is resolved as a conflict is, by an edit
that leaves the clause unable to be applied against the provision."""


@dataclass(frozen=True)
class Standing:
    """How well a document stands against one provision under one reading."""

    verdict: str
    full: bool

    def __str__(self) -> str:
        if self.verdict == "complies":
            return "satisfied" if self.full else "complies (not fully satisfied)"
        return self.verdict

    def worse_than(self, other: Standing) -> bool:
        """A lower verdict, or the same `complies` without the full satisfaction it had."""
        mine, theirs = _VERDICT_RANK[self.verdict], _VERDICT_RANK[other.verdict]
        return mine < theirs or (mine == theirs and other.full and not self.full)


@dataclass(frozen=True)
class Break:
    """A provision an edit would leave worse off, under one reading."""

    reading: str
    provision: str
    cite: str
    status: str
    before: Standing
    after: Standing
    new_conflicts: tuple[str, ...]


@dataclass(frozen=True)
class Edit:
    """A verified candidate: what it resolves and what it would break."""

    id: str
    candidate: Candidate
    resolves: tuple[ConflictKey, ...]
    breaks: tuple[Break, ...]

    @property
    def accepted(self) -> bool:
        """Resolves a conflict and leaves every provision at least as well off."""
        return bool(self.resolves) and not self.breaks


@dataclass(frozen=True)
class ConflictSuggestions:
    """One conflict with law in force, the edits that resolve it, and those rejected."""

    target: Target
    cite: str
    status: str
    resolved_by: tuple[str, ...]
    rejected: tuple[str, ...]
    withheld: str = ""
    """Why no edit is proposed at all: the clause is required by an authority that outranks the provision."""


@dataclass(frozen=True)
class SuggestResult:
    """Everything `compliance suggest` found for one policy."""

    document_id: str
    title: str
    path: str
    readings: tuple[str, ...]
    evaluator: str
    conflicts: tuple[ConflictSuggestions, ...]
    edits: tuple[Edit, ...]
    generated: int
    pruned: int
    as_of: AsOf
    statuses: dict[str, str]
    """Each provision's status on the date, to label conflicts with law not in force."""

    @property
    def exit_code(self) -> ExitCode:
        """1 if some conflict with law in force has no edit that resolves it safely, else 0.

        A potential conflict left unresolved does not fail, as it does not fail a check by default.
        """
        unresolved = any(not c.resolved_by and not c.target.potential for c in self.conflicts)
        return ExitCode.CONFLICT if unresolved else ExitCode.OK

    def edit(self, edit_id: str) -> Edit | None:
        """An edit by id (E1, X1, ...)."""
        return next((e for e in self.edits if e.id == edit_id), None)


@dataclass(frozen=True)
class Outcome:
    """What verification compares: every conflicting finding, and each provision's standing, per reading."""

    conflicts: tuple[ConflictKey, ...]
    standings: dict[tuple[str, str], Standing]
    potential: frozenset[ConflictKey] = frozenset()
    """The conflicts that are only potential (a reading's risk links, no accepted interpretation)."""
    document: PolicyDocument | None = field(default=None, compare=False)
    findings: dict[str, list[Finding]] = field(default_factory=dict, compare=False)
    """Every finding per reading, and the document they are of: an edit is verified from them."""
    applying: tuple[str, ...] = field(default=(), compare=False)


def evaluate(
    corpus: Corpus,
    evaluator: Evaluator,
    document: PolicyDocument,
    readings: Sequence[str],
    day: dt.date,
    before: Outcome | None = None,
) -> Outcome:
    """Findings and verdicts as `check` derives them, without the explanations verification never reads.

    Each reading takes the issuer's interpretations it accepts on `day`, as `check` does.
    With `before` (the outcome of the unedited policy) only the clauses an edit can change
    are evaluated again: a clause's findings depend on the clause and the document's savings
    clauses alone, so an unchanged clause keeps its findings, unless the savings clauses
    changed and it has a conflict they could neutralise (or did). Evaluating the whole
    policy for each of its edits was quadratic in its clauses (320 clauses: 99 s).
    """
    exclusions = {p.provision.id: applicable(corpus, document, p) for p in corpus.provisions}
    applying = [p for p in corpus.provisions if exclusions[p.provision.id] is None]
    ids = tuple(p.provision.id for p in applying)
    if before is not None and (before.document is None or before.applying != ids):
        before = None  # another issuer kind or instrument: nothing carries over
    conflicts: list[ConflictKey] = []
    potential: set[ConflictKey] = set()
    standings: dict[tuple[str, str], Standing] = {}
    every: dict[str, list[Finding]] = {}
    for reading_id in readings:
        reading = corpus.reading(reading_id)
        taken = accepted(document, reading, day)
        if before is None or reading_id not in before.findings:
            findings = evaluator.evaluate(document, reading, applying, taken)
        else:
            assert before.document is not None
            findings = _reevaluate(
                evaluator, before.document, before.findings[reading_id], document, reading, applying, taken
            )
        every[reading_id] = findings
        conflicts += [(reading_id, f.clause, f.provision) for f in findings if f.relation in _CONFLICTING]
        potential |= {(reading_id, f.clause, f.provision) for f in findings if f.relation == "potential-conflict"}
        full = {f.provision for f in findings if f.relation == "satisfies"}
        by_provision: dict[str, list[Finding]] = {}
        for f in findings:
            by_provision.setdefault(f.provision, []).append(f)
        for located in applying:
            verdict = verdict_for(located, by_provision.get(located.provision.id, []), None).verdict
            standings[(reading_id, located.provision.id)] = Standing(verdict, located.provision.id in full)
    return Outcome(tuple(conflicts), standings, frozenset(potential), document, every, ids)


def _reevaluate(
    evaluator: Evaluator,
    original: PolicyDocument,
    old: Sequence[Finding],
    edited: PolicyDocument,
    reading: Reading,
    applying: Sequence[LocatedProvision],
    taken: Sequence[Interpretation],
) -> list[Finding]:
    """The edited policy's findings: the clauses the edit can change evaluated anew, the rest kept."""
    was = {c.key: c for c in original.clauses}
    unchanged = {c.key for c in edited.clauses if was.get(c.key) == c}
    savers_same = [c for c in original.clauses if c.preserves] == [c for c in edited.clauses if c.preserves]
    contested = set() if savers_same else {f.clause for f in old if f.relation in (*_CONFLICTING, "neutralised")}
    redo = {c.key for c in edited.clauses if c.key not in unchanged or c.preserves is not None or c.key in contested}
    part = edited.model_copy(update={"clauses": tuple(c for c in edited.clauses if c.key in redo)})
    fresh = evaluator.evaluate(part, reading, applying, taken) if part.clauses else []
    kept = [f for f in old if f.clause in unchanged and f.clause not in redo]
    return ordered([*kept, *fresh], edited, applying)


def edited_document(data: dict[str, Any], candidate: Candidate) -> PolicyDocument:
    """The policy with the candidate's patch applied, validated as the loader would."""
    return PolicyDocument.model_validate(apply_patch(data, candidate.ops))


def _prescreen(corpus: Corpus, document: PolicyDocument, target: Target, day: dt.date) -> bool:
    """Does the edit end this conflict (or potential conflict) at all? Reference semantics, one provision,
    and only the clauses that decide it: the target clause and the savings clauses."""
    reading = corpus.reading(target.reading)
    deciding = tuple(c for c in document.clauses if c.key == target.clause or c.preserves is not None)
    part = document.model_copy(update={"clauses": deciding})
    located = [corpus.provision(target.provision)]
    findings = ReferenceEvaluator(corpus).evaluate(part, reading, located, accepted(document, reading, day))
    return not any(f.clause == target.clause and f.relation in _CONFLICTING for f in findings)


def _targets(
    corpus: Corpus, policy: LoadedPolicy, before: Outcome, statuses: dict[str, InstrumentStatus]
) -> list[Target]:
    """Conflicts with provisions in force on the date, in reading, clause and provision order."""
    index = {c.key: i for i, c in enumerate(policy.document.clauses)}
    out = []
    for reading, clause, provision in before.conflicts:
        located = corpus.provision(provision)
        if not statuses[provision].in_force:
            continue
        points = conflict_points(corpus, policy.document.clauses[index[clause]], located, corpus.reading(reading))
        key = (reading, clause, provision)
        out.append(Target(reading, clause, index[clause], provision, points, key in before.potential))
    return out


def _verify(
    corpus: Corpus,
    evaluator: Evaluator,
    readings: Sequence[str],
    before: Outcome,
    document: PolicyDocument,
    statuses: dict[str, InstrumentStatus],
    day: dt.date,
) -> tuple[tuple[ConflictKey, ...], tuple[Break, ...]]:
    """What an edited policy resolves and breaks, by the chosen evaluator over every provision and reading."""
    after = evaluate(corpus, evaluator, document, readings, day, before)
    old, new = before.conflicts, after.conflicts
    old_set, new_set = set(old), set(new)
    resolves = tuple(k for k in old if k not in new_set)
    added = [k for k in new if k not in old_set]
    old_standing, new_standing = before.standings, after.standings
    breaks = []
    for (reading, provision), was in old_standing.items():
        now = new_standing[(reading, provision)]
        fresh = tuple(c for r, c, p in added if r == reading and p == provision)
        if fresh or now.worse_than(was):
            located = corpus.provision(provision)
            status = statuses[provision].status
            breaks.append(Break(reading, provision, located.provision.cite, status, was, now, fresh))
    return resolves, tuple(breaks)


def suggest(
    corpus: Corpus,
    evaluator: Evaluator,
    policy: LoadedPolicy,
    readings: Sequence[str],
    as_of: AsOf | None = None,
    max_conflicts: int | None = None,
) -> SuggestResult:
    """The verified, ranked edits for every conflict of one policy with law in force on `as_of` (default: today).

    Past `max_conflicts` (default `MAX_CONFLICTS`) targets the policy is refused, located:
    each conflict brings candidate edits and each candidate is verified against the whole
    policy, so the work grows with conflicts times clauses.
    """
    from compliance.loader.yaml_write import model_data

    day = as_of or AsOf.on(None)
    statuses = {p.provision.id: status_on(p.instrument, day) for p in corpus.provisions}
    policy = text_on(policy, day.day)
    document = policy.document
    before = evaluate(corpus, evaluator, document, readings, day.day)
    targets = _targets(corpus, policy, before, statuses)
    limit = max_conflicts or MAX_CONFLICTS
    if len(targets) > limit:
        raise InputError.at(
            Location(policy.path),
            f"the policy has {len(targets):,} conflicts with law in force (clause, provision and reading) to "
            f"suggest edits for, more than {limit:,}; suggest fewer readings (--reading), or raise the limit "
            f"with --max-conflicts {len(targets)}",
            "too-many-conflicts",
        )
    data = model_data(document)
    proposed: dict[str, Candidate] = {}
    surviving: dict[str, PolicyDocument] = {}
    withheld = {t: _withheld(corpus, document, t) for t in targets}
    guarded = _guarded(document)
    for target in targets:
        if withheld[target]:
            continue
        siblings = [t for t in targets if t.reading == target.reading and t.clause == target.clause]
        for candidate in candidates_for(corpus, document.clauses, data, target, siblings):
            if _touches(corpus, document, candidate, guarded):
                continue  # never advise away a clause a higher authority requires, whatever conflict proposed it
            proposed.setdefault(candidate.key, candidate)
            if candidate.key in surviving:
                continue
            edited = edited_document(data, candidate)
            if _prescreen(corpus, edited, target, day.day):
                surviving[candidate.key] = edited
    verified = []
    for key in sorted(surviving, key=lambda k: (proposed[k].rank, k)):
        resolves, breaks = _verify(corpus, evaluator, readings, before, surviving[key], statuses, day.day)
        verified.append((proposed[key], resolves, breaks))
    edits = _numbered(verified)
    resolving: dict[tuple[ConflictKey, bool], list[str]] = {}  # each conflict's edits, in edit order
    for e in edits:
        for resolved in dict.fromkeys(e.resolves):
            resolving.setdefault((resolved, e.accepted), []).append(e.id)
    reports = []
    for target in targets:
        conflict = (target.reading, target.clause, target.provision)
        located = corpus.provision(target.provision)
        reports.append(
            ConflictSuggestions(
                target,
                located.provision.cite,
                statuses[target.provision].status,
                () if withheld[target] else tuple(resolving.get((conflict, True), ())),
                () if withheld[target] else tuple(resolving.get((conflict, False), ())),
                withheld[target],
            )
        )
    return SuggestResult(
        document.id,
        document.title,
        policy.path,
        tuple(readings),
        evaluator.name,
        tuple(reports),
        edits,
        len(proposed),
        len(proposed) - len(surviving),
        day,
        {provision: status.status for provision, status in statuses.items()},
    )


def _withheld(corpus: Corpus, document: PolicyDocument, target: Target) -> str:
    """Why this conflict gets no edit: its clause is required by an authority (`required-by`), else "".

    Against lower-ranked law that is a supremacy question for a court; against law of equal or
    higher rank, changing the clause is still for the requiring authority, not for an edit.
    """
    clause = document.clauses[target.index]
    if clause.required_by is None:
        return ""
    located = corpus.provision(target.provision)
    if outranking(corpus, clause, located) is not None:
        return f"not advised: {supremacy_note(corpus, located, (clause,))}; a court, not an edit, must weigh the two"
    label = authority_label(corpus, clause.required_by)
    return f"not advised: clause {clause.key} is required by {label}; changing it is for that authority, not an edit"


def _guarded(document: PolicyDocument) -> frozenset[int]:
    """The clauses (by index) an authority requires: suggest never edits, removes or voids them."""
    return frozenset(i for i, c in enumerate(document.clauses) if c.required_by is not None)


def _touches(corpus: Corpus, document: PolicyDocument, candidate: Candidate, guarded: frozenset[int]) -> bool:
    """Does the edit change or remove a guarded clause, or add a savings clause preserving what one does?"""
    below = corpus.taxonomy.below
    kept = below(a for i in guarded for a in document.clauses[i].action)
    for op in candidate.ops:
        parts = str(op.get("path", "")).split("/")
        if len(parts) > 2 and parts[1] == "clauses" and parts[2].isdigit() and int(parts[2]) in guarded:
            return True
        value = op.get("value")
        preserves = value.get("preserves") if isinstance(value, dict) else None
        if isinstance(preserves, dict) and kept & below(preserves.get("action") or ()):
            return True
    return False


def _numbered(verified: list[tuple[Candidate, tuple[ConflictKey, ...], tuple[Break, ...]]]) -> tuple[Edit, ...]:
    """Accepted edits E1, E2, ... then rejected ones X1, X2, ..., each smallest first."""
    accepted = [(c, r, b) for c, r, b in verified if r and not b]
    rejected = [(c, r, b) for c, r, b in verified if r and b]
    return (
        *(Edit(f"E{n}", c, r, b) for n, (c, r, b) in enumerate(accepted, 1)),
        *(Edit(f"X{n}", c, r, b) for n, (c, r, b) in enumerate(rejected, 1)),
    )
