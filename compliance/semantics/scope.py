"""Scopes: the sets of terms a clause, a provision or a savings clause covers.

Both evaluators read scopes from here and nothing else, so a reading's
effect is defined once: its `links` widen what a clause (or a savings
clause) is read to cover, and its `widen` entries add actions to provisions.
Every set is closed downwards in the vocabulary; an omitted field is the
category's root.

A link applies only to the provisions its holder stated it for, so both
evaluators split the provisions into groups that share the same links
(`link_groups`) and read each group under the reading restricted to them.
A link of kind `risk` does not define the clause: what it adds is the
clause's `risky_scope`, where a conflict is only potential. An issuer's
interpretation, when the reading accepts it on the date, says what a clause
reaches or a savings clause preserves, and so resolves the risk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import ExampleClause, Norm, Provision
from compliance.model.policy import Clause, Interpretation, Preserves
from compliance.model.readings import Link, LinkKind, Reading
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


def link_groups(
    reading: Reading, provisions: Sequence[LocatedProvision]
) -> list[tuple[Reading, list[LocatedProvision]]]:
    """Provisions grouped by the links stated for them, each group with the reading restricted to those links.

    Groups come in the order of their first provision, so evaluating group by group and
    sorting the findings gives the same result as one pass did before links were scoped.
    """
    groups: dict[tuple[int, ...], list[LocatedProvision]] = {}
    for located in provisions:
        used = stated_links(reading, located.provision.id)
        groups.setdefault(used, []).append(located)
    return [(restricted(reading, used), members) for used, members in groups.items()]


def stated_links(reading: Reading, provision: str) -> tuple[int, ...]:
    """The indices of the reading's links stated for this provision."""
    return tuple(i for i, link in enumerate(reading.links) if provision in link.provisions)


def for_provision(reading: Reading, provision: str) -> Reading:
    """The reading as it reads this provision: with only the links stated for it.

    Every analysis that scopes a clause against one provision (explain, dispute,
    suggest, diff through check) goes through this, as both evaluators do through
    `link_groups`, so no analysis reads a provision under another provision's links.
    """
    return restricted(reading, stated_links(reading, provision))


def restricted(reading: Reading, used: Sequence[int]) -> Reading:
    """The reading with only the links at `used` (the reading itself when that is all of them)."""
    if len(used) == len(reading.links):
        return reading
    return reading.model_copy(update={"links": tuple(reading.links[i] for i in used)})


def _applies(link: Link, persons: frozenset[str] | None, taxonomy: Taxonomy) -> bool:
    """A link limited to some persons applies only to a scope that meets them."""
    return not link.persons or persons is None or bool(taxonomy.below(link.persons) & persons)


def linked(
    taxonomy: Taxonomy,
    actions: frozenset[str],
    reading: Reading,
    persons: frozenset[str] | None = None,
    kinds: tuple[LinkKind, ...] = ("definition",),
) -> frozenset[str]:
    """Close a set of actions under a reading's links of the given kinds, to a fixed point.

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
        for link in by_term[pending.pop()]:
            if link.kind not in kinds or not _applies(link, persons, taxonomy):
                continue
            for term in taxonomy.below(link.includes):
                if term not in covered:
                    covered.add(term)
                    if term in by_term:
                        pending.append(term)
    return frozenset(covered)


_BY_TERM: dict[int, tuple[Reading, dict[str, list[Link]]]] = {}
"""Each reading's links indexed by term, keyed by the reading's id (the reading is kept, so its
id stays its own); hashing a reading would walk all its links on every call."""


def _links_by_term(reading: Reading) -> dict[str, list[Link]]:
    cached = _BY_TERM.get(id(reading))
    if cached is not None and cached[0] is reading:
        return cached[1]
    if len(_BY_TERM) >= 256:  # generated readings (property tests) must not pile up
        _BY_TERM.clear()
    index: dict[str, list[Link]] = {}
    for link in reading.links:
        index.setdefault(link.term, []).append(link)
    _BY_TERM[id(reading)] = (reading, index)
    return index


def said_of(clause: AnyClause, interpretations: Sequence[Interpretation], effect: str) -> tuple[str, ...]:
    """The actions the issuer's interpretations of this clause name with `effect` (none for a rule example)."""
    key = getattr(clause, "key", None)
    return tuple(a for i in interpretations if i.clause == key and i.effect == effect for a in i.action)


def clause_scope(
    corpus: Corpus, clause: AnyClause, reading: Reading, interpretations: Sequence[Interpretation] = ()
) -> Scope:
    """What a clause covers under a reading's definitions and the issuer's accepted word on what it reaches."""
    tax = corpus.taxonomy
    actor = clause.actor
    persons = tax.below(_named(tax, clause.persons, "persons"))
    actions = tax.below(clause.action) | tax.below(said_of(clause, interpretations, "reaches"))
    return Scope(
        actions=linked(tax, actions, reading, persons),
        actors=tax.below(_named(tax, actor, "actors")),
        persons=persons,
        counterparts=tax.below(_named(tax, clause.counterpart, "counterparts")),
    )


def risky_scope(
    corpus: Corpus, clause: AnyClause, reading: Reading, interpretations: Sequence[Interpretation] = ()
) -> Scope | None:
    """What a clause may be applied to cover under the reading's risk links, or None if they add nothing.

    The issuer's accepted word that the clause does not reach an action takes it (and what is
    below it) out of the risk; it never takes out what the clause covers by its terms.
    """
    base = clause_scope(corpus, clause, reading, interpretations)
    if not any(link.kind == "risk" for link in reading.links):
        return None
    tax = corpus.taxonomy
    risky = linked(tax, base.actions, reading, base.persons, ("definition", "risk"))
    denied = tax.below(said_of(clause, interpretations, "does-not-reach"))
    actions = base.actions | (risky - denied)
    if actions == base.actions:
        return None
    return Scope(actions, base.actors, base.persons, base.counterparts)


def preserved_scope(corpus: Corpus, preserves: Preserves, reading: Reading, extra: Sequence[str] = ()) -> Scope:
    """What a savings clause keeps unrestricted under a reading (all actors and persons).

    `extra` names actions the issuer said the clause also preserves (an accepted interpretation).
    """
    tax = corpus.taxonomy
    return Scope(
        actions=linked(tax, tax.below(preserves.action) | tax.below(extra), reading),
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
