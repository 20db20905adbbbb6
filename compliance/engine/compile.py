"""Provisions under a reading, compiled to durable-rules rulesets as plain data.

Each provision becomes three rules over `clause` facts: `conflict` (a
conflicting modality where the scopes overlap), `support` (a supporting
modality where they overlap) and `full` (a fulfilling modality that covers
every term the norm names, with no exception it does not tolerate). A
finding is `conflicts`, else `satisfies` when `full` fired, else
`partially-satisfies`. Nothing from a rule file is ever turned into code:
terms become string constants in JSON conditions, and every rule runs the
same recording action.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from compliance.engine.deontic import CONFLICTING, FULFILLING, supporting
from compliance.engine.limits import MAX_CONSTANTS, widest
from compliance.errors import EngineError
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.readings import Reading
from compliance.semantics.scope import ProvisionScope, provision_scope

RuleKind = Literal["conflict", "support", "full"]
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


def _one_of(prop: str, values: Iterable[str]) -> dict[str, Any]:
    options = [{prop: v} for v in sorted(values)]
    return options[0] if len(options) == 1 else {"$or": options}


def _any_item(prop: str, values: Iterable[str]) -> dict[str, Any]:
    # One `$iany` per value, joined by `$or`: durable-rules reads uninitialised memory for a
    # `$or` nested inside `$iany`/`$iall` and then fails at random (error 102) or corrupts the heap.
    options = [{"$iany": {prop: {"$i": v}}} for v in sorted(values)]
    return options[0] if len(options) == 1 else {"$or": options}


def _overlap(target: ProvisionScope) -> list[dict[str, Any]]:
    scope = target.scope
    return [
        {"kind": "clause"},
        _any_item("actions", scope.actions),
        _any_item("actors", scope.actors),
        _any_item("persons", scope.persons),
        _any_item("counterparts", scope.counterparts),
    ]


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
    index: int, located: LocatedProvision, target: ProvisionScope, conditions: Sequence[str]
) -> tuple[Rules, dict[str, CompiledRule]]:
    """The three rules of one provision, named `p<index>.<kind>`."""
    must = located.provision.norm.must
    overlap = _overlap(target)
    conditions: dict[RuleKind, list[dict[str, Any]]] = {
        "conflict": [*overlap, _one_of("modality", CONFLICTING[must])],
        "support": [*overlap, _one_of("modality", supporting(must))],
        "full": [*overlap, _one_of("modality", FULFILLING[must]), *_covers(target, conditions)],
    }
    rules: Rules = {}
    meaning: dict[str, CompiledRule] = {}
    for kind, tests in conditions.items():
        name = f"p{index}.{kind}"
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
    """Compile provisions into as few rulesets as the constant limit allows."""
    rulesets: list[Rules] = []
    meaning: dict[str, CompiledRule] = {}
    current: Rules = {}
    for index, located in enumerate(provisions):
        target = provision_scope(corpus, located.provision, reading)
        rules, names = provision_rules(index, located, target, corpus.taxonomy.terms("conditions"))
        prop, count = widest(rules)
        if count > limit:
            raise EngineError(
                f"provision {located.provision.id} ({located.path}) tests {count} distinct "
                f"{prop!r} terms under reading {reading.id!r}; one ruleset may test at most "
                f"{limit} (durable-rules hangs past 512). Narrow its scope or split the vocabulary."
            )
        if current and widest({**current, **rules, **sink("clause")})[1] > limit:
            rulesets.append({**current, **sink("clause")})
            current = {}
        current.update(rules)
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
