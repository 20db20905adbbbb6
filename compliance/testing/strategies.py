"""Hypothesis strategies over a corpus's vocabulary: clauses, policies, provisions, readings, rule sets.

Why from a corpus: a strategy that guessed term names would spend its
examples on load errors. These draw every action, actor, person,
counterpart and condition from the corpus's vocabulary, every reading from
its readings, and every widened provision id from the rule set being built,
so each example is a policy or rule set `compliance` would load.

Sizes are bounded so that a generated provision always fits one
durable-rules ruleset (see `compliance.engine.compile.MAX_PATHS`): at most
two terms per dimension of a norm, and a generated reading widens a
provision by at most one action.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import Instrument, Norm, Provision, StatusEvent
from compliance.model.policy import Clause, PolicyDocument, Preserves
from compliance.model.readings import Holder, Link, Reading, Source, Widening
from compliance.testing.helpers import Rules, load_rules

MODALITIES = ("prohibits", "requires", "permits", "restricts")
NORMS = ("prohibit", "require", "not-restrict")
SOURCE = "https://example.org/generated"


def terms(
    category: str, rules: Rules = None, *, min_size: int = 0, max_size: int = 2
) -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct terms of one vocabulary category (`actions`, `actors`, `persons`, `counterparts`, `conditions`).

    An empty tuple means the field is omitted, which a clause or norm reads as the category's root.
    """
    known = load_rules(rules).taxonomy.terms(category)  # type: ignore[arg-type]
    if not known:
        return st.just(())
    return st.lists(st.sampled_from(known), min_size=min_size, max_size=max_size, unique=True).map(tuple)


def preserves(rules: Rules = None) -> st.SearchStrategy[Preserves]:
    """What a savings clause keeps unrestricted: some actions, optionally a counterpart."""
    return st.builds(Preserves, action=terms("actions", rules, min_size=1), counterpart=terms("counterparts", rules))


@st.composite
def clauses(
    draw: st.DrawFn,
    rules: Rules = None,
    *,
    number: str | None = None,
    savings: bool | None = False,
    modalities: Sequence[str] = MODALITIES,
    max_terms: int = 2,
) -> Clause:
    """A policy clause over the corpus's vocabulary.

    `savings`: False never draws `preserves`, True always does, None sometimes.
    `number` fixes the clause number (a policy needs distinct ones); by default it is drawn.
    """
    keep = draw(st.booleans()) if savings is None else savings
    return Clause(
        number=number if number is not None else str(draw(st.integers(min_value=1, max_value=99))),
        text="generated clause",
        modality=draw(st.sampled_from(tuple(modalities))),
        actor=draw(terms("actors", rules, max_size=max_terms)),
        action=draw(terms("actions", rules, min_size=1, max_size=max_terms)),
        persons=draw(terms("persons", rules, max_size=max_terms)),
        counterpart=draw(terms("counterparts", rules, max_size=max_terms)),
        exceptions=draw(terms("conditions", rules, max_size=max_terms)),
        preserves=draw(preserves(rules)) if keep else None,
    )


def savings_clauses(rules: Rules = None, *, number: str | None = None) -> st.SearchStrategy[Clause]:
    """A clause that carries `preserves` (a savings clause), with any modality and scope of its own."""
    return clauses(rules, number=number, savings=True)


@st.composite
def policies(
    draw: st.DrawFn,
    rules: Rules = None,
    *,
    min_clauses: int = 1,
    max_clauses: int = 5,
    issuer: str | None = None,
    savings: bool | None = None,
    jurisdiction: str | None = None,
) -> PolicyDocument:
    """A policy document of numbered clauses ("1", "2", …), issued by `issuer` or a drawn actor kind.

    It governs `jurisdiction`, by default the deepest place the rules name (where every rule binds).
    """
    count = draw(st.integers(min_value=min_clauses, max_value=max_clauses))
    corpus = load_rules(rules)
    kind = issuer or draw(st.sampled_from(corpus.taxonomy.terms("actors")))
    places = sorted({p.instrument.jurisdiction for p in corpus.provisions}, key=lambda j: (-j.count("/"), j))
    return PolicyDocument(
        id="generated-policy",
        title="generated policy",
        issuer="generated",
        issuer_kind=kind,
        jurisdiction=jurisdiction or (places[0] if places else "us"),
        source=SOURCE,
        clauses=tuple(draw(clauses(rules, number=str(i + 1), savings=savings)) for i in range(count)),
    )


@st.composite
def norms(draw: st.DrawFn, rules: Rules = None) -> Norm:
    """A norm: what a provision obliges, over at most two terms per dimension."""
    return Norm(
        must=draw(st.sampled_from(NORMS)),
        action=draw(terms("actions", rules, min_size=1)),
        actors=draw(terms("actors", rules)),
        persons=draw(terms("persons", rules)),
        counterpart=draw(terms("counterparts", rules)),
        tolerates=draw(terms("conditions", rules)),
    )


@st.composite
def provisions(draw: st.DrawFn, rules: Rules = None, *, id: str | None = None) -> Provision:
    """A new provision (a rule an author might write) over the corpus's vocabulary, with no examples."""
    ident = id or draw(st.sampled_from([f"generated-{n}" for n in range(1, 100)]))
    return Provision(
        id=ident,
        cite=f"Generated § {ident}",
        text="Generated provision text.",
        source=SOURCE,
        verified=True,
        binds=draw(terms("actors", rules, min_size=1)),
        norm=draw(norms(rules)),
    )


GENERATED = Holder(name="generated", authority="advocacy")
"""The holder of every generated reading."""


def readings(rules: Rules = None) -> st.SearchStrategy[Reading]:
    """One of the corpus's own readings."""
    return st.sampled_from(load_rules(rules).readings)


@st.composite
def new_readings(draw: st.DrawFn, rules: Rules = None, *, id: str, provision_ids: Sequence[str] = ()) -> Reading:
    """A new reading: a few links between actions, and widenings of the given provisions by one action each."""
    actions = terms("actions", rules, min_size=1, max_size=1)
    # Each link is stated for some of the given provisions, as a definition or as a risk of
    # application (which gives potential conflicts): both evaluators must scope and read it alike.
    stated = (
        st.lists(st.sampled_from(list(provision_ids)), min_size=1, max_size=3, unique=True).map(tuple)
        if provision_ids
        else st.just(())
    )
    link = st.builds(
        Link,
        term=actions.map(lambda t: t[0]),
        includes=actions,
        provisions=stated,
        kind=st.sampled_from(("definition", "risk")),
        why=st.just("generated"),
    )
    links = draw(st.lists(link, max_size=2))
    widen: list[Widening] = []
    if provision_ids:
        widen = draw(
            st.lists(
                st.builds(
                    Widening,
                    provisions=st.lists(st.sampled_from(list(provision_ids)), min_size=1, max_size=2, unique=True).map(
                        tuple
                    ),
                    action=actions,
                    why=st.just("generated"),
                ),
                max_size=1,
            )
        )
    return Reading(
        id=id,
        title=f"generated reading {id}",
        held_by=(GENERATED,),
        summary="generated",
        sources=(Source(url=SOURCE),),
        links=tuple(links),
        widen=tuple(widen),
    )


@st.composite
def rule_sets(draw: st.DrawFn, rules: Rules = None, *, min_provisions: int = 1, max_provisions: int = 6) -> Corpus:
    """A whole generated corpus: the vocabulary of `rules`, new provisions, and a base reading plus one new one.

    The first reading changes nothing (as `textual` in the bundled rules); the second links and widens.
    """
    base = load_rules(rules)
    count = draw(st.integers(min_value=min_provisions, max_value=max_provisions))
    made = [draw(provisions(base, id=f"generated-{n + 1}")) for n in range(count)]
    status = draw(st.sampled_from(("in-force", "proposed", "repealed")))
    instrument = Instrument(
        id="generated-instrument",
        kind="bill",
        jurisdiction="us",
        title="generated instrument",
        source=SOURCE,
        history=(StatusEvent(status=status, note="generated"),),
    )
    located = tuple(LocatedProvision(p, instrument, "generated.yaml") for p in made)
    plain = Reading(id="plain", title="plain", held_by=(GENERATED,), summary="no change", sources=(Source(url=SOURCE),))
    wider = draw(new_readings(base, id="wider", provision_ids=[p.id for p in made]))
    return Corpus(base.taxonomy, (plain, wider), located)
