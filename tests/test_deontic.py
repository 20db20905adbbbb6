"""The deontic table of DESIGN.md, cell by cell, through both evaluators.

A tiny vocabulary (one action with one narrower action) keeps each cell's
cause obvious: the same clause and norm shapes are run through the reference
evaluator and through durable-rules, and both must give the table's answer.
"""

from __future__ import annotations

import pytest

from compliance.engine.durable_evaluator import DurableEvaluator
from compliance.engine.reference import ReferenceEvaluator
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import Instrument, Norm, Provision, StatusEvent
from compliance.model.policy import Clause, PolicyDocument, Preserves
from compliance.model.readings import Holder, Link, Reading, Source, Widening
from compliance.model.taxonomy import Taxonomy
from compliance.model.vocabulary import Term, VocabularyFile

URL = "https://example.org/law"


def _terms(*pairs: tuple[str, str | None]) -> tuple[Term, ...]:
    return tuple(Term(id=i, definition=i, parent=p) for i, p in pairs)


VOCABULARY = VocabularyFile(
    actions=_terms(("share", None), ("send", "share"), ("receive", "share"), ("ask", None), ("assist", None)),
    actors=_terms(("anyone", None), ("police", "anyone")),
    persons=_terms(("everyone", None), ("victim", "everyone")),
    counterparts=_terms(("any", None), ("ice", "any")),
    conditions=_terms(("warrant", None), ("threat", None)),
)
BASE = Reading(
    id="base",
    title="base",
    held_by=(Holder(name="court", authority="court", court="c", reach=("us",)),),
    summary="s",
    sources=(Source(url=URL),),
)
LINKED = Reading(
    id="linked",
    title="linked",
    held_by=(Holder(name="agency", authority="enforcing-agency"),),
    summary="s",
    sources=(Source(url=URL),),
    links=(Link(term="ask", includes=("receive",), provisions=("p",), why="asking may be receiving"),),
)
WIDE = Reading(
    id="wide",
    title="wide",
    held_by=(Holder(name="ag", authority="state-official"),),
    summary="s",
    sources=(Source(url=URL),),
    widen=(Widening(provisions=("p",), action=("assist",), why="all help"),),
)
INSTRUMENT = Instrument(
    id="law",
    kind="federal-statute",
    jurisdiction="us",
    title="Law",
    source=URL,
    history=(StatusEvent(status="in-force", date="2000-01-01"),),
)


def provision(
    must: str, action: tuple[str, ...] = ("share",), persons: tuple[str, ...] = (), tolerates: tuple[str, ...] = ()
) -> LocatedProvision:
    norm = Norm(must=must, action=action, persons=persons, tolerates=tolerates)
    p = Provision(id="p", cite="Law § 1", text="text", source=URL, verified=True, binds=("anyone",), norm=norm)
    return LocatedProvision(p, INSTRUMENT, "law.yaml")


def document(*clauses: Clause) -> PolicyDocument:
    return PolicyDocument(
        id="doc",
        title="Doc",
        issuer="Police",
        issuer_kind="police",
        jurisdiction="us/la/orleans",
        source=URL,
        clauses=clauses,
    )


def clause(modality: str, action: tuple[str, ...] = ("share",), number: str = "1", **fields) -> Clause:
    return Clause(number=number, text="text", modality=modality, action=action, **fields)


CORPUS_READINGS = (BASE, LINKED, WIDE)


def corpus_with(located: LocatedProvision) -> Corpus:
    return Corpus(Taxonomy.build(VOCABULARY), CORPUS_READINGS, (located,))


def relations(located: LocatedProvision, doc: PolicyDocument, reading: Reading = BASE) -> dict[str, list[str]]:
    corpus = corpus_with(located)
    out = {}
    for evaluator in (ReferenceEvaluator(corpus), DurableEvaluator(corpus)):
        out[evaluator.name] = [f.relation for f in evaluator.evaluate(doc, reading, [located])] or ["none"]
    return out


TABLE = [
    ("not-restrict", "prohibits", "conflicts"),
    ("not-restrict", "restricts", "conflicts"),
    ("not-restrict", "requires", "satisfies"),
    ("not-restrict", "permits", "satisfies"),
    ("prohibit", "prohibits", "satisfies"),
    ("prohibit", "restricts", "partially-satisfies"),
    ("prohibit", "requires", "conflicts"),
    ("prohibit", "permits", "conflicts"),
    ("require", "prohibits", "conflicts"),
    ("require", "restricts", "conflicts"),
    ("require", "requires", "satisfies"),
    ("require", "permits", "partially-satisfies"),
]


@pytest.mark.parametrize(("must", "modality", "expected"), TABLE)
def test_design_table_cell(must: str, modality: str, expected: str) -> None:
    got = relations(provision(must), document(clause(modality)))
    assert got == {"reference": [expected], "durable": [expected]}


@pytest.mark.parametrize("must", ["not-restrict", "prohibit", "require"])
def test_no_overlap_no_finding(must: str) -> None:
    got = relations(provision(must), document(clause("prohibits", action=("ask",))))
    assert got == {"reference": ["none"], "durable": ["none"]}


def test_narrower_clause_action_still_meets_broader_norm() -> None:
    got = relations(provision("not-restrict"), document(clause("prohibits", action=("send",))))
    assert got == {"reference": ["conflicts"], "durable": ["conflicts"]}


def test_prohibition_with_exceptions_is_partial() -> None:
    doc = document(clause("prohibits", exceptions=("warrant",)))
    assert relations(provision("prohibit"), doc)["durable"] == ["partially-satisfies"]
    assert relations(provision("prohibit", tolerates=("warrant",)), doc)["durable"] == ["satisfies"]
    assert relations(provision("prohibit", tolerates=("threat",)), doc)["reference"] == ["partially-satisfies"]


def test_clause_covering_part_of_the_persons_is_partial() -> None:
    doc = document(clause("prohibits", persons=("victim",)))
    assert relations(provision("prohibit"), doc) == {
        "reference": ["partially-satisfies"],
        "durable": ["partially-satisfies"],
    }


def test_link_brings_a_clause_into_scope_only_under_its_reading() -> None:
    p, doc = provision("not-restrict", action=("receive",)), document(clause("prohibits", action=("ask",)))
    assert relations(p, doc, BASE) == {"reference": ["none"], "durable": ["none"]}
    assert relations(p, doc, LINKED) == {"reference": ["conflicts"], "durable": ["conflicts"]}


def test_widening_brings_a_clause_into_scope_only_under_its_reading() -> None:
    doc = document(clause("prohibits", action=("assist",)))
    assert relations(provision("not-restrict"), doc, BASE)["durable"] == ["none"]
    assert relations(provision("not-restrict"), doc, WIDE) == {"reference": ["conflicts"], "durable": ["conflicts"]}


def test_savings_clause_neutralises_a_conflict_inside_its_scope() -> None:
    saver = clause("permits", number="9", preserves=Preserves(action=("share",)))
    doc = document(clause("prohibits", action=("send",)), saver)
    corpus = corpus_with(provision("not-restrict"))
    for evaluator in (ReferenceEvaluator(corpus), DurableEvaluator(corpus)):
        first = evaluator.evaluate(doc, BASE, corpus.provisions)[0]
        assert (first.relation, first.savings) == ("neutralised", ("9",)), evaluator.name


def test_savings_clause_does_not_reach_outside_its_scope() -> None:
    saver = clause("permits", number="9", preserves=Preserves(action=("send",)))
    doc = document(clause("prohibits", action=("share",)), saver)
    corpus = corpus_with(provision("not-restrict"))
    for evaluator in (ReferenceEvaluator(corpus), DurableEvaluator(corpus)):
        first = evaluator.evaluate(doc, BASE, corpus.provisions)[0]
        assert (first.relation, first.savings) == ("conflicts", ()), evaluator.name


def test_savings_clause_with_other_counterpart_does_not_neutralise() -> None:
    saver = clause("permits", number="9", preserves=Preserves(action=("share",), counterpart=("ice",)))
    doc = document(clause("prohibits", action=("send",)), saver)
    corpus = corpus_with(provision("not-restrict"))
    for evaluator in (ReferenceEvaluator(corpus), DurableEvaluator(corpus)):
        assert evaluator.evaluate(doc, BASE, corpus.provisions)[0].relation == "conflicts", evaluator.name
