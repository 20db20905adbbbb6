"""Scopes: the sets of terms a clause, a provision or a savings clause covers.

Both evaluators read scopes from here and nothing else, so a reading's
effect is defined once: its `links` widen what a clause (or a savings
clause) is read to cover, and its `widen` entries add actions to provisions.
Every set is closed downwards in the vocabulary; an omitted field is the
category's root.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compliance.model.corpus import Corpus
from compliance.model.law import ExampleClause, Norm, Provision
from compliance.model.policy import Clause, Preserves
from compliance.model.readings import Reading
from compliance.model.taxonomy import Taxonomy
from compliance.model.vocabulary import Category

AnyClause = Clause | ExampleClause


@dataclass(frozen=True)
class Scope:
    """The terms covered on each dimension."""

    actions: frozenset[str]
    actors: frozenset[str]
    persons: frozenset[str]
    counterparts: frozenset[str]


@dataclass(frozen=True)
class ProvisionScope:
    """A provision's scope under a reading, and the terms a clause must cover to satisfy it."""

    scope: Scope
    named_actions: tuple[str, ...]
    named_actors: tuple[str, ...]
    named_persons: tuple[str, ...]
    named_counterparts: tuple[str, ...]
    tolerates: frozenset[str]


def _named(taxonomy: Taxonomy, terms: Sequence[str], category: Category) -> tuple[str, ...]:
    return tuple(terms) if terms else taxonomy.roots(category)


def linked(taxonomy: Taxonomy, actions: frozenset[str], reading: Reading) -> frozenset[str]:
    """Close a set of actions under a reading's links, to a fixed point.

    One worklist pass: each term covered is looked up once among the links written for it,
    so the cost is the links that fire and the terms they add, whatever the order the links
    are written in (N links written against their chain took N passes over all N links).
    """
    if not reading.links:
        return actions
    by_term = _links_by_term(reading)
    covered = set(actions)
    pending = [t for t in actions if t in by_term]
    while pending:
        for includes in by_term[pending.pop()]:
            for term in taxonomy.below(includes):
                if term not in covered:
                    covered.add(term)
                    if term in by_term:
                        pending.append(term)
    return frozenset(covered)


_BY_TERM: dict[int, tuple[Reading, dict[str, list[tuple[str, ...]]]]] = {}
"""Each reading's links indexed by term, keyed by the reading's id (the reading is kept, so its
id stays its own); hashing a reading would walk all its links on every call."""


def _links_by_term(reading: Reading) -> dict[str, list[tuple[str, ...]]]:
    cached = _BY_TERM.get(id(reading))
    if cached is not None and cached[0] is reading:
        return cached[1]
    if len(_BY_TERM) >= 256:  # generated readings (property tests) must not pile up
        _BY_TERM.clear()
    index: dict[str, list[tuple[str, ...]]] = {}
    for link in reading.links:
        index.setdefault(link.term, []).append(tuple(link.includes))
    _BY_TERM[id(reading)] = (reading, index)
    return index


def clause_scope(corpus: Corpus, clause: AnyClause, reading: Reading) -> Scope:
    """What a clause covers under a reading (its exceptions are kept apart)."""
    tax = corpus.taxonomy
    actor = clause.actor
    return Scope(
        actions=linked(tax, tax.below(clause.action), reading),
        actors=tax.below(_named(tax, actor, "actors")),
        persons=tax.below(_named(tax, clause.persons, "persons")),
        counterparts=tax.below(_named(tax, clause.counterpart, "counterparts")),
    )


def preserved_scope(corpus: Corpus, preserves: Preserves, reading: Reading) -> Scope:
    """What a savings clause keeps unrestricted under a reading (all actors and persons)."""
    tax = corpus.taxonomy
    return Scope(
        actions=linked(tax, tax.below(preserves.action), reading),
        actors=tax.below(tax.roots("actors")),
        persons=tax.below(tax.roots("persons")),
        counterparts=tax.below(_named(tax, preserves.counterpart, "counterparts")),
    )


def widened_actions(provision: Provision, reading: Reading) -> tuple[str, ...]:
    """The norm's actions plus those the reading adds to this provision, without repeats."""
    extra = [a for w in reading.widen if provision.id in w.provisions for a in w.action]
    return tuple(dict.fromkeys((*provision.norm.action, *extra)))


def provision_scope(corpus: Corpus, provision: Provision, reading: Reading) -> ProvisionScope:
    """What a provision's norm covers under a reading."""
    tax = corpus.taxonomy
    norm: Norm = provision.norm
    actions = widened_actions(provision, reading)
    actors = _named(tax, norm.actors, "actors")
    persons = _named(tax, norm.persons, "persons")
    counterparts = _named(tax, norm.counterpart, "counterparts")
    return ProvisionScope(
        scope=Scope(tax.below(actions), tax.below(actors), tax.below(persons), tax.below(counterparts)),
        named_actions=actions,
        named_actors=actors,
        named_persons=persons,
        named_counterparts=counterparts,
        tolerates=frozenset(norm.tolerates),
    )
