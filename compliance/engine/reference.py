"""The pure-Python reference evaluator: DESIGN.md's semantics, spelt out as code.

It shares only scope expansion with the durable-rules path and nothing of its
rule compilation, so the differential tests between the two catch mistakes
in either. It is also the fast path where the engine is not wanted.
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.engine.findings import Finding, ordered
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import Modality, NormKind, Relation
from compliance.model.policy import Clause, Interpretation, PolicyDocument
from compliance.model.readings import Reading
from compliance.semantics.scope import (
    AnyClause,
    ProvisionScope,
    Scope,
    clause_scope,
    link_groups,
    preserved_scope,
    provision_scope,
    risky_scope,
    said_of,
)


def overlaps(a: Scope, b: Scope) -> bool:
    """Do two scopes meet on every dimension?"""
    return bool(
        a.actions & b.actions and a.actors & b.actors and a.persons & b.persons and a.counterparts & b.counterparts
    )


def fulfils(clause: Scope, exceptions: Sequence[str], target: ProvisionScope) -> bool:
    """Does the clause cover every action, person and counterpart the norm names, with no exception it
    does not tolerate? Actors only decide whether the two meet: a document can bind no one but its own."""
    covered = (
        set(target.named_actions) <= clause.actions
        and set(target.named_persons) <= clause.persons
        and set(target.named_counterparts) <= clause.counterparts
    )
    return covered and set(exceptions) <= target.tolerates


def relation(modality: Modality, must: NormKind, full: bool) -> Relation:
    """The deontic table of DESIGN.md for overlapping scopes."""
    restrictive = modality in ("prohibits", "restricts")
    if must == "not-restrict":
        if restrictive:
            return "conflicts"
        return "satisfies" if full else "partially-satisfies"
    if must == "prohibit":
        if not restrictive:
            return "conflicts"
        return "satisfies" if full and modality == "prohibits" else "partially-satisfies"
    if restrictive:
        return "conflicts"
    return "satisfies" if full and modality == "requires" else "partially-satisfies"


def relate(
    corpus: Corpus, clause: AnyClause, located: LocatedProvision, reading: Reading
) -> tuple[Relation, Scope] | None:
    """A clause's relation to a provision, with the clause's scope, or None if they do not meet.

    Only the reading's links stated for this provision apply; a conflict only its risk links
    give is a `potential-conflict` (no savings clause is considered: a clause alone).
    """
    ((scoped, _),) = link_groups(reading, [located])
    scope = clause_scope(corpus, clause, scoped)
    target = provision_scope(corpus, located.provision, scoped)
    found = _relation(clause, scope, located, target)
    risky = risky_scope(corpus, clause, scoped) if found is None else None
    if risky is not None and _relation(clause, risky, located, target) == "conflicts":
        return "potential-conflict", risky
    return None if found is None else (found, scope)


def _relation(clause: AnyClause, scope: Scope, located: LocatedProvision, target: ProvisionScope) -> Relation | None:
    if not overlaps(scope, target.scope):
        return None
    full = fulfils(scope, clause.exceptions, target)
    return relation(clause.modality, located.provision.norm.must, full)


class ReferenceEvaluator:
    """Evaluates documents by direct set arithmetic."""

    name = "reference"

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._targets: dict[str, dict[str, ProvisionScope]] = {}

    def _target(self, located: LocatedProvision, reading: Reading) -> ProvisionScope:
        """A provision's scope under a reading, computed once per evaluator (the corpus never changes)."""
        targets = self._targets.setdefault(reading.id, {})
        if located.provision.id not in targets:
            targets[located.provision.id] = provision_scope(self.corpus, located.provision, reading)
        return targets[located.provision.id]

    def evaluate(
        self,
        document: PolicyDocument,
        reading: Reading,
        provisions: Sequence[LocatedProvision],
        interpretations: Sequence[Interpretation] = (),
    ) -> list[Finding]:
        """Every clause against every provision, savings clauses applied.

        Provisions are read group by group, each under the links stated for it. A conflict
        only the reading's risk links produce is a `potential-conflict`; `interpretations`
        are the issuer's, as the reading accepts them on the date.
        """
        findings = []
        for scoped, group in link_groups(reading, provisions):
            findings.extend(self._evaluate(document, scoped, group, interpretations))
        return ordered(findings, document, provisions)

    def _evaluate(
        self,
        document: PolicyDocument,
        reading: Reading,
        provisions: Sequence[LocatedProvision],
        interpretations: Sequence[Interpretation],
    ) -> list[Finding]:
        savers = [c for c in document.clauses if c.preserves is not None]
        findings = []
        for clause in document.clauses:
            scope = clause_scope(self.corpus, clause, reading, interpretations)
            risky = risky_scope(self.corpus, clause, reading, interpretations)
            for located in provisions:
                provision_target = self._target(located, reading)
                rel = _relation(clause, scope, located, provision_target)
                used = scope
                if (
                    rel is None
                    and risky is not None
                    and _relation(clause, risky, located, provision_target) == "conflicts"
                ):
                    rel, used = "potential-conflict", risky  # only the reading's risk links make them meet
                if rel is None:
                    continue
                target = provision_target.scope
                meet = used.actions & target.actions
                savings: tuple[str, ...] = ()
                if rel in ("conflicts", "potential-conflict"):
                    points = {(a, c) for a in meet for c in used.counterparts & target.counterparts}
                    savings = self._savers_covering(points, clause, savers, reading, interpretations)
                    if savings:
                        rel = "neutralised"
                findings.append(
                    Finding(
                        document.id, clause.key, located.provision.id, reading.id, rel, tuple(sorted(meet)), savings
                    )
                )
        return findings

    def _savers_covering(
        self,
        points: set[tuple[str, str]],
        clause: Clause,
        savers: list[Clause],
        reading: Reading,
        interpretations: Sequence[Interpretation],
    ) -> tuple[str, ...]:
        """Every savings clause preserving part of a conflict, if together they preserve all of it."""
        left = set(points)
        used = []
        for saver in savers:
            if saver.key == clause.key or saver.preserves is None:
                continue
            extra = said_of(saver, interpretations, "preserves")
            kept = preserved_scope(self.corpus, saver.preserves, reading, extra)
            hit = {(a, c) for a, c in points if a in kept.actions and c in kept.counterparts}
            if hit:
                used.append(saver.key)
                left -= hit
        return tuple(used) if not left else ()
