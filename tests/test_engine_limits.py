"""durable-rules hangs, uninterruptibly, on a ruleset testing more than 512 constants on one
property (ENGINEERING.md). The adapter must refuse such a ruleset and the compiler must
partition around the limit; neither may ever hand the engine one that would hang.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from compliance.engine import durable_adapter
from compliance.engine.capacity import MAX_CONSTANTS, widest
from compliance.engine.compile import compile_reading
from compliance.engine.durable_adapter import DurableHost
from compliance.engine.durable_evaluator import DurableEvaluator
from compliance.engine.reference import ReferenceEvaluator
from compliance.errors import EngineError, EngineFailure
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import Norm, Provision
from compliance.model.policy import Clause, PolicyDocument
from compliance.model.taxonomy import Taxonomy
from compliance.model.vocabulary import Term, VocabularyFile
from tests.child import in_child
from tests.test_deontic import BASE, INSTRUMENT, URL, VOCABULARY

ROOT = Path(__file__).resolve().parent.parent


def test_adapter_refuses_a_ruleset_past_the_limit() -> None:
    rules = {f"r{i}": {"all": [{"m": {"action": f"a{i}"}}], "run": f"r{i}"} for i in range(MAX_CONSTANTS + 1)}
    assert widest(rules) == ("action", MAX_CONSTANTS + 1)
    with pytest.raises(EngineError, match="refusing a ruleset with 501 distinct 'action' constants"):
        DurableHost().register(rules)


def test_adapter_refuses_too_many_rules_sharing_a_first_test() -> None:
    """Measured here: 511 rules that all begin `kind == clause` register; 514 hang."""
    rules = {
        f"r{i}": {"all": [{"m": {"$and": [{"kind": "clause"}, {"n": i % 7}]}}], "run": f"r{i}"}
        for i in range(MAX_CONSTANTS + 1)
    }
    assert widest(rules) == ("rules", MAX_CONSTANTS + 1)
    with pytest.raises(EngineError, match="refusing a ruleset with 501 rules"):
        DurableHost().register(rules)


def _many_actions(count: int) -> Corpus:
    actions = tuple(Term(id=f"act-{i}", definition="an action") for i in range(count))
    vocabulary = VocabularyFile(
        actions=actions,
        actors=VOCABULARY.actors,
        persons=VOCABULARY.persons,
        counterparts=VOCABULARY.counterparts,
        conditions=VOCABULARY.conditions,
    )
    provisions = tuple(
        LocatedProvision(
            Provision(
                id=f"p-{i}",
                cite=f"Law § {i}",
                text="text",
                source=URL,
                verified=True,
                binds=("anyone",),
                norm=Norm(must="not-restrict", action=(f"act-{i}",)),
            ),
            INSTRUMENT,
            "law.yaml",
        )
        for i in range(count)
    )
    return Corpus(Taxonomy.build(vocabulary), (BASE,), provisions)


@in_child  # a synthetic corpus of hundreds of provisions: its C memory dies with the child
def test_compiler_partitions_past_the_limit_and_loses_no_finding() -> None:
    corpus = _many_actions(1200)
    compiled = compile_reading(corpus, BASE, corpus.provisions)
    assert len(compiled.rulesets) >= 3
    assert all(widest(rules)[1] <= MAX_CONSTANTS and len(rules) <= MAX_CONSTANTS for rules in compiled.rulesets)
    clauses = tuple(
        Clause(number=str(i), text="t", modality="prohibits", action=(f"act-{i}",)) for i in range(0, 1200, 7)
    )
    doc = PolicyDocument(
        id="d", title="d", issuer="p", issuer_kind="police", jurisdiction="us/la/orleans", source=URL, clauses=clauses
    )
    ours = DurableEvaluator(corpus).evaluate(doc, BASE, corpus.provisions)
    assert ours == ReferenceEvaluator(corpus).evaluate(doc, BASE, corpus.provisions)
    assert len(ours) == len(clauses) and {f.relation for f in ours} == {"conflicts"}


def test_one_provision_past_the_limit_is_refused_with_its_name() -> None:
    """Its coverage rule alone tests all 600 actions on one property: no partition can help."""
    corpus = _many_actions(600)
    wide = corpus.provisions[0]
    every = Norm(must="not-restrict", action=tuple(f"act-{i}" for i in range(600)))
    huge = LocatedProvision(wide.provision.model_copy(update={"norm": every}), INSTRUMENT, "wide.yaml")
    with pytest.raises(
        EngineError, match=r"provision p-0 \(wide.yaml\) is too wide .* 600 distinct .* \(at most 500\)"
    ):
        compile_reading(corpus, BASE, [huge])


def test_one_rule_past_the_match_stack_is_refused_with_its_name() -> None:
    """One rule's alternatives (named actors × persons × counterparts) cannot be split across rulesets."""
    persons = (
        Term(id="everyone", definition="root"),
        *(Term(id=f"person-{i}", definition="p", parent="everyone") for i in range(8)),
    )
    counterparts = (
        Term(id="anyone", definition="root"),
        *(Term(id=f"party-{i}", definition="c", parent="anyone") for i in range(8)),
    )
    vocabulary = VOCABULARY.model_copy(update={"persons": persons, "counterparts": counterparts})
    norm = Norm(
        must="not-restrict",
        action=(VOCABULARY.actions[0].id,),
        persons=tuple(term.id for term in persons[1:]),
        counterpart=tuple(term.id for term in counterparts[1:]),
    )
    provision = Provision(id="p-wide", cite="Law", text="text", source=URL, verified=True, binds=("anyone",), norm=norm)
    located = LocatedProvision(provision, INSTRUMENT, "wide.yaml")
    corpus = Corpus(Taxonomy.build(vocabulary), (BASE,), (located,))
    with pytest.raises(EngineError, match=r"provision p-wide \(wide.yaml\) is too wide .* match stack of 65"):
        compile_reading(corpus, BASE, [located])


@in_child  # a synthetic corpus of hundreds of provisions: its C memory dies with the child
def test_the_widest_clauses_stay_within_the_match_stack_and_agree() -> None:
    """A clause about a root action reaches every index term and every rule below it: the
    worst case the compiler's stack budget is computed for (error 303 past 64 entries)."""
    from benchmarks import corpus as synthetic
    from compliance.engine.compile import MAX_PATHS

    shape = synthetic.Shape(provisions=400, vocabulary=40, clauses=8, savings=0.25, seed=11)
    law = synthetic.corpus(shape)
    durable, reference = DurableEvaluator(law), ReferenceEvaluator(law)
    widest_clauses = tuple(
        Clause(number=f"w{m}", text="t", modality=m, action=("act-0",))
        for m in ("prohibits", "requires", "permits", "restricts")
    )
    documents = [*synthetic.documents(6, shape)]
    documents.append(documents[0].model_copy(update={"clauses": widest_clauses}))
    for reading in law.readings:
        compiled = compile_reading(law, reading, law.provisions)
        assert len(compiled.rulesets) > 3 and all(len(rules) <= MAX_CONSTANTS for rules in compiled.rulesets)
        for document in documents:
            ours = durable.evaluate(document, reading, law.provisions)
            assert ours == reference.evaluate(document, reading, law.provisions), (document.id, reading.id)
    assert len(durable.evaluate(documents[-1], law.readings[0], law.provisions)) > MAX_PATHS


@in_child  # a synthetic corpus of hundreds of provisions: its C memory dies with the child
def test_a_reading_that_widens_every_provision_to_every_action_still_compiles_and_agrees() -> None:
    """Regression (found by the differential property): one provision widened past the match-stack
    budget used to be refused; its rules now spread over rulesets and no finding is lost."""
    from pathlib import Path

    from compliance.loader.corpus import load_corpus, load_policy
    from compliance.model.readings import Widening
    from tests.conftest import POLICIES, RULES

    bundled = load_corpus(RULES)
    every = Widening(
        provisions=tuple(p.provision.id for p in bundled.provisions),
        action=tuple(term.id for term in bundled.taxonomy.vocabulary.actions),
        why="every action",
    )
    widest_reading = bundled.readings[0].model_copy(update={"id": "widest", "widen": (every,)})
    corpus = Corpus(bundled.taxonomy, (*bundled.readings, widest_reading), bundled.provisions)
    assert len(compile_reading(corpus, widest_reading, corpus.provisions).rulesets) > 1
    durable, reference = DurableEvaluator(corpus), ReferenceEvaluator(corpus)
    for path in sorted(Path(POLICIES).glob("*.yaml")):
        document = load_policy(path, corpus).document
        ours = durable.evaluate(document, widest_reading, corpus.provisions)
        assert ours and ours == reference.evaluate(document, widest_reading, corpus.provisions), path.name


def test_a_clause_over_two_wide_roots_carries_every_index_flag_and_agrees() -> None:
    """Each root's 30 children are index terms; a clause naming both roots flags all 62."""
    from benchmarks import corpus as synthetic
    from compliance.engine.compile import index_keys

    shape = synthetic.Shape(provisions=120, vocabulary=100, branching=30, clauses=4, seed=5)
    law = synthetic.corpus(shape)
    roots = law.taxonomy.roots("actions")
    assert roots == ("act-0", "act-1") and len(set(index_keys(law.taxonomy).values()) - set(roots)) >= 60
    widest_clause = Clause(number="w", text="t", modality="prohibits", action=roots)
    document = next(synthetic.documents(1, shape)).model_copy(update={"clauses": (widest_clause,)})
    durable, reference = DurableEvaluator(law), ReferenceEvaluator(law)
    for reading in law.readings:
        ours = durable.evaluate(document, reading, law.provisions)
        assert ours == reference.evaluate(document, reading, law.provisions)
        assert len(ours) >= 100


# --- a finding is never dropped silently ---------------------------------------------------------

RULE = {"r": {"all": [{"m": {"$and": [{"kind": "clause"}, {"x": 1}]}}], "run": "r"}}
HIT = {"id": "c0", "kind": "clause", "x": 1}
MISS = {"id": "c1", "kind": "clause", "x": 2}


def test_a_fact_matching_no_rule_is_no_finding_not_an_error() -> None:
    """The core reports such a fact and goes on with the batch: the other facts' matches still come back."""
    host = DurableHost()
    name = host.register(RULE)
    assert [m.fact("m") for m in host.run(name, [MISS, HIT, {**MISS, "id": "c2"}])] == ["c0"]
    assert host.run(name, [MISS]) == []
    assert [m.fact("m") for m in host.run(name, [HIT])] == ["c0"]  # and nothing was left behind


def test_a_duplicate_fact_fails_loudly_and_retires_the_ruleset() -> None:
    host = DurableHost()
    name = host.register(RULE)
    with pytest.raises(EngineFailure, match="the same fact was asserted twice"):
        host.run(name, [HIT, dict(HIT)])
    with pytest.raises(EngineFailure, match="unusable after an earlier engine failure"):
        host.run(name, [HIT])


def test_identical_clauses_are_distinct_facts() -> None:
    """Two clauses that differ only in their number are two facts (unique ids): both are found."""
    corpus = _many_actions(5)
    same = {"text": "t", "modality": "prohibits", "action": ("act-2",)}
    doc = PolicyDocument(
        id="d",
        title="d",
        issuer="p",
        issuer_kind="police",
        jurisdiction="us/la/orleans",
        source=URL,
        clauses=(Clause(number="1", **same), Clause(number="2", **same)),
    )
    ours = DurableEvaluator(corpus).evaluate(doc, BASE, corpus.provisions)
    assert [(f.clause, f.provision, f.relation) for f in ours] == [("1", "p-2", "conflicts"), ("2", "p-2", "conflicts")]
    assert ours == ReferenceEvaluator(corpus).evaluate(doc, BASE, corpus.provisions)


def _failing_actions(*args: object) -> object:
    raise RuntimeError("bug while handing back an action's matches")


def test_a_failure_inside_an_action_fails_loudly_and_retires_the_ruleset(monkeypatch: pytest.MonkeyPatch) -> None:
    """The adapter runs durable-rules' actions itself (start/complete an action, read its matches):
    a failure there must raise, never return the matches gathered so far as if they were all."""
    host = DurableHost()
    name = host.register(RULE)
    with monkeypatch.context() as patch:
        patch.setattr(durable_adapter.core, "start_action_for_state", _failing_actions)
        with pytest.raises(EngineFailure, match="failed while handing back matches: bug while handing back"):
            host.run(name, [HIT])
    with pytest.raises(EngineFailure, match="unusable after an earlier engine failure"):
        host.run(name, [HIT])  # its state may hold half a batch
    fresh = host.register(RULE)
    assert [m.fact("m") for m in host.run(fresh, [MISS, HIT])] == ["c0"]


def test_an_engine_failure_is_an_internal_error_at_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 3 and 'internal error', never exit 0/1 with findings missing, never exit 2 blaming the input."""
    import cli

    monkeypatch.setattr(durable_adapter.core, "start_action_for_state", _failing_actions)
    monkeypatch.chdir(ROOT)
    status = cli.main(["check", "policies/opso-detainers-2013.yaml", "--format", "json"])
    out, err = capsys.readouterr()
    assert (status, out) == (3, "")
    assert err.startswith("compliance: internal error: EngineFailure: durable-rules failed while handing back matches")
    assert "Traceback" not in err


# --- 2,000 generated provisions: no hang, no finding lost --------------------------------------------

GENERATED_SCRIPT = """
import sys
from tests.test_engine_limits import check_generated
print(check_generated(int(sys.argv[1])))
"""


def generated_corpus(count: int) -> Corpus:
    """`count` provisions over `count // 3` actions, cycling through the norms, persons and counterparts.

    Many provisions share an action and the actions outnumber durable-rules' 512
    constants, so the compiler must partition, and one clause must meet several
    provisions in several rulesets.
    """
    actions = count // 3
    base = _many_actions(actions)
    musts = ("not-restrict", "prohibit", "require")
    provisions = tuple(
        LocatedProvision(
            Provision(
                id=f"g-{i}",
                cite=f"Law § {i}",
                text="text",
                source=URL,
                verified=True,
                binds=("anyone",),
                norm=Norm(
                    must=musts[i % 3],
                    action=(f"act-{i % actions}",),
                    persons=(("everyone",), ("victim",))[i % 2],
                    counterpart=(("any",), ("ice",))[(i // 2) % 2],
                    tolerates=(("warrant",), ())[(i // 4) % 2],
                ),
            ),
            INSTRUMENT,
            f"law-{i // 100}.yaml",
        )
        for i in range(count)
    )
    return Corpus(base.taxonomy, (BASE,), provisions)


def check_generated(count: int) -> str:
    """Check generated documents against `count` provisions with both evaluators; they must agree."""
    corpus = generated_corpus(count)
    actions = count // 3
    modalities = ("prohibits", "requires", "permits", "restricts")
    documents = [
        PolicyDocument(
            id=f"d{d}",
            title="d",
            issuer="p",
            issuer_kind="police",
            jurisdiction="us/la/orleans",
            source=URL,
            clauses=tuple(
                Clause(
                    number=str(n),
                    text="t",
                    modality=modalities[(n + d) % 4],
                    action=(f"act-{(n * 37 + d) % actions}",),
                    persons=(("victim",), ())[n % 2],
                    exceptions=(("warrant",), (), ("threat",))[n % 3],
                )
                for n in range(40)
            ),
        )
        for d in range(3)
    ]
    durable = DurableEvaluator(corpus)
    reference = ReferenceEvaluator(corpus)
    total = 0
    for document in documents:
        ours = durable.evaluate(document, BASE, corpus.provisions)
        theirs = reference.evaluate(document, BASE, corpus.provisions)
        assert ours == theirs, f"{document.id}: durable and reference differ"
        total += len(ours)
    rulesets = len(compile_reading(corpus, BASE, corpus.provisions).rulesets)
    return f"agree {total} findings {rulesets} rulesets"


def test_2000_generated_provisions_neither_hang_nor_lose_a_finding() -> None:
    """In a child process with a timeout: the engine's C core cannot be interrupted if it loops."""
    result = subprocess.run(
        [sys.executable, "-c", GENERATED_SCRIPT, "2000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    words = result.stdout.split()
    assert words[0] == "agree", result.stdout
    findings, rulesets = int(words[1]), int(words[3])
    assert rulesets >= 3  # 666 actions: past the 512 constants of one ruleset
    # Every clause meets the 3 provisions of its action that share its persons (at least): none lost.
    assert findings >= 3 * 40 * 3 // 2
