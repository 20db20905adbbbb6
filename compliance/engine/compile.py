"""Provisions under a reading, compiled to durable-rules rulesets as plain data.

Each provision becomes rules over `clause` facts, one per kind, clause
modality and named action: `conflict` (a conflicting modality where the
scopes overlap), `support` (a supporting modality where they overlap) and
`full` (a fulfilling modality that covers every term the norm names, with no
exception it does not tolerate). A finding is `conflicts`, else `satisfies`
when `full` fired, else `partially-satisfies`. Every rule starts with tests
the engine shares between rules (kind, modality, an index term of its action),
so a fact only walks the rules of the index terms it touches. Nothing from a
rule file is ever turned into code: terms become string constants in JSON
conditions, and every rule runs the same recording action.

A fact that matches no rule is not an error (the adapter reports no match), so
no rule exists only to catch such facts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from compliance.engine.capacity import MAX_CONSTANTS, describe, distinct_constants
from compliance.engine.deontic import CONFLICTING, FULFILLING, supporting
from compliance.errors import EngineError
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.readings import Reading
from compliance.model.taxonomy import Taxonomy
from compliance.semantics.scope import ProvisionScope, provision_scope

RuleKind = Literal["conflict", "support", "full"]

MAX_PATHS = 48
"""The deepest match stack a ruleset may need (see `_Budget.stack`): durable-rules walks
matches on a fixed 64-entry stack and fails with error 303 past it."""
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
    tested: frozenset[str] = frozenset()
    """Every fact property some rule tests: a clause fact carries these and nothing else
    (each node the engine visits loops over every property of the fact)."""


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
    return _REACH[dimension]


_REACH = {"actions": "ra", "actors": "rb", "persons": "rp", "counterparts": "rc"}
_SCOPE = {"actions": "sa", "persons": "sp", "counterparts": "sc"}
"""Short property names: every fact's JSON is written by Python, parsed by the engine, and
written back and parsed again for each match (half the fact's bytes were names)."""


def scope_property(dimension: str) -> str:
    """The clause-fact property listing every term the clause's scope covers (downwards)."""
    return _SCOPE[dimension]


def _named(target: ProvisionScope) -> dict[str, tuple[str, ...]]:
    return {
        "actions": target.named_actions,
        "actors": target.named_actors,
        "persons": target.named_persons,
        "counterparts": target.named_counterparts,
    }


def _alternatives(target: ProvisionScope) -> int:
    """Alternative match paths of one rule: its `$or`s over actors, persons and counterparts."""
    return math.prod(len(terms) for terms in (target.named_actors, target.named_persons, target.named_counterparts))


def _covers(target: ProvisionScope, flagged: Sequence[str]) -> list[dict[str, Any]]:
    # Actors gate the overlap only: a document can bind no one but its own actors.
    named = (
        ("actions", target.named_actions),
        ("persons", target.named_persons),
        ("counterparts", target.named_counterparts),
    )
    tests: list[dict[str, Any]] = [_any_item(scope_property(d), [t]) for d, terms in named for t in terms]
    # No exception the norm does not tolerate: each flagged one it does not tolerate must be 0,
    # and so must the flag standing for every condition no provision tolerates.
    tests.extend({exception_flag(c): 0} for c in flagged if c not in target.tolerates)
    tests.append({UNTOLERATED: 0})
    return tests


UNTOLERATED = "x"
"""The clause-fact property that is 1 when the clause carves out a condition no provision tolerates
(one flag for them all keeps every `full` rule short: durable-rules registers about 0.1 ms per rule)."""


def flagged_conditions(corpus: Corpus) -> tuple[str, ...]:
    """The conditions some provision tolerates, in vocabulary order: each gets a flag of its own."""
    tolerated = {c for p in corpus.provisions for c in p.provision.norm.tolerates}
    return tuple(c for c in corpus.taxonomy.terms("conditions") if c in tolerated)


def exception_flag(condition: str) -> str:
    """The clause-fact property that is 1 when the clause carves out `condition`."""
    return f"x-{condition}"


INDEX_WIDTH = 40
"""Most children a root may have for its children to be index terms: a clause about the root
carries a flag for each, and the engine refuses a fact of more than 255 properties."""

MAX_FACT_PROPERTIES = 253
"""The most properties a fact may carry: durable-rules documents 255 (error 302 past it), but
it adds properties of its own, and a fact of 254 properties crashes the process (SIGSEGV,
measured here with the 2.0 core)."""


def index_keys(taxonomy: Taxonomy) -> dict[str, str]:
    """Each action's index term: its ancestor one level below its root (itself at the top two levels).

    Why an index: durable-rules never shares `$iany` tests between rules, and tests every
    child of a network node one by one, so a clause fact paid one array scan per provision
    in its ruleset (1.2 us each, measured here). Equality tests are shared, so every rule
    first tests `index-<key> == 1` for its action's key, and a fact, which carries a flag
    for every key in its upward reach, only walks the rules below the keys it touches.
    A key is implied by the overlap it guards (reach is closed upwards), so it never
    loses a match. Where a root has too many children, roots alone are the keys.
    """
    parent = {term.id: term.parent for term in taxonomy.vocabulary.actions}
    # Each term's ancestor one level below its root, from its parent's (parents first, iteratively):
    # one step per term, where walking every term's path to its root was quadratic in a chain.
    below_root: dict[str, str | None] = {}  # None for a root
    for term in parent:
        pending = []
        step: str | None = term
        while step is not None and step not in below_root:
            pending.append(step)
            step = parent[step]
        for t in reversed(pending):
            up = parent[t]
            below_root[t] = None if up is None else (t if parent[up] is None else below_root[up])
    children_of_roots: dict[str, int] = {}
    for up in parent.values():
        if up is not None and parent[up] is None:
            children_of_roots[up] = children_of_roots.get(up, 0) + 1
    widest = max(children_of_roots.values(), default=0)
    if widest <= INDEX_WIDTH:
        return {term: below_root[term] or term for term in parent}
    return {term: _root(term, below_root, parent) for term in parent}


def _root(term: str, below_root: dict[str, str | None], parent: dict[str, str | None]) -> str:
    """A term's root: the parent of its ancestor one level below the root (itself for a root)."""
    top = below_root[term]
    if top is None:
        return term
    up = parent[top]
    assert up is not None
    return up


def index_flag(key: str) -> str:
    """The clause-fact property that is 1 when the clause's reach touches the index term `key`."""
    return f"i-{key}"


@dataclass(frozen=True)
class _Rule:
    name: str
    modality: str
    key: str
    paths: int
    body: dict[str, Any]

    @cached_property
    def constants(self) -> dict[str, set[object]]:
        """The distinct constants this rule tests, per property (walked once per rule)."""
        return distinct_constants({self.name: self.body})


def provision_rules(
    index: int,
    located: LocatedProvision,
    target: ProvisionScope,
    flagged: Sequence[str],
    keys: dict[str, str],
    single_roots: Mapping[str, tuple[str, ...]],
) -> tuple[list[_Rule], dict[str, CompiledRule]]:
    """Rules `p<index>.<kind>.<modality>.<n>`: one per kind, modality and named action.

    Each begins with the shared tests (kind, modality, the action's index flag), then the
    overlap on the other dimensions, then for `full` the coverage tests.
    """
    must = located.provision.norm.must
    # A category's single root is in every clause's reach, so a test naming it always passes.
    others = [
        _any_item(reach(d), _named(target)[d])
        for d in DIMENSIONS[1:]
        if not set(_named(target)[d]) & set(single_roots.get(d, ()))
    ]
    kinds: dict[RuleKind, tuple[frozenset[str], list[dict[str, Any]]]] = {
        "conflict": (CONFLICTING[must], []),
        "support": (supporting(must), []),
        "full": (FULFILLING[must], _covers(target, flagged)),
    }
    rules: list[_Rule] = []
    meaning: dict[str, CompiledRule] = {}
    for kind, (modalities, extra) in kinds.items():
        for modality in sorted(modalities):
            for n, action in enumerate(target.named_actions):
                key = keys[action]
                # The index test is the overlap on actions itself when the action is its own key.
                on_action = [] if key == action else [_any_item(reach("actions"), [action])]
                tests = [{"kind": "clause"}, {"modality": modality}, {index_flag(key): 1}, *on_action, *others, *extra]
                name = f"p{index}.{kind}.{modality}.{n}"
                rules.append(_Rule(name, modality, key, _alternatives(target), {"all": [{"m": {"$and": tests}}]}))
                meaning[name] = CompiledRule(located.provision.id, kind)
    return rules, meaning


class _Budget:
    """What one ruleset under construction costs against durable-rules' limits, kept incrementally.

    The match stack: a clause fact descends into one modality, pushes every index test it
    passes, then, one index at a time, every rule path below it. So the deepest the stack
    gets is the index tests under a modality plus the most paths below one of them.
    """

    def __init__(self) -> None:
        self.rules = 0
        self.constants: dict[str, set[object]] = defaultdict(set)
        self.below: dict[str, dict[str, int]] = defaultdict(dict)  # modality -> index key -> rule paths

    def after(self, rules: Sequence[_Rule]) -> tuple[tuple[str, int], int]:
        """The fan-out (`widest`) and the deepest match stack this ruleset would have with `rules` added."""
        added: dict[str, set[object]] = defaultdict(set)
        below: dict[str, dict[str, int]] = defaultdict(dict)
        for rule in rules:
            for prop, values in rule.constants.items():
                added[prop] |= values
            paths = below[rule.modality]
            paths[rule.key] = paths.get(rule.key, self.below[rule.modality].get(rule.key, 0)) + rule.paths
        counts = {prop: len(self.constants[prop] | values) for prop, values in added.items()}
        counts |= {prop: len(values) for prop, values in self.constants.items() if prop not in added}
        counts["rules"] = self.rules + len(rules)
        prop = max(sorted(counts), key=lambda p: counts[p])
        stack = 0
        for modality in set(self.below) | set(below):
            merged = self.below[modality] | below.get(modality, {})
            if merged:
                stack = max(stack, len(merged) + max(merged.values()))
        return (prop, counts[prop]), stack

    def add(self, rules: Sequence[_Rule]) -> None:
        """Count `rules` into this ruleset."""
        for rule in rules:
            self.rules += 1
            for prop, values in rule.constants.items():
                self.constants[prop] |= values
            below = self.below[rule.modality]
            below[rule.key] = below.get(rule.key, 0) + rule.paths


RuleMemo = dict[tuple[int, int, ProvisionScope], tuple[LocatedProvision, list[_Rule], dict[str, CompiledRule]]]
"""Rules already built for (position, provision, target scope); see `compile_reading`."""


def compile_reading(
    corpus: Corpus,
    reading: Reading,
    provisions: Sequence[LocatedProvision],
    limit: int = MAX_CONSTANTS,
    memo: RuleMemo | None = None,
) -> CompiledReading:
    """Compile provisions into as few rulesets as the engine's limits allow.

    A ruleset closes when the next rule would cross the constant or rule limit
    (the registration hang) or the match-stack budget (error 303); only a single
    rule past a limit is refused.

    `memo` (one per corpus, kept by the caller) reuses a provision's rules under another
    reading when its target scope is the same: the rules depend only on the position, the
    provision and that scope, and most provisions read alike under every reading, so a
    check under three readings built and walked the same rules three times at start-up.
    """
    keys = index_keys(corpus.taxonomy)
    flagged = flagged_conditions(corpus)
    roots = {d: corpus.taxonomy.roots(d) for d in DIMENSIONS[1:]}  # type: ignore[arg-type]
    single_roots = {d: r for d, r in roots.items() if len(r) == 1}
    rulesets: list[Rules] = []
    meaning: dict[str, CompiledRule] = {}
    current: Rules = {}
    budget = _Budget()
    tested: set[str] = set()
    for index, located in enumerate(provisions):
        target = provision_scope(corpus, located.provision, reading)
        key = (index, id(located), target)
        if memo is not None and key in memo:
            _, rules, names = memo[key]
        else:
            rules, names = provision_rules(index, located, target, flagged, keys, single_roots)
            if memo is not None:
                memo[key] = (located, rules, names)  # the provision is kept, so its id stays its own
        for rule in rules:
            (prop, count), stack = _Budget().after([rule])
            if count > limit or stack > MAX_PATHS:
                raise EngineError(
                    f"provision {located.provision.id} ({located.path}) is too wide for one durable-rules rule "
                    f"under reading {reading.id!r}: {describe(prop, count)} (at most {limit}) and a match stack "
                    f"of {stack} (at most {MAX_PATHS}). Name fewer terms in its norm, or split it."
                )
            # Rule by rule, not provision by provision: a provision whose rules together pass the
            # budget (a reading can widen it to many actions) spreads over several rulesets; its
            # findings are gathered from all of them by rule name, so nothing depends on grouping.
            (_, count), stack = budget.after([rule])
            if current and (count > limit or stack > MAX_PATHS):
                rulesets.append(current)
                current, budget = {}, _Budget()
            current[rule.name] = {**rule.body, "run": rule.name}
            budget.add([rule])
        meaning.update(names)
        tested.update(prop for rule in rules for prop in rule.constants)
    if current:
        rulesets.append(current)
    return CompiledReading(tuple(rulesets), meaning, frozenset(tested))
