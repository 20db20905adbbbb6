"""Interactions between provisions, found by enumerating the whole (finite) clause space.

The vocabulary is finite, so instead of sampling we can ask every clause. The
space is every modality × action × actor × persons × counterpart × exception
set, one term per field (an omitted field is the category's root, so naming
the root and omitting it are the same clause; exceptions are any subset of
the conditions). Actors are enumerated like the other fields: the semantics
uses a clause's actor only to decide whether it meets a provision, so an
actor outside a provision's actors is a way to avoid it. Multi-term clauses
are left out on purpose: a clause naming two actions is two clauses in one.

Why it is fast: a clause's relation to a provision depends only on whether
each field's term meets and covers the provision's terms, whether its
exceptions are tolerated, and its modality (DESIGN.md's table, as the
reference evaluator reads it). So each term of each field is scoped once,
its relations to all provisions become one integer bitmask, and the whole
space is a few thousand AND operations over masks; exception sets collapse
into the classes the provisions' `tolerates` lists distinguish. A sample of
the space, and every example clause reported, is then run through
durable-rules and the reference evaluator as one document, and must agree.

Two questions, per reading:
- for an ordered pair (A, B): does a single clause satisfy A (fully or
  partially) while conflicting with B *over the same conduct*, that is with
  some action, actor, person and counterpart lying in the clause and in both
  provisions? Without that, "prohibits policing" would play every policing
  provision against every other through unrelated halves of one broad term
  (a single term covers everything below it). The minimal such clause is shown:
  fewest fields named, then the narrowest scope, then a full satisfaction
  before a partial one, then vocabulary order.
- which pairs can never be satisfied together: no policy *without savings
  clauses* complies with both (a `prohibit`/`require` norm needs a clause
  that supports it, and every such clause conflicts with the other). A
  savings clause may preserve any scope, so with one every conflict can be
  neutralised; the report says which scope would have to be preserved.
Only pairs of provisions that bind a common kind of issuer are considered:
no document is ever checked against both of the others.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from compliance.engine.deontic import CONFLICTING, FULFILLING
from compliance.engine.findings import Evaluator
from compliance.errors import EngineFailure
from compliance.exit_codes import ExitCode
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import ClauseScope, Modality, NormKind
from compliance.model.policy import Clause, PolicyDocument, Preserves
from compliance.model.readings import Reading
from compliance.model.taxonomy import Taxonomy
from compliance.semantics.scope import ProvisionScope, linked, provision_scope, restricted, stated_links

MODALITIES: tuple[Modality, ...] = ("prohibits", "restricts", "requires", "permits")
FIELDS = ("action", "actor", "persons", "counterpart")
CATEGORY = {"action": "actions", "actor": "actors", "persons": "persons", "counterpart": "counterparts"}
MAX_COMBINATIONS = 20_000
"""Term combinations (actions × actors × persons × counterparts) enumerated by default: the
bundled vocabulary has 2,160; each costs a pass over every modality and tolerance class, and
40 terms per category (2.56 million) took 81 s and 1 GB. `--max-combinations` raises it."""
SAMPLE = 240
"""Clauses of the space cross-checked through both evaluators per reading, besides every example shown."""


@dataclass(frozen=True)
class Space:
    """The enumerated clause space: the values of each field, and how many clauses that makes."""

    modalities: tuple[str, ...]
    values: dict[str, tuple[str, ...]]
    conditions: tuple[str, ...]

    @property
    def exception_sets(self) -> int:
        """Every subset of the conditions, the empty set included."""
        return 2 ** len(self.conditions)

    @property
    def combinations(self) -> int:
        """One term per field, exceptions and modality apart: what `combos` enumerates."""
        return math.prod(len(values) for values in self.values.values())

    @property
    def size(self) -> int:
        """How many clauses the space holds."""
        count = len(self.modalities) * self.exception_sets
        for values in self.values.values():
            count *= len(values)
        return count

    def factors(self) -> list[tuple[str, int]]:
        """(what, how many) for each factor of the size, in the order a clause is written."""
        return [
            ("modalities", len(self.modalities)),
            *((CATEGORY[f], len(self.values[f])) for f in FIELDS),
            ("exception sets", self.exception_sets),
        ]


@dataclass(frozen=True)
class Interaction:
    """A single clause that satisfies one provision and conflicts with another."""

    satisfied: str
    conflicted: str
    relation: str
    example: ClauseScope


@dataclass(frozen=True)
class Incompatibility:
    """Two provisions no policy without savings clauses can satisfy together, and why."""

    first: str
    second: str
    demanding: str
    example: ClauseScope
    preserve: Preserves


@dataclass(frozen=True)
class ReadingInteractions:
    """One reading's answers."""

    reading: str
    classes: int
    pairs: int
    interactions: tuple[Interaction, ...]
    incompatible: tuple[Incompatibility, ...]
    cross_checked: int


@dataclass(frozen=True)
class ProvisionInfo:
    """What the report says about a provision beside its id."""

    id: str
    cite: str
    instrument: str
    status: str
    must: str


@dataclass(frozen=True)
class InteractionsResult:
    """Every requested reading's interactions over one enumerated space."""

    space: Space
    provisions: tuple[ProvisionInfo, ...]
    readings: tuple[ReadingInteractions, ...]
    evaluators: tuple[str, ...] = field(default=())

    @property
    def exit_code(self) -> ExitCode:
        """An analysis of the law, not of a policy: it never fails a build."""
        return ExitCode.OK

    def to_data(self) -> dict[str, object]:
        """Plain data for JSON: lists in fixed orders, example clauses as rule files write them."""
        return {
            "version": "1.0",
            "space": {
                "size": self.space.size,
                "factors": {name: count for name, count in self.space.factors()},
                "values": {CATEGORY[f]: list(self.space.values[f]) for f in FIELDS},
                "conditions": list(self.space.conditions),
            },
            "cross_checked_with": list(self.evaluators),
            "provisions": [vars(p) for p in self.provisions],
            "readings": [
                {
                    "reading": r.reading,
                    "classes": r.classes,
                    "pairs_considered": r.pairs,
                    "cross_checked_clauses": r.cross_checked,
                    "interactions": [
                        {
                            "satisfies": i.satisfied,
                            "conflicts": i.conflicted,
                            "relation": i.relation,
                            "example": clause_data(i.example),
                        }
                        for i in r.interactions
                    ],
                    "never_together": [
                        {
                            "provisions": [n.first, n.second],
                            "every_clause_satisfying": n.demanding,
                            "example": clause_data(n.example),
                            "savings_would_need_to_preserve": _preserves_data(n.preserve),
                        }
                        for n in r.incompatible
                    ],
                }
                for r in self.readings
            ],
        }


def _preserves_data(preserves: Preserves) -> dict[str, object]:
    data: dict[str, object] = {"action": list(preserves.action)}
    if preserves.counterpart:
        data["counterpart"] = list(preserves.counterpart)
    return data


def preserves_flow(preserves: Preserves) -> str:
    """A `preserves` value as one line of flow YAML."""
    parts = [f"action: {_flow_terms(preserves.action)}"]
    if preserves.counterpart:
        parts.append(f"counterpart: {_flow_terms(preserves.counterpart)}")
    return "{" + ", ".join(parts) + "}"


def _flow_terms(terms: Sequence[str]) -> str:
    return terms[0] if len(terms) == 1 else f"[{', '.join(terms)}]"


def clause_data(clause: ClauseScope) -> dict[str, object]:
    """A clause as a rule file's example writes it: omitted fields left out, one term as a string."""
    data: dict[str, object] = {"modality": clause.modality}
    for name in ("action", "actor", "persons", "counterpart", "exceptions"):
        terms = getattr(clause, name)
        if terms:
            data[name] = terms[0] if len(terms) == 1 else list(terms)
    return data


def clause_flow(clause: ClauseScope) -> str:
    """A clause as one line of flow YAML, ready to paste into a rule file's `examples`."""
    parts = []
    for key, value in clause_data(clause).items():
        parts.append(f"{key}: [{', '.join(value)}]" if isinstance(value, list) else f"{key}: {value}")
    return "{" + ", ".join(parts) + "}"


def space_of(corpus: Corpus) -> Space:
    """The clause space of a corpus's vocabulary."""
    tax = corpus.taxonomy
    return Space(MODALITIES, {f: tax.terms(CATEGORY[f]) for f in FIELDS}, tax.terms("conditions"))  # type: ignore[arg-type]


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


@dataclass(frozen=True)
class _Combo:
    """One choice of a term per field (exceptions apart), with its masks over the provisions."""

    terms: tuple[str, str, str, str]
    meets: int
    covers: int
    named: int
    breadth: int


def _among(table: Mapping[NormKind, frozenset[Modality]], modality: Modality, must: NormKind) -> bool:
    """Whether a clause of this modality is in a provision's row of a deontic table (CONFLICTING, FULFILLING)."""
    return modality in table[must]


class _Masks:
    """Every field term's relations to every provision under one reading, as bitmasks (bit i = provision i)."""

    def __init__(self, corpus: Corpus, reading: Reading, provisions: Sequence[LocatedProvision], space: Space) -> None:
        tax = corpus.taxonomy
        targets: list[ProvisionScope] = [provision_scope(corpus, p.provision, reading) for p in provisions]
        self.all = (1 << len(provisions)) - 1
        self.roots = {f: set(tax.roots(CATEGORY[f])) for f in FIELDS}  # type: ignore[arg-type]
        self.meets: dict[str, dict[str, int]] = {}
        self.common: dict[str, dict[str, list[int]]] = {}
        self.covers: dict[str, dict[str, int]] = {}
        self.breadth: dict[str, dict[str, int]] = {}
        dims = {"action": "actions", "actor": "actors", "persons": "persons", "counterpart": "counterparts"}
        named = {
            "action": "named_actions",
            "actor": None,  # actors decide only whether a clause meets a provision
            "persons": "named_persons",
            "counterpart": "named_counterparts",
        }
        # Each provision reads a clause's action under the links stated for it (and only the
        # definitions: a risk of application is not what a clause covers, so it is no interaction).
        scoped = [restricted(reading, stated_links(reading, p.provision.id)) for p in provisions]
        for f in FIELDS:
            self.meets[f], self.covers[f], self.breadth[f], self.common[f] = {}, {}, {}, {}
            for term in space.values[f]:
                base = tax.below([term])
                scopes = [linked(tax, base, r) for r in scoped] if f == "action" else [base] * len(targets)
                scope = frozenset().union(*scopes) if scopes else base
                sets = [mine & getattr(target.scope, dims[f]) for mine, target in zip(scopes, targets, strict=True)]
                self.common[f][term] = [sum(1 << j for j, other in enumerate(sets) if mine & other) for mine in sets]
                meet = sum(1 << i for i, shared in enumerate(sets) if shared)
                attr = named[f]
                cover = sum(1 << i for i, t in enumerate(targets) if attr is None or set(getattr(t, attr)) <= scopes[i])
                self.meets[f][term], self.covers[f][term], self.breadth[f][term] = meet, cover, len(scope)
        self.conflicting = {m: self._where(provisions, partial(_among, CONFLICTING, m)) for m in MODALITIES}
        self.fulfilling = {m: self._where(provisions, partial(_among, FULFILLING, m)) for m in MODALITIES}
        self.demanding = self._where(provisions, lambda must: must != "not-restrict")
        self.tolerates = [frozenset(t.tolerates) for t in targets]

    @staticmethod
    def _where(provisions: Sequence[LocatedProvision], test: Callable[[NormKind], bool]) -> int:
        return sum(1 << i for i, p in enumerate(provisions) if test(p.provision.norm.must))

    def tolerated(self, exceptions: frozenset[str]) -> int:
        """Provisions whose `tolerates` holds every one of these exceptions."""
        return sum(1 << i for i, t in enumerate(self.tolerates) if exceptions <= t)

    def tolerance_classes(self, conditions: Sequence[str]) -> list[int]:
        """Every distinct `tolerated(e)` over all subsets e of the conditions, sorted.

        Why not over the subsets: there are 2^n of them (22 conditions ran out of memory).
        `tolerated(e)` is the AND of each member's own mask (the provisions tolerating it),
        so conditions with the same mask are one class, and the answers are the closure of
        the distinct masks under AND, starting from the empty set's (every provision).
        """
        found = {self.all}
        for mask in sorted({self.tolerated(frozenset([c])) for c in conditions}):
            found |= {m & mask for m in found}
        return sorted(found)

    def combos(self, space: Space) -> list[_Combo]:
        out = []
        for terms in itertools.product(*(space.values[f] for f in FIELDS)):
            meets = covers = self.all
            named = breadth = 0
            for f, term in zip(FIELDS, terms, strict=True):
                meets &= self.meets[f][term]
                covers &= self.covers[f][term]
                breadth += self.breadth[f][term]
                named += f == "action" or term not in self.roots[f]
            out.append(_Combo(terms, meets, covers, named, breadth))  # type: ignore[arg-type]
        return out


class ExceptionSets:
    """Every subset of the conditions, by size, each size in `itertools.combinations` order,
    without holding them: the sample of the space needs a few hundred of the 2^n, by index.
    (`count`, not `len()`: 2^64 subsets do not fit the size `len()` may return.)"""

    def __init__(self, conditions: Sequence[str]) -> None:
        self.conditions = tuple(conditions)
        self.count = 2 ** len(self.conditions)

    def __getitem__(self, index: int) -> frozenset[str]:
        n = len(self.conditions)
        if not 0 <= index < 2**n:
            raise IndexError(index)
        size = 0
        while index >= math.comb(n, size):
            index -= math.comb(n, size)
            size += 1
        chosen, start = [], 0
        for left in range(size, 0, -1):  # the index-th combination of `size`, lexicographically
            while index >= (ahead := math.comb(n - start - 1, left - 1)):
                index -= ahead
                start += 1
            chosen.append(self.conditions[start])
            start += 1
        return frozenset(chosen)


def _clause(
    modality: Modality, combo_terms: Sequence[str], roots: dict[str, set[str]], exceptions: Sequence[str] = ()
) -> ClauseScope:
    """The clause a combination stands for, with the root of a category written as an omitted field."""
    fields = {f: (() if f != "action" and t in roots[f] else (t,)) for f, t in zip(FIELDS, combo_terms, strict=True)}
    return ClauseScope(modality=modality, exceptions=tuple(exceptions), **fields)


def _issuers(corpus: Corpus, located: LocatedProvision) -> frozenset[str]:
    return corpus.taxonomy.below(located.provision.binds)


def analyse_reading(
    corpus: Corpus,
    reading: Reading,
    space: Space,
    checkers: Sequence[Evaluator] = (),
    sample: int = SAMPLE,
) -> ReadingInteractions:
    """Both questions under one reading, then the cross-check of a sample through the evaluators."""
    provisions = corpus.provisions
    ids = [p.provision.id for p in provisions]
    masks = _Masks(corpus, reading, provisions, space)
    combos = masks.combos(space)
    exception_sets = ExceptionSets(space.conditions)
    tolerance_classes = masks.tolerance_classes(space.conditions)
    none_tolerated = masks.tolerated(frozenset())
    issuers = [_issuers(corpus, p) for p in provisions]
    shares = [sum(1 << j for j in range(len(ids)) if issuers[i] & issuers[j] and i != j) for i in range(len(ids))]

    classes: set[tuple[int, int, int]] = set()
    best: dict[tuple[int, int], tuple[tuple[int, ...], Modality, _Combo, bool]] = {}
    supported_without: list[int] = [0] * len(ids)  # bit j of [i]: some clause supports i without conflicting j
    for order, combo in enumerate(combos):
        for m_index, modality in enumerate(MODALITIES):
            conflict = combo.meets & masks.conflicting[modality]
            support = combo.meets & ~masks.conflicting[modality]
            fulfilled = support & combo.covers & masks.fulfilling[modality]
            for tolerated in tolerance_classes:
                classes.add((conflict, support, fulfilled & tolerated))
            for i in _bits(support):
                supported_without[i] |= ~conflict & masks.all
                full = bool((fulfilled & none_tolerated) >> i & 1)
                key = (combo.named, combo.breadth, 0 if full else 1, m_index, order)
                common = conflict & shares[i]
                for f, term in zip(FIELDS, combo.terms, strict=True):
                    common &= masks.common[f][term][i]
                for j in _bits(common):
                    if (i, j) not in best or key < best[(i, j)][0]:
                        best[(i, j)] = (key, modality, combo, full)
    witness = {pair: (modality, combo, full) for pair, (_, modality, combo, full) in best.items()}

    interactions = [
        Interaction(
            ids[i], ids[j], "satisfies" if full else "partially-satisfies", _clause(modality, combo.terms, masks.roots)
        )
        for (i, j), (modality, combo, full) in sorted(witness.items())
    ]

    incompatible = []
    pairs = 0
    for i, j in itertools.combinations(range(len(ids)), 2):
        if not shares[i] >> j & 1:
            continue
        pairs += 1
        for a, b in ((i, j), (j, i)):
            if masks.demanding >> a & 1 and not supported_without[a] >> b & 1 and (a, b) in witness:
                modality, combo, _ = witness[(a, b)]
                example = _clause(modality, combo.terms, masks.roots)
                preserve = _preserve(corpus, reading, example, provisions[b])
                incompatible.append(Incompatibility(ids[i], ids[j], ids[a], example, preserve))
                break

    checked = _cross_check(corpus, reading, space, masks, combos, exception_sets, interactions, checkers, sample)
    return ReadingInteractions(reading.id, len(classes), pairs, tuple(interactions), tuple(incompatible), checked)


def _preserve(corpus: Corpus, reading: Reading, example: ClauseScope, located: LocatedProvision) -> Preserves:
    """What a savings clause would have to preserve to neutralise the example's conflict, as a rule file writes it."""
    from compliance.semantics.scope import clause_scope, for_provision

    tax = corpus.taxonomy
    scope = clause_scope(corpus, example, for_provision(reading, located.provision.id))
    target = provision_scope(corpus, located.provision, reading).scope
    actions = scope.actions & target.actions
    counterparts = scope.counterparts & target.counterparts
    every = tax.below(tax.roots("counterparts"))
    return Preserves(
        action=_tops(tax.terms("actions"), actions, tax),
        counterpart=() if counterparts == every else _tops(tax.terms("counterparts"), counterparts, tax),
    )


def _tops(order: Sequence[str], terms: frozenset[str], tax: Taxonomy) -> tuple[str, ...]:
    """The broadest terms of a downward-closed set, in vocabulary order: what a clause would name."""
    return tuple(t for t in order if t in terms and not (tax.above([t]) - {t}) & terms)


def _predicted(masks: _Masks, modality: Modality, combo: _Combo, exceptions: frozenset[str], i: int) -> str:
    bit = 1 << i
    if not combo.meets & bit:
        return "none"
    if masks.conflicting[modality] & bit:
        return "conflicts"
    full = combo.covers & masks.fulfilling[modality] & masks.tolerated(exceptions) & bit
    return "satisfies" if full else "partially-satisfies"


def _cross_check(
    corpus: Corpus,
    reading: Reading,
    space: Space,
    masks: _Masks,
    combos: list[_Combo],
    exception_sets: ExceptionSets,
    interactions: Sequence[Interaction],
    checkers: Sequence[Evaluator],
    sample: int,
) -> int:
    """Run every example shown and an evenly spread sample of the space through each evaluator, as one document."""
    if not checkers:
        return 0
    by_terms: dict[tuple[str, ...], _Combo] = {c.terms: c for c in combos}
    chosen: dict[tuple[Modality, tuple[str, ...], frozenset[str]], None] = {}
    for interaction in interactions:
        ex = interaction.example
        terms = tuple((getattr(ex, f) or sorted(masks.roots[f]))[0] for f in FIELDS)
        chosen[(ex.modality, terms, frozenset())] = None
    total = len(combos) * len(MODALITIES) * exception_sets.count
    step = max(1, total // max(1, sample))
    for n in range(0, total, step):
        combo = combos[n % len(combos)]
        modality = MODALITIES[(n // len(combos)) % len(MODALITIES)]
        exceptions = exception_sets[(n // (len(combos) * len(MODALITIES))) % exception_sets.count]
        chosen[(modality, combo.terms, exceptions)] = None
    clauses = []
    for k, (modality, terms, exceptions) in enumerate(chosen):
        scope = _clause(modality, terms, masks.roots, sorted(exceptions, key=space.conditions.index))
        clauses.append(Clause(number=str(k + 1), text="(enumerated)", **scope.model_dump()))
    document = PolicyDocument(
        id="interactions-sample",
        title="clauses sampled from the enumerated space",
        issuer="enumerated",
        issuer_kind=corpus.taxonomy.roots("actors")[0],
        jurisdiction="unknown",  # the sample is evaluated against the provisions directly, never placed
        source="https://example.org/enumerated",
        clauses=tuple(clauses),
    )
    ids = [p.provision.id for p in corpus.provisions]
    for checker in checkers:
        found = {(f.clause, f.provision): f.relation for f in checker.evaluate(document, reading, corpus.provisions)}
        for k, (modality, terms, exceptions) in enumerate(chosen):
            for i, pid in enumerate(ids):
                expected = _predicted(masks, modality, by_terms[terms], exceptions, i)
                actual = found.get((str(k + 1), pid), "none")
                if actual == "potential-conflict":
                    actual = "none"  # a risk the reading names, not what the clause covers
                if actual != expected:
                    raise EngineFailure(  # the enumeration and an evaluator disagree: a bug in one of them
                        f"interactions disagree with the {checker.name} evaluator under {reading.id!r} on clause "
                        f"{clause_flow(clauses[k])} and {pid}: enumerated {expected}, evaluator {actual}"
                    )
    return len(clauses)


def interactions(
    corpus: Corpus, readings: Sequence[str], checkers: Sequence[Evaluator] = (), sample: int = SAMPLE
) -> InteractionsResult:
    """The interactions of every provision pair under each requested reading."""
    space = space_of(corpus)
    infos = tuple(
        ProvisionInfo(p.provision.id, p.provision.cite, p.instrument.id, p.instrument.status, p.provision.norm.must)
        for p in corpus.provisions
    )
    results = tuple(analyse_reading(corpus, corpus.reading(r), space, checkers, sample) for r in readings)
    return InteractionsResult(space, infos, results, tuple(c.name for c in checkers))
