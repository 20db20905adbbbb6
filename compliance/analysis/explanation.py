"""The question `compliance explain` asks: how one clause relates to the provisions, step by step, per reading.

(`derivation` builds the steps of one finding; this module picks the clauses
and provisions the command names and says why a pair does not meet.) Each
entry is the chain `derivation.derive` builds for a finding — clause text →
modality and scope → the vocabulary links the reading added → the
provision's norm and quoted text (and any widening) → where they meet → the
exceptions → the relation → the savings clause that changed it. Where a
clause and a named provision do not meet, the entry says why not (the
provision does not apply to the document, or their scopes part on a named
dimension), so a "none" is explained as carefully as a conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from compliance.analysis.as_of import AsOf, status_on, today
from compliance.analysis.check import accepted, applicable
from compliance.analysis.derivation import Step, _shorten, derive
from compliance.analysis.hierarchy import supremacy_note
from compliance.engine.findings import Evaluator
from compliance.errors import UsageError, suggestion_for
from compliance.exit_codes import ExitCode
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.policy import Clause, LoadedPolicy
from compliance.model.readings import Reading
from compliance.semantics.scope import clause_scope, for_provision, provision_scope, widened_actions


@dataclass(frozen=True)
class Entry:
    """One clause and one provision under one reading: the relation and its chain."""

    reading: str
    clause: str
    provision: str
    cite: str
    relation: str
    savings: tuple[str, ...]
    chain: tuple[Step, ...]


@dataclass(frozen=True)
class ExplainResult:
    """Every chain asked for; explaining never fails a build, so the exit code is 0."""

    document_id: str
    title: str
    path: str
    clauses: tuple[Clause, ...]
    readings: tuple[Reading, ...]
    provision: str | None
    entries: tuple[Entry, ...]
    as_of: AsOf | None = None
    """The date named by `--as-of`, if any: the report then gives each provision's status on it."""
    statuses: dict[str, str] = field(default_factory=dict)
    """With `as_of`: each provision's status on the date (`label()`), by provision id."""

    @property
    def exit_code(self) -> ExitCode:
        """Explaining never fails a build: always 0."""
        return ExitCode.OK


def select_clauses(policy: LoadedPolicy, wanted: str) -> tuple[Clause, ...]:
    """The clause whose key is `wanted`, else every part numbered `wanted`; otherwise a usage error."""
    clauses = policy.document.clauses
    exact = tuple(c for c in clauses if c.key == wanted)
    if exact:
        return exact
    numbered = tuple(c for c in clauses if c.number == wanted)
    if numbered:
        return numbered
    known = list(dict.fromkeys([c.key for c in clauses] + [c.number for c in clauses]))
    raise UsageError(
        f"no clause {wanted!r} in {policy.path}",
        suggestion=suggestion_for(wanted, known),
        hint=f"clauses: {', '.join(repr(c.key) for c in clauses)}",
    )


def select_provision(corpus: Corpus, wanted: str | None) -> LocatedProvision | None:
    """The provision named, if any; an unknown id is a usage error with a suggestion."""
    if wanted is None:
        return None
    ids = [p.provision.id for p in corpus.provisions]
    if wanted not in ids:
        raise UsageError(
            f"unknown provision {wanted!r}",
            suggestion=suggestion_for(wanted, ids),
            hint="see the ids in `compliance check`",
        )
    return corpus.provision(wanted)


def _apart(corpus: Corpus, clause: Clause, located: LocatedProvision, reading: Reading, excluded: str | None) -> Entry:
    """Why a clause and a provision have no finding under a reading."""
    provision = located.provision
    steps = [Step("clause", f'{clause.key}: "{_shorten(clause.text)}"')]
    if excluded is not None:
        steps.append(Step("apart", f"{provision.cite} does not apply to this document: {excluded}"))
        return Entry(reading.id, clause.key, provision.id, provision.cite, "not-applicable", (), tuple(steps))
    mine = clause_scope(corpus, clause, for_provision(reading, provision.id))
    target = provision_scope(corpus, provision, reading)
    parts = []
    for name, ours, theirs, named in (
        ("action", mine.actions, target.scope.actions, widened_actions(provision, reading)),
        ("actor", mine.actors, target.scope.actors, target.named_actors),
        ("person", mine.persons, target.scope.persons, target.named_persons),
        ("counterpart", mine.counterparts, target.scope.counterparts, target.named_counterparts),
    ):
        if not ours & theirs:
            parts.append(f"no {name} in common (the provision covers {', '.join(named)})")
    why = "; ".join(parts) or "their scopes overlap, yet no relation was found"
    steps.append(Step("apart", f"under reading {reading.id} they do not meet: {why}"))
    return Entry(reading.id, clause.key, provision.id, provision.cite, "none", (), tuple(steps))


def explain_clause(
    corpus: Corpus,
    evaluator: Evaluator,
    policy: LoadedPolicy,
    clause_key: str,
    provision_id: str | None,
    readings: Sequence[str],
    as_of: AsOf | None = None,
) -> ExplainResult:
    """The chains for one clause (all its parts) under each reading, against one provision or every one it meets."""
    clauses = select_clauses(policy, clause_key)
    target = select_provision(corpus, provision_id)
    document = policy.document
    by_key = {c.key: c for c in document.clauses}
    exclusions = {p.provision.id: applicable(corpus, document, p) for p in corpus.provisions}
    applying = [p for p in corpus.provisions if exclusions[p.provision.id] is None]
    entries: list[Entry] = []
    for reading_id in readings:
        reading = corpus.reading(reading_id)
        # The issuer's interpretations the reading accepts on the day (today unless given), as check takes them.
        taken = accepted(document, reading, as_of.day if as_of else today())
        findings = evaluator.evaluate(document, reading, applying, taken)
        for clause in clauses:
            mine = [
                f for f in findings if f.clause == clause.key and (target is None or f.provision == target.provision.id)
            ]
            for f in mine:
                provision = corpus.provision(f.provision).provision
                chain = derive(corpus, by_key[f.clause], f, reading, by_key, taken)
                question = supremacy_note(corpus, corpus.provision(f.provision), (by_key[f.clause],))
                if f.relation == "conflicts" and question:
                    chain = (*chain, Step("supremacy", question, None))
                entries.append(Entry(reading.id, f.clause, f.provision, provision.cite, f.relation, f.savings, chain))
            if target is not None and not mine:
                entries.append(_apart(corpus, clause, target, reading, exclusions[target.provision.id]))
    return ExplainResult(
        document.id,
        document.title,
        policy.path,
        clauses,
        tuple(corpus.reading(r) for r in readings),
        provision_id,
        tuple(entries),
        as_of,
        {p.provision.id: status_on(p.instrument, as_of).label() for p in corpus.provisions} if as_of else {},
    )
