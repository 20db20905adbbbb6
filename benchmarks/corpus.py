"""A seeded synthetic corpus: a vocabulary, provisions and policy documents of any size.

Why synthetic: the bundled law has 20-odd provisions and three policies, far
too few to see how checking scales. The generator builds the same pydantic
models the loader builds, so both evaluators run on it unchanged, and the same
seed always gives the same corpus (documents are generated one at a time, from
their index, so a run over 10,000 of them never holds them all in memory).

Shape: actions form a forest (`branching` children per term), so a clause about a
broad action meets every provision below it; actors, persons and counterparts
each have one root and a few children; provisions state one norm each over
one or two actions; a `savings` share of clauses are savings clauses that
`preserve` an action for a counterpart (the join in the durable-rules path).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import Instrument, Norm, Provision, StatusEvent
from compliance.model.policy import Clause, PolicyDocument, Preserves
from compliance.model.readings import Holder, Link, Reading, Source, Widening
from compliance.model.taxonomy import Taxonomy
from compliance.model.vocabulary import Term, VocabularyFile

URL = "https://example.org/synthetic"
MODALITIES = ("prohibits", "requires", "permits", "restricts")
NORMS = ("not-restrict", "prohibit", "require")
ACTORS = ("police", "sheriff", "jail", "city-agency")
PERSONS = ("victim", "witness", "arrestee", "juvenile")
COUNTERPARTS = ("federal-immigration", "state-police", "other-agency")


@dataclass(frozen=True)
class Shape:
    """How big a synthetic corpus is. Every field changes what is generated; `seed` fixes it."""

    provisions: int = 100
    vocabulary: int = 200
    """Number of action terms (the vocabulary's widest category)."""
    conditions: int = 6
    clauses: int = 20
    """Clauses per document."""
    savings: float = 0.0
    """Share of clauses that are savings clauses (0 for none: no join work at all)."""
    branching: int = 4
    seed: int = 7


def _terms(root: str, children: tuple[str, ...]) -> tuple[Term, ...]:
    return (Term(id=root, definition=root), *(Term(id=c, definition=c, parent=root) for c in children))


def action_id(index: int) -> str:
    return f"act-{index}"


def vocabulary(shape: Shape) -> VocabularyFile:
    """Actions as a forest of `vocabulary` terms (about one root per 50), one root per other category."""
    roots = max(1, shape.vocabulary // 50)
    actions = tuple(
        Term(
            id=action_id(i),
            definition=f"synthetic action {i}",
            parent=None if i < roots else action_id((i - roots) // shape.branching),
        )
        for i in range(shape.vocabulary)
    )
    return VocabularyFile(
        actions=actions,
        actors=_terms("anyone", ACTORS),
        persons=_terms("any-individual", PERSONS),
        counterparts=_terms("any-counterpart", COUNTERPARTS),
        conditions=tuple(Term(id=f"cond-{i}", definition=f"condition {i}") for i in range(shape.conditions)),
    )


def readings(shape: Shape, rng: random.Random) -> tuple[Reading, ...]:
    """A base reading, and a wide one that links a few actions and widens a few provisions."""
    source = (Source(url=URL),)
    base = Reading(
        id="base",
        title="base",
        held_by=(Holder(name="court", authority="court", court="court", reach=("us",)),),
        summary="the text as written",
        sources=source,
    )
    pick = rng.sample(range(shape.vocabulary), k=min(6, shape.vocabulary))
    links = tuple(
        Link(
            term=action_id(a),
            includes=(action_id(b),),
            provisions=tuple(f"prov-{i}" for i in range(shape.provisions)),
            why="read broadly",
        )
        for a, b in zip(pick[::2], pick[1::2], strict=False)
    )
    widened = tuple(f"prov-{i}" for i in rng.sample(range(shape.provisions), k=min(3, shape.provisions)))
    widen = (Widening(provisions=widened, action=(action_id(pick[0]),), why="read broadly"),)
    wide = Reading(
        id="wide",
        title="wide",
        held_by=(Holder(name="agency", authority="enforcing-agency"),),
        summary="a broad reading",
        sources=source,
        links=links,
        widen=widen,
    )
    return (base, wide)


INSTRUMENT = Instrument(
    id="synthetic-law",
    kind="federal-statute",
    jurisdiction="us",
    title="Synthetic law",
    source=URL,
    history=(StatusEvent(status="in-force", date="2000-01-01"),),
)


def _maybe(rng: random.Random, share: float, choices: tuple[str, ...]) -> tuple[str, ...]:
    return (rng.choice(choices),) if rng.random() < share else ()


def provision(index: int, shape: Shape, rng: random.Random, conditions: tuple[str, ...]) -> LocatedProvision:
    """One provision: a norm over one action (sometimes two), sometimes narrowed to persons or a counterpart."""
    actions = tuple(dict.fromkeys(action_id(rng.randrange(shape.vocabulary)) for _ in range(rng.choice((1, 1, 2)))))
    norm = Norm(
        must=rng.choice(NORMS),
        action=actions,
        persons=_maybe(rng, 0.3, PERSONS),
        counterpart=_maybe(rng, 0.5, COUNTERPARTS),
        tolerates=_maybe(rng, 0.3, conditions),
    )
    law = Provision(
        id=f"prov-{index}",
        cite=f"Synthetic law § {index}",
        text=f"Synthetic provision {index}.",
        source=URL,
        verified=False,
        note="synthetic, for benchmarks",
        binds=("anyone",),
        norm=norm,
    )
    return LocatedProvision(law, INSTRUMENT, "synthetic.yaml")


def corpus(shape: Shape) -> Corpus:
    """The law of a synthetic corpus: vocabulary, two readings and `provisions` provisions."""
    rng = random.Random(shape.seed)
    vocab = vocabulary(shape)
    conditions = tuple(t.id for t in vocab.conditions)
    provisions = tuple(provision(i, shape, rng, conditions) for i in range(shape.provisions))
    return Corpus(Taxonomy.build(vocab), readings(shape, rng), provisions)


def clause(number: int, shape: Shape, rng: random.Random, conditions: tuple[str, ...]) -> Clause:
    """One clause; a savings clause (`permits`, with `preserves`) with probability `shape.savings`."""
    action = (action_id(rng.randrange(shape.vocabulary)),)
    if rng.random() < shape.savings:
        kept = Preserves(
            action=(action_id(rng.randrange(shape.vocabulary)),), counterpart=_maybe(rng, 0.7, COUNTERPARTS)
        )
        return Clause(number=str(number), text="savings", modality="permits", action=action, preserves=kept)
    return Clause(
        number=str(number),
        text=f"clause {number}",
        modality=rng.choice(MODALITIES),
        actor=_maybe(rng, 0.3, ACTORS),
        action=action,
        persons=_maybe(rng, 0.3, PERSONS),
        counterpart=_maybe(rng, 0.4, COUNTERPARTS),
        exceptions=_maybe(rng, 0.2, conditions),
    )


def document(index: int, shape: Shape) -> PolicyDocument:
    """Document `index` of the corpus: the same index and shape always give the same document."""
    rng = random.Random(f"{shape.seed}/{index}")
    conditions = tuple(f"cond-{i}" for i in range(shape.conditions))
    return PolicyDocument(
        id=f"doc-{index}",
        title=f"Synthetic policy {index}",
        issuer="Synthetic issuer",
        issuer_kind=rng.choice(ACTORS),
        jurisdiction="us/xx/synthetic",
        source=URL,
        clauses=tuple(clause(n, shape, rng, conditions) for n in range(1, shape.clauses + 1)),
    )


def documents(count: int, shape: Shape, start: int = 0) -> Iterator[PolicyDocument]:
    """Documents `start` … `start + count - 1`, generated one at a time."""
    return (document(i, shape) for i in range(start, start + count))
