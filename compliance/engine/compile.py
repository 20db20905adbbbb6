"""Provisions under a reading, compiled to durable-rules rulesets as plain data.

Each provision becomes rules over `clause` facts, one per kind and clause
modality: `conflict` (a conflicting modality where the scopes overlap),
`support` (a supporting modality where they overlap) and `full` (a
fulfilling modality that covers every term the norm names, with no
exception it does not tolerate). A
finding is `conflicts`, else `satisfies` when `full` fired, else
`partially-satisfies`. Nothing from a rule file is ever turned into code:
terms become string constants in JSON conditions, and every rule runs the
same recording action.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from compliance.engine.deontic import CONFLICTING, FULFILLING, supporting
from compliance.engine.limits import MAX_CONSTANTS, describe, widest
from compliance.errors import EngineError
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.readings import Reading
from compliance.semantics.scope import ProvisionScope, provision_scope

RuleKind = Literal["conflict", "support", "full"]

MAX_PATHS = 48
"""Alternative match paths allowed in one ruleset: a fact matching all of them must stay
within durable-rules' fixed 64-entry match stack (error 303 past it)."""
Rules = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class CompiledRule:
    """What a rule name stands for when its action fires."""

    provision: str
    kind: RuleKind


@dataclass(frozen=True)
class CompiledReading:
    """All rulesets for one reading, and the meaning of every rule name."""

    rulesets: tuple[Rules, ...]
    rules: dict[str, CompiledRule]


def _any_item(prop: str, values: Iterable[str]) -> dict[str, Any]:
    # One `$iany` per value, joined by `$or`: durable-rules reads uninitialised memory for a
    # `$or` nested inside `$iany`/`$iall` and then fails at random (error 102) or corrupts the heap.
    options = [{"$iany": {prop: {"$i": v}}} for v in sorted(values)]
    return options[0] if len(options) == 1 else {"$or": options}


DIMENSIONS = ("actions", "actors", "persons", "counterparts")


def reach(dimension: str) -> str:
    """The clause-fact property listing every term the clause's scope touches, upwards too.

    Two downward-closed scopes in a forest meet exactly when some term the norm
    names is in the clause's scope or above it, so overlap is one membership
    test per named term, not one per term below it: few alternatives per rule,
    which durable-rules' 64-deep match stack needs (error 303, measured here).
    """
    return f"reach-{dimension}"


def _named(target: ProvisionScope) -> dict[str, tuple[str, ...]]:
    return {
        "actions": target.named_actions,
        "actors": target.named_actors,
        "persons": target.named_persons,
        "counterparts": target.named_counterparts,
    }


def _overlap(target: ProvisionScope) -> list[dict[str, Any]]:
    named = _named(target)
    return [{"kind": "clause"}, *(_any_item(reach(d), named[d]) for d in DIMENSIONS)]


def paths(target: ProvisionScope) -> int:
    """How many alternative match paths one rule of this provision has (its overlap's disjuncts)."""
    return math.prod(len(terms) for terms in _named(target).values())


def _covers(target: ProvisionScope, conditions: Sequence[str]) -> list[dict[str, Any]]:
    # Actors gate the overlap only: a document can bind no one but its own actors.
    named = (
        ("actions", target.named_actions),
        ("persons", target.named_persons),
        ("counterparts", target.named_counterparts),
    )
    tests: list[dict[str, Any]] = [_any_item(prop, [t]) for prop, terms in named for t in terms]
    # No exception the norm does not tolerate: every other condition's flag must be 0.
    tests.extend({exception_flag(c): 0} for c in sorted(set(conditions) - target.tolerates))
    return tests


def exception_flag(condition: str) -> str:
    """The clause-fact property that is 1 when the clause carves out `condition`."""
    return f"except-{condition}"


def provision_rules(
    index: int, located: LocatedProvision, target: ProvisionScope, vocabulary_conditions: Sequence[str]
) -> tuple[Rules, dict[str, CompiledRule]]:
    """One rule per kind and modality of one provision, named `p<index>.<kind>.<modality>`."""
    must = located.provision.norm.must
    overlap = _overlap(target)
    kinds: dict[RuleKind, tuple[frozenset[str], list[dict[str, Any]]]] = {
        "conflict": (CONFLICTING[must], []),
        "support": (supporting(must), []),
        "full": (FULFILLING[must], _covers(target, vocabulary_conditions)),
    }
    rules: Rules = {}
    meaning: dict[str, CompiledRule] = {}
    for kind, (modalities, extra) in kinds.items():
        for modality in sorted(modalities):
            name = f"p{index}.{kind}.{modality}"
            # The modality test comes first, so a fact walks at most two of a provision's rules
            # (its modality's `conflict` or `support`, and `full`) into the overlap's alternatives.
            tests = [overlap[0], {"modality": modality}, *overlap[1:], *extra]
            rules[name] = {"all": [{"m": {"$and": tests}}], "run": name}
            meaning[name] = CompiledRule(located.provision.id, kind)
    return rules, meaning


def sink(kind: str) -> Rules:
    """A join that can never complete, so that every fact of `kind` counts as handled.

    durable-rules rejects a whole batch, and runs none of its actions, when any
    fact in it matches no rule; this rule matches each such fact without firing.
    """
    return {f"sink.{kind}": {"all": [{"a": {"kind": kind}}, {"b": {"kind": "(never)"}}], "run": f"sink.{kind}"}}


def compile_reading(
    corpus: Corpus, reading: Reading, provisions: Sequence[LocatedProvision], limit: int = MAX_CONSTANTS
) -> CompiledReading:
    """Compile provisions into as few rulesets as the engine's limits allow.

    A ruleset closes when the next provision would cross the constant or rule
    limit (the registration hang) or the path budget (the match-stack overflow).
    """
    rulesets: list[Rules] = []
    meaning: dict[str, CompiledRule] = {}
    current: Rules = {}
    budget = 0
    for index, located in enumerate(provisions):
        target = provision_scope(corpus, located.provision, reading)
        rules, names = provision_rules(index, located, target, corpus.taxonomy.terms("conditions"))
        cost = paths(target) * 2  # a fact's modality admits at most two of the provision's rules
        prop, count = widest(rules)
        if count > limit or cost > MAX_PATHS:
            raise EngineError(
                f"provision {located.provision.id} ({located.path}) is too wide for one durable-rules ruleset "
                f"under reading {reading.id!r}: {describe(prop, count)} (at most {limit}) and {cost} match "
                f"paths (at most {MAX_PATHS}). Name fewer terms in its norm, or split it."
            )
        if current and (budget + cost > MAX_PATHS or widest({**current, **rules, **sink("clause")})[1] > limit):
            rulesets.append({**current, **sink("clause")})
            current, budget = {}, 0
        current.update(rules)
        budget += cost
        meaning.update(names)
    if current or not rulesets:
        rulesets.append({**current, **sink("clause")})
    return CompiledReading(tuple(rulesets), meaning)


SAVINGS_RULES: Rules = {
    "neutralise": {
        "all": [
            {"cp": {"kind": "conflict-point"}},
            # A bare reference test: durable-rules corrupts its heap when a join pattern
            # mixes a constant test and a reference test in one `$and` (measured here), so
            # saving points carry their key under a property conflict points lack.
            {"sp": {"saved": {"cp": "conflict"}}},
        ],
        "run": "neutralise",
    },
    **sink("conflict-point"),
    **sink("saving-point"),
}
"""The join of conflict points with the points savings clauses of the same document preserve."""
