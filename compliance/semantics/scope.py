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
    """Close a set of actions under a reading's links, to a fixed point."""
    covered = set(actions)
    changed = True
    while changed:
        changed = False
        for link in reading.links:
            if link.term in covered:
                extra = taxonomy.below(link.includes) - covered
                if extra:
                    covered |= extra
                    changed = True
    return frozenset(covered)


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
