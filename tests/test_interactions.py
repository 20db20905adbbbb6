"""`compliance interactions`: the enumerated clause space, pinned for the bundled corpus and checked by brute force.

Golden files: tests/golden/interactions-all.txt and .json (regenerate with
COMPLIANCE_UPDATE_GOLDEN=1, then read them against the law before committing).
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings

from cli import main
from compliance.analysis.interactions import FIELDS, MODALITIES, interactions, space_of
from compliance.engine.reference import ReferenceEvaluator, relate
from compliance.model.corpus import Corpus
from compliance.model.law import ClauseScope
from compliance.testing import examples, load_rules, relation, rule_sets
from tests.conftest import ROOT, RULES

GOLDEN = ROOT / "tests" / "golden"
CORPUS = load_rules(RULES)
CASES = {
    "interactions-all.txt": ["interactions", "--reading", "all"],
    "interactions-all.json": ["interactions", "--reading", "all", "--format", "json"],
}
FEDERAL = {"usc-8-1373", "usc-8-1644"}
DECREE = "nopd-consent-decree-2012"


@pytest.fixture(scope="module")
def result():
    return interactions(CORPUS, CORPUS.reading_ids, [ReferenceEvaluator(CORPUS)], sample=1500)


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_interactions(name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code = main(CASES[name])
    out, err = capsys.readouterr()
    assert code == 0
    assert err.startswith("interactions: 276,480 clauses per reading, 3 reading(s), ")
    path = GOLDEN / name
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_stdout_is_byte_identical_across_hash_seeds() -> None:
    outs = [
        subprocess.run(
            [sys.executable, "cli.py", "interactions", "--reading", "all", "--no-cross-check"],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "777")
    ]
    assert (
        outs[0]
        == outs[1]
        == (GOLDEN / "interactions-all.txt")
        .read_bytes()
        .replace(b"\n  Cross-checked 244 clauses of the space through durable and reference: identical findings.", b"")
    )


def _instrument(provision: str) -> str:
    return CORPUS.provision(provision).instrument.id


def _decree_against_federal(reading) -> set[tuple[str, str]]:
    pairs = {(i.satisfied, i.conflicted) for i in reading.interactions}
    return {p for p in pairs if {_instrument(p[0]), _instrument(p[1])} & FEDERAL and DECREE in map(_instrument, p)}


def test_the_decree_and_federal_law_never_interact_under_textual_or_doj(result) -> None:
    by = {r.reading: r for r in result.readings}
    assert _decree_against_federal(by["textual"]) == set()
    assert _decree_against_federal(by["doj"]) == set()


def test_under_broad_the_decree_no_inquiry_rule_meets_section_1373(result) -> None:
    broad = next(r for r in result.readings if r.reading == "broad")
    assert ("nopd-cd-victim-witness-inquiry", "usc-8-1373-b-2") in _decree_against_federal(broad)
    never = {(n.first, n.second) for n in broad.incompatible}
    assert ("nopd-cd-victim-witness-inquiry", "usc-8-1373-b-2") in never
    # § 1373(a), (b)(1) and § 1644 name federal immigration as counterpart, so a no-inquiry rule aimed
    # elsewhere escapes them: one clause plays them against the decree, but some policy satisfies both.
    assert ("nopd-cd-victim-witness-inquiry", "usc-8-1373-a") not in never


def test_every_example_shown_does_what_it_says(result) -> None:
    for reading in result.readings:
        for i in reading.interactions:
            assert relation(i.example, i.satisfied, reading.reading) == i.relation
            assert relation(i.example, i.conflicted, reading.reading) == "conflicts"


def _atomic_clauses(corpus: Corpus) -> list[ClauseScope]:
    space = space_of(corpus)
    return [
        ClauseScope(modality=m, **{f: (t,) for f, t in zip(FIELDS, terms, strict=True)})
        for m in MODALITIES
        for terms in itertools.product(*(space.values[f] for f in FIELDS))
    ]


@pytest.mark.parametrize(
    ("reading", "a", "b", "together"),
    [
        ("broad", "nopd-cd-victim-witness-inquiry", "usc-8-1373-b-2", False),
        ("broad", "nopd-cd-victim-witness-inquiry", "usc-8-1373-a", True),
        ("textual", "nopd-cd-victim-witness-inquiry", "usc-8-1373-b-2", True),
        ("textual", "nopd-41-6-1-no-assistance", "la-rs-33-83-a", False),
    ],
)
def test_never_together_by_brute_force(result, reading: str, a: str, b: str, together: bool) -> None:
    # Independently of the bitmasks: ask the reference evaluator about every clause of the space (exceptions
    # cannot turn support into conflict, so the empty set stands for all 32).
    chosen = CORPUS.reading(reading)
    pa, pb = CORPUS.provision(a), CORPUS.provision(b)
    possible = False
    for clause in _atomic_clauses(CORPUS):
        ra, rb = relate(CORPUS, clause, pa, chosen), relate(CORPUS, clause, pb, chosen)
        if ra is not None and ra[0] != "conflicts" and (rb is None or rb[0] != "conflicts"):
            possible = True
            break
    assert possible == together
    reported = {(n.first, n.second) for r in result.readings if r.reading == reading for n in r.incompatible}
    assert ((a, b) in reported or (b, a) in reported) == (not together)


@settings(max_examples=examples(ci=8, large=200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_sets(CORPUS, max_provisions=4))
def test_generated_rule_sets_agree_with_the_reference_evaluator(rules: Corpus) -> None:
    # The analysis raises EngineError if any sampled clause's enumerated relation differs from the evaluator's.
    found = interactions(rules, rules.reading_ids, [ReferenceEvaluator(rules)], sample=400)
    for reading in found.readings:
        assert reading.cross_checked >= 400
        for i in reading.interactions:
            assert relation(i.example, rules.provision(i.satisfied), reading.reading, rules) == i.relation
            assert relation(i.example, rules.provision(i.conflicted), reading.reading, rules) == "conflicts"


def test_an_unknown_reading_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["interactions", "--reading", "brod"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "unknown reading 'brod' (did you mean 'broad'?)" in err
