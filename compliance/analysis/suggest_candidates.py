"""Candidate edits for one conflict, drawn from the vocabulary and never blindly.

A conflict is a clause whose scope meets a provision's under a reading, with
a modality the norm forbids (DESIGN.md's table). The finite vocabulary
bounds every way to end it, and each kind of edit has a closed form, so no
edit is found by trying terms one by one:

- **add a savings clause** that preserves the conflict's points (the
  (action, counterpart) pairs where clause and provision meet): the tightest
  one names exactly those points, with a parent term where all its children
  are points; another uses the provision's own words (as paragraph 5 of
  Chapter 41.6.1 tracks § 1373(a)), if they cover the points under the
  reading, and another the fewest of those words that mean the same under it
  (`fewest_words`); and one covers all the clause's conflicts at once.
- **narrow the clause** on one dimension (action, persons or counterpart) to
  the largest set of narrower terms that no longer meets the provision: a
  term is kept iff its closure (with the reading's links, for actions) misses
  the provision's scope. Links distribute over union, so the kept terms
  together miss it too. One candidate per dimension against this provision,
  and one against all the clause's conflicts under the reading.
- **add an exception** the provision tolerates. Under the engine's semantics
  an exception only decides `satisfies` against `partially-satisfies`, never
  whether scopes meet, so these are generated and then pruned by the
  pre-screen in `suggest.py`; they stay so that a change of semantics would
  show up here, not silently.
- **remove the clause**.

Size (the ranking key) is measured in vocabulary *cells*: one action × one
person × one counterpart, each term standing for itself (its narrower terms
are cells of their own), before any reading's links, so it measures what the
policy *says* and does not depend on the reading. A savings clause changes
the cells it preserves (all persons); narrowing changes the cells it drops;
removal the clause's cells; an exception none.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from compliance.analysis.suggest_patch import Op, append_clause, remove_clause, set_field
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.policy import Clause, Preserves
from compliance.model.readings import Reading
from compliance.model.taxonomy import Taxonomy
from compliance.model.vocabulary import Category
from compliance.semantics.scope import (
    clause_scope,
    for_provision,
    linked,
    preserved_scope,
    provision_scope,
    risky_scope,
)

EditKind = Literal["add-exception", "narrow", "add-savings", "remove"]
KIND_RANK: dict[EditKind, int] = {"add-exception": 0, "narrow": 1, "add-savings": 2, "remove": 3}
"""Ties in size go to the edit that disturbs the policy's text least."""

SAVINGS_NUMBER = "[savings]"
"""The label of a suggested savings clause (editorial, as the bundled files bracket labels)."""

_FIELDS: dict[str, tuple[str, Category]] = {
    "action": ("action", "actions"),
    "persons": ("persons", "persons"),
    "counterpart": ("counterpart", "counterparts"),
}


@dataclass(frozen=True)
class Target:
    """One conflict to resolve: a clause against a provision under a reading, and where they meet."""

    reading: str
    clause: str
    index: int
    provision: str
    points: tuple[tuple[str, str], ...]
    potential: bool = False
    """Only a potential conflict (the reading's risk links): resolving it is advised, not required."""


@dataclass(frozen=True)
class Candidate:
    """One proposed edit, as the patch that makes it."""

    kind: EditKind
    clause: str
    summary: str
    size: int
    terms: int
    ops: tuple[Op, ...] = field(compare=False)

    @property
    def key(self) -> str:
        """Identity of the edit: two candidates with the same patch are the same edit."""
        return json.dumps(self.ops, sort_keys=True)

    @property
    def rank(self) -> tuple[int, int, int, str]:
        """Smallest first: cells changed, then the kind that disturbs the text least, then terms written."""
        return (self.size, KIND_RANK[self.kind], self.terms, self.summary)


def _in_file_order(taxonomy: Taxonomy, category: Category, terms: Iterable[str]) -> tuple[str, ...]:
    wanted = set(terms)
    return tuple(t for t in taxonomy.terms(category) if t in wanted)


def maximal(taxonomy: Taxonomy, category: Category, covered: frozenset[str]) -> tuple[str, ...]:
    """The fewest terms whose closures are exactly `covered` (a downward-closed set): its top terms."""
    return _in_file_order(taxonomy, category, (t for t in covered if not (taxonomy.above([t]) - {t}) & covered))


def _closed_part(taxonomy: Taxonomy, terms: frozenset[str]) -> frozenset[str]:
    """The terms of a set whose every narrower term is in the set too."""
    return frozenset(t for t in terms if taxonomy.below([t]) <= terms)


def _named(taxonomy: Taxonomy, terms: Sequence[str], category: Category) -> tuple[str, ...]:
    return tuple(terms) if terms else taxonomy.roots(category)


def cells(taxonomy: Taxonomy, actions: Sequence[str], persons: Sequence[str], counterparts: Sequence[str]) -> int:
    """Vocabulary cells (action × person × counterpart) a scope written with these terms covers."""
    return (
        len(taxonomy.below(_named(taxonomy, actions, "actions")))
        * len(taxonomy.below(_named(taxonomy, persons, "persons")))
        * len(taxonomy.below(_named(taxonomy, counterparts, "counterparts")))
    )


def clause_cells(taxonomy: Taxonomy, clause: Clause) -> int:
    """The cells a clause covers as written."""
    return cells(taxonomy, clause.action, clause.persons, clause.counterpart)


def conflict_points(
    corpus: Corpus, clause: Clause, located: LocatedProvision, reading: Reading
) -> tuple[tuple[str, str], ...]:
    """The (action, counterpart) pairs where a clause meets a provision: what a savings clause must preserve.

    The provision is read under the links stated for it; where they include risk links, the
    points are those of the clause's risky scope (a potential conflict is resolved only by
    preserving where the clause may be applied, too).
    """
    reading = for_provision(reading, located.provision.id)
    scope = risky_scope(corpus, clause, reading) or clause_scope(corpus, clause, reading)
    target = provision_scope(corpus, located.provision, reading).scope
    return tuple(
        sorted((a, c) for a in scope.actions & target.actions for c in scope.counterparts & target.counterparts)
    )


def _savings(
    corpus: Corpus, clause: Clause, actions: tuple[str, ...], counterparts: tuple[str, ...], origin: str, number: str
) -> Candidate:
    """A savings clause preserving these terms, for the members the conflicting clause binds."""
    tax = corpus.taxonomy
    towards = f" towards {', '.join(counterparts)}" if counterparts else ""
    value: dict[str, Any] = {
        "number": number,
        "text": (
            "Nothing in this policy prohibits, or in any way restricts, "
            f"{', '.join(clause.actor) or 'any member'} from: {', '.join(actions)}{towards}."
        ),
        "verified": False,
        "note": (
            "Suggested by `compliance suggest`: the wording is drafted from the vocabulary's terms, not "
            "taken from the policy. Write it in the policy's own words before adopting it."
        ),
        "modality": "permits",
    }
    if clause.actor:
        value["actor"] = list(clause.actor)
    value["action"] = list(actions)
    if counterparts:
        value["counterpart"] = list(counterparts)
    value["preserves"] = {"action": list(actions), **({"counterpart": list(counterparts)} if counterparts else {})}
    size = cells(tax, actions, (), counterparts)
    voids = tax.below(clause.action) <= tax.below(actions) and tax.below(
        _named(tax, clause.counterpart, "counterparts")
    ) <= tax.below(_named(tax, counterparts, "counterparts"))
    note = f"; it preserves all that clause {clause.key} {clause.modality}, so it voids that clause" if voids else ""
    members = f" for {', '.join(clause.actor)}" if clause.actor else ""
    return Candidate(
        "add-savings",
        clause.key,
        f"add savings clause {number}{members} preserving {', '.join(actions)}{towards} ({origin}{note})",
        size,
        len(actions) + len(counterparts),
        tuple(append_clause(value)),
    )


def _tightest(taxonomy: Taxonomy, points: Sequence[tuple[str, str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fewest terms naming exactly a product of points: each term kept only if all it covers is a point."""
    actions = frozenset(a for a, _ in points)
    counterparts = frozenset(c for _, c in points)
    named_actions = maximal(taxonomy, "actions", _closed_part(taxonomy, actions))
    closed_counterparts = _closed_part(taxonomy, counterparts)
    named_counterparts = maximal(taxonomy, "counterparts", closed_counterparts)
    if set(named_counterparts) == set(taxonomy.roots("counterparts")):
        named_counterparts = ()
    return named_actions, named_counterparts


def savings_candidates(
    corpus: Corpus,
    clause: Clause,
    targets: Sequence[tuple[LocatedProvision, tuple[tuple[str, str], ...]]],
    reading: Reading,
    number: str,
) -> list[Candidate]:
    """Savings clauses covering the points of one conflict or of several: tightest, and in the law's words."""
    out = []
    points = sorted({p for _, pts in targets for p in pts})
    actions, counterparts = _tightest(corpus.taxonomy, points)
    if actions:
        origin = "exactly where they meet" if len(targets) == 1 else "where the clause meets them all"
        out.append(_savings(corpus, clause, actions, counterparts, origin, number))
    if len(targets) == 1:
        located = targets[0][0]
        reading = for_provision(reading, located.provision.id)
        norm = located.provision.norm
        cite = located.provision.cite
        kept = preserved_scope(corpus, Preserves(action=norm.action, counterpart=norm.counterpart), reading)
        if all(a in kept.actions and c in kept.counterparts for a, c in points):
            fewest = fewest_words(corpus, norm.action, kept.actions, reading)
            if fewest != tuple(norm.action):
                origin = f"in the words of {cite}, fewest that mean the same under {reading.id}"
                out.append(_savings(corpus, clause, fewest, norm.counterpart, origin, number))
            out.append(_savings(corpus, clause, norm.action, norm.counterpart, f"in the words of {cite}", number))
    return out


MAX_WORDS = 8
"""Beyond this many terms in a norm, `fewest_words` does not search its subsets (2^8 = 256 at most)."""


def fewest_words(corpus: Corpus, words: Sequence[str], meaning: frozenset[str], reading: Reading) -> tuple[str, ...]:
    """The fewest of a provision's action terms that a reading reads as preserving the same actions.

    Paragraph 5 of Chapter 41.6.1 names sending and receiving; under the DOJ
    reading receiving includes requesting, so those two terms preserve all
    three that § 1373(b)(1) names. Subsets are tried smallest first, in the
    norm's order, so the answer is deterministic.
    """
    if len(words) > MAX_WORDS:
        return tuple(words)
    tax = corpus.taxonomy
    for size in range(1, len(words)):
        for subset in combinations(words, size):
            if linked(tax, tax.below(subset), reading) == meaning:
                return subset
    return tuple(words)


def narrow_candidates(
    corpus: Corpus,
    clause: Clause,
    index: int,
    data: dict[str, Any],
    provisions: Sequence[LocatedProvision],
    reading: Reading,
    scope_of: str,
) -> list[Candidate]:
    """For each dimension, the largest narrowing of the clause that meets none of these provisions."""
    tax = corpus.taxonomy
    out = []
    targets = [provision_scope(corpus, p.provision, reading).scope for p in provisions]
    # Each provision reads the clause's actions under its own stated links, risk links included
    # (a narrowing that leaves a potential conflict does not clear it).
    scoped = [for_provision(reading, p.provision.id) for p in provisions]
    for name, (attr, category) in _FIELDS.items():
        written = _named(tax, getattr(clause, attr), category)
        base = tax.below(written)
        if name == "action":
            safe = frozenset(
                t
                for t in base
                if not any(
                    linked(tax, tax.below([t]), r, kinds=("definition", "risk")) & s.actions
                    for r, s in zip(scoped, targets, strict=True)
                )
            )
        else:
            dimension = {"persons": "persons", "counterpart": "counterparts"}[name]
            safe = frozenset(t for t in base if not any(tax.below([t]) & getattr(s, dimension) for s in targets))
        if not safe or safe == base:
            continue
        kept = maximal(tax, category, safe)
        narrowed = clause.model_copy(update={attr: kept})
        size = clause_cells(tax, clause) - clause_cells(tax, narrowed)
        out.append(
            Candidate(
                "narrow",
                clause.key,
                f"narrow clause {clause.key}'s {name} from {', '.join(written)} to {', '.join(kept)} ({scope_of})",
                size,
                len(kept),
                tuple(set_field(index, data, name, list(kept))),
            )
        )
    return out


def exception_candidates(
    corpus: Corpus, clause: Clause, index: int, data: dict[str, Any], located: LocatedProvision
) -> list[Candidate]:
    """One candidate per condition the provision tolerates that the clause does not already carve out."""
    out = []
    for condition in located.provision.norm.tolerates:
        if condition in clause.exceptions:
            continue
        exceptions = [*clause.exceptions, condition]
        out.append(
            Candidate(
                "add-exception",
                clause.key,
                f"add exception {condition} to clause {clause.key} (tolerated by {located.provision.cite})",
                0,
                1,
                tuple(set_field(index, data, "exceptions", exceptions)),
            )
        )
    return out


def removal_candidate(corpus: Corpus, clause: Clause, index: int, data: dict[str, Any]) -> Candidate:
    """Remove the clause."""
    return Candidate(
        "remove",
        clause.key,
        f"remove clause {clause.key}",
        clause_cells(corpus.taxonomy, clause),
        0,
        tuple(remove_clause(index, data)),
    )


def savings_number(clauses: Sequence[Clause]) -> str:
    """A label for a new savings clause that no clause of the document already has."""
    taken = {c.number for c in clauses}
    number, n = SAVINGS_NUMBER, 1
    while number in taken:
        n += 1
        number = f"[savings-{n}]"
    return number


def candidates_for(
    corpus: Corpus,
    clauses: Sequence[Clause],
    data: dict[str, Any],
    target: Target,
    siblings: Sequence[Target],
) -> list[Candidate]:
    """Every candidate edit for one conflict; `siblings` are the clause's other conflicts under the same reading."""
    reading = corpus.reading(target.reading)
    clause = clauses[target.index]
    clause_data = data["clauses"][target.index]
    located = corpus.provision(target.provision)
    everyone = [corpus.provision(t.provision) for t in siblings]
    out = [*exception_candidates(corpus, clause, target.index, clause_data, located)]
    clear = f"clear of {located.provision.id}"
    out += narrow_candidates(corpus, clause, target.index, clause_data, [located], reading, clear)
    if len(everyone) > 1:
        out += narrow_candidates(
            corpus, clause, target.index, clause_data, everyone, reading, "clear of all its conflicts"
        )
    number = savings_number(clauses)
    out += savings_candidates(corpus, clause, [(located, target.points)], reading, number)
    if len(siblings) > 1:
        together = [(corpus.provision(t.provision), t.points) for t in siblings]
        out += savings_candidates(corpus, clause, together, reading, number)
    out.append(removal_candidate(corpus, clause, target.index, clause_data))
    return out
