"""Findings through durable-rules: clauses asserted as facts, provisions as compiled rules.

Two steps per document and reading. First, every clause (its scope expanded
under the reading) is asserted into the reading's rulesets and the
provision rules fire. Then each conflict's overlap points are looked up in an
index of the points the document's savings clauses preserve; a conflict all of
whose points are preserved is neutralised.

Why the savings step is an index and not an engine join: durable-rules
evaluates a join by comparing every conflict point with every saving point
(one clause over 300 actions against 500 savings clauses took 94 s and
1.5 GB), while a dictionary keyed by point costs one lookup per point. The
reference evaluator reaches the same answer another way (per savings
clause, by set arithmetic), so the differential tests still compare two
implementations.

A clause whose scope the reading's risk links widen is asserted a second
time, as `r<n>` facts with that wider scope: a conflict only those facts
fire is a potential conflict. Provisions are compiled per group of the
links stated for them, and each group gets its own clause facts.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any

from compliance.engine.capacity import MAX_CONSTANTS
from compliance.engine.compile import (
    DIMENSIONS,
    MAX_FACT_PROPERTIES,
    UNTOLERATED,
    CompiledReading,
    RuleMemo,
    compile_reading,
    exception_flag,
    flagged_conditions,
    index_flag,
    index_keys,
    reach,
    scope_property,
)
from compliance.engine.durable_adapter import DurableHost
from compliance.engine.findings import Finding, ordered
from compliance.errors import EngineError
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import Relation
from compliance.model.policy import Interpretation, PolicyDocument
from compliance.model.readings import Reading
from compliance.model.taxonomy import Taxonomy
from compliance.semantics.scope import (
    Scope,
    clause_scope,
    link_groups,
    preserved_scope,
    provision_scope,
    risky_scope,
    said_of,
)


def clause_facts(
    taxonomy: Taxonomy,
    fact_id: str,
    modality: str,
    scope: Scope,
    exceptions: Sequence[str],
    flagged: Sequence[str],
    keys: dict[str, str],
    tested: Collection[str],
) -> list[dict[str, Any]]:
    """A clause as the engine sees it: modality, expanded scope, a flag per index term its reach
    touches, and a 0/1 flag per condition it carves out. Only the properties some rule tests
    (`tested`) are sent: the engine loops over every property of a fact at every node it visits.

    durable-rules crashes on a fact of more than `MAX_FACT_PROPERTIES`, and a clause naming
    hundreds of actions can reach that many index terms that rules test. Every rule tests exactly one index flag,
    so the clause is sent as several facts that differ only in which index flags they carry
    (`<fact_id>.<k>`): a rule matches the clause exactly when it matches one of them, and the
    findings are gathered per clause. The condition flags cannot be split (a `full` rule tests
    them together); `MAX_TOLERATED_CONDITIONS`, checked by the loader, keeps room for them.
    """
    fact: dict[str, Any] = {"id": fact_id, "kind": "clause", "modality": modality}
    fact |= {exception_flag(c): int(c in exceptions) for c in flagged if exception_flag(c) in tested}
    fact[UNTOLERATED] = int(any(c not in flagged for c in exceptions))
    above_actions = taxonomy.above(scope.actions)
    for dimension in DIMENSIONS:
        if reach(dimension) in tested:
            terms = above_actions if dimension == "actions" else taxonomy.above(getattr(scope, dimension))
            fact[reach(dimension)] = sorted(terms)
    for dimension in ("actions", "persons", "counterparts"):
        if scope_property(dimension) in tested:
            fact[scope_property(dimension)] = sorted(getattr(scope, dimension))
    indexed = [flag for k in sorted({keys[a] for a in above_actions}) if (flag := index_flag(k)) in tested]
    room = MAX_FACT_PROPERTIES - len(fact)
    if room < 1:  # unreachable while the loader enforces MAX_TOLERATED_CONDITIONS
        raise EngineError(
            f"a clause carving out {len(flagged)} tolerated conditions needs {len(fact)} properties in "
            f"durable-rules, which refuses more than {MAX_FACT_PROPERTIES}"
        )
    if len(indexed) <= room:
        return [fact | dict.fromkeys(indexed, 1)]
    chunks = [indexed[i : i + room] for i in range(0, len(indexed), room)]
    return [fact | {"id": f"{fact_id}.{k}"} | dict.fromkeys(chunk, 1) for k, chunk in enumerate(chunks)]


def resolve(kinds: set[str]) -> Relation:
    """A conflict defeats everything; a full match makes support complete."""
    if "conflict" in kinds:
        return "conflicts"
    return "satisfies" if "full" in kinds else "partially-satisfies"


@dataclass(frozen=True)
class _Prepared:
    """A reading's provisions, compiled and registered, with their scopes."""

    compiled: CompiledReading
    names: tuple[str, ...]
    targets: dict[str, Scope]


_SHARED_HOSTS: dict[int, DurableHost] = {}


def shared_host(limit: int = MAX_CONSTANTS) -> DurableHost:
    """The process's one host for this limit, for callers that make an evaluator per command.

    Why: durable-rules' C core keeps about 6 MB of every host's state tables even after its
    rulesets are freed, so a process that runs many commands in turn (a test suite, a library
    user, `check` called in-process) would grow by that much per command. One host registers
    each distinct ruleset once (`DurableHost.register` reuses rulesets by content), so the same
    law checked again costs nothing more. Access is serial: parallel runs use processes.
    """
    if limit not in _SHARED_HOSTS:
        _SHARED_HOSTS[limit] = DurableHost(limit)
    return _SHARED_HOSTS[limit]


class DurableEvaluator:
    """Evaluates documents with durable-rules, reusing compiled rulesets across documents."""

    name = "durable"

    def __init__(self, corpus: Corpus, host: DurableHost | None = None, limit: int = MAX_CONSTANTS) -> None:
        self.corpus = corpus
        self.limit = limit
        self.host = host or DurableHost(limit)
        self._compiled: dict[tuple[str, tuple[str, ...]], _Prepared] = {}
        self._rules: RuleMemo = {}  # a provision's rules, shared by the readings that scope it alike
        self._keys = index_keys(corpus.taxonomy)
        self._flagged = flagged_conditions(corpus)

    @property
    def ruleset_count(self) -> int:
        """How many provision rulesets are registered so far (partitioning shows here)."""
        return sum(len(prepared.names) for prepared in self._compiled.values())

    def _prepare(self, reading: Reading, provisions: Sequence[LocatedProvision]) -> _Prepared:
        """Compile, register and scope a reading's provisions once; every document reuses them."""
        key = (reading.id, tuple(p.provision.id for p in provisions))
        if key not in self._compiled:
            compiled = compile_reading(self.corpus, reading, provisions, self.limit, self._rules)
            names = tuple(self.host.register(rules) for rules in compiled.rulesets)
            targets = {p.provision.id: provision_scope(self.corpus, p.provision, reading).scope for p in provisions}
            self._compiled[key] = _Prepared(compiled, names, targets)
        return self._compiled[key]

    def evaluate(
        self,
        document: PolicyDocument,
        reading: Reading,
        provisions: Sequence[LocatedProvision],
        interpretations: Sequence[Interpretation] = (),
    ) -> list[Finding]:
        """All findings of one document under one reading, group by group of the links stated for provisions."""
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
        prepared = self._prepare(reading, provisions)
        scopes = {c.key: clause_scope(self.corpus, c, reading, interpretations) for c in document.clauses}
        risky = {c.key: r for c in document.clauses if (r := risky_scope(self.corpus, c, reading, interpretations))}
        tax, flagged, keys, tested = self.corpus.taxonomy, self._flagged, self._keys, prepared.compiled.tested
        facts = []
        clause_of: dict[str, str] = {}
        for i, c in enumerate(document.clauses):
            for fact in clause_facts(tax, f"c{i}", c.modality, scopes[c.key], c.exceptions, flagged, keys, tested):
                facts.append(fact)
                clause_of[fact["id"]] = c.key
        for i, c in enumerate(document.clauses):
            if c.key not in risky:
                continue
            for fact in clause_facts(tax, f"r{i}", c.modality, risky[c.key], c.exceptions, flagged, keys, tested):
                facts.append(fact)
                clause_of[fact["id"]] = c.key
        fired: dict[tuple[str, str], set[str]] = defaultdict(set)
        risk_fired: dict[tuple[str, str], set[str]] = defaultdict(set)
        for _, matches in self.host.run_each(prepared.names, facts):
            for match in matches:
                rule = prepared.compiled.rules[match.rule]
                fact_id = match.facts[0][1]
                into = risk_fired if fact_id.startswith("r") else fired
                into[(clause_of[fact_id], rule.provision)].add(rule.kind)
        findings = []
        for (clause, provision), kinds in fired.items():
            meet = tuple(sorted(scopes[clause].actions & prepared.targets[provision].actions))
            findings.append(Finding(document.id, clause, provision, reading.id, resolve(kinds), meet))
        for (clause, provision), kinds in risk_fired.items():
            if (clause, provision) in fired or "conflict" not in kinds:
                continue  # the clause meets the provision by its terms, or the risk brings no conflict
            meet = tuple(sorted(risky[clause].actions & prepared.targets[provision].actions))
            findings.append(Finding(document.id, clause, provision, reading.id, "potential-conflict", meet))
        return self._neutralise(document, reading, prepared, findings, scopes, interpretations)

    def _neutralise(
        self,
        document: PolicyDocument,
        reading: Reading,
        prepared: _Prepared,
        findings: list[Finding],
        scopes: dict[str, Scope],
        interpretations: Sequence[Interpretation],
    ) -> list[Finding]:
        conflicts = [f for f in findings if f.relation in ("conflicts", "potential-conflict")]
        savers = [c for c in document.clauses if c.preserves is not None]
        if not conflicts or not savers:
            return findings
        keeping: dict[tuple[str, str], list[int]] = defaultdict(list)  # point -> savers preserving it
        for s, saver in enumerate(savers):
            assert saver.preserves is not None
            extra = said_of(saver, interpretations, "preserves")
            kept = preserved_scope(self.corpus, saver.preserves, reading, extra)
            for point in itertools.product(kept.actions, kept.counterparts):
                keeping[point].append(s)
        points: dict[int, set[tuple[str, str]]] = {}
        preserved: dict[int, set[tuple[str, str]]] = defaultdict(set)
        saved_by: dict[int, set[int]] = defaultdict(set)
        for n, finding in enumerate(conflicts):
            counterparts = scopes[finding.clause].counterparts & prepared.targets[finding.provision].counterparts
            points[n] = set(itertools.product(finding.overlap, counterparts))
            for point in points[n]:
                for s in keeping.get(point, ()):
                    if savers[s].key == finding.clause:
                        continue  # a clause never saves itself
                    preserved[n].add(point)
                    saved_by[n].add(s)
        out = [f for f in findings if f.relation not in ("conflicts", "potential-conflict")]
        for n, finding in enumerate(conflicts):
            if points[n] and preserved[n] == points[n]:
                names = tuple(savers[s].key for s in sorted(saved_by[n]))
                finding = replace(finding, relation="neutralised", savings=names)
            out.append(finding)
        return out
