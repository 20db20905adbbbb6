"""Bounded work on every valid input, and engine faults named as faults (issue 19, items 7-18).

Each shape of `benchmarks/shapes.py` runs in a child process with a timeout and an
address-space cap, so a quadratic or exponential path fails here by running out of
either instead of stalling the suite; the sizes are those that took minutes or
gigabytes before and take well under two seconds now. Nothing asserts a time: the
timeout only stops a run that has gone wrong (the growth is measured by
`benchmarks/run.py --only bounded`).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import shapes

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30.0
"""Seconds a child may take: generous for a loaded machine, far below what the old paths took."""
MEMORY = 1 << 30
"""Bytes of address space a child may map (the fixed shapes need a fraction of it)."""


def _cap(memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def run(case: shapes.Case, *extra: str, memory: int = MEMORY) -> subprocess.CompletedProcess[str]:
    """`compliance <case.argv> <extra>` in a child with a timeout and a memory cap."""
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *case.argv, *extra],
        cwd=case.root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=lambda: _cap(memory),
        check=False,
    )


def _report(result: subprocess.CompletedProcess[str]) -> dict:
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    report.pop("evaluator", None)
    return report


def both_engines_agree(case: shapes.Case) -> dict:
    """Run a case under both engines; their JSON reports must be equal but for the engine's name."""
    durable, reference = run(case, "--engine", "durable"), run(case, "--engine", "reference")
    assert "Traceback" not in durable.stderr + reference.stderr
    assert durable.returncode == reference.returncode, (durable.stderr, reference.stderr)
    found = _report(durable)
    assert found == _report(reference)
    return found


def test_conflict_points_whose_engine_hashes_collide_are_both_joined(tmp_path: Path) -> None:
    """Item 18: `f2.709` and `f22.40` are one fact to durable-rules' FNV-1a; the savings join
    asserted both and ended in exit 3 "the same fact was asserted twice" (the adapter's own
    test holds the hash check: tests/test_durable_adapter.py)."""
    both_engines_agree(shapes.shape_fact_hash(tmp_path))


def test_a_clause_naming_300_tested_roots_gets_the_same_verdict_from_both_engines(tmp_path: Path) -> None:
    """Item 15: the clause needs 300 index flags, more than a durable-rules fact holds; it is sent
    as several facts (one per share of the flags) instead of an unlocated exit 2."""
    both_engines_agree(shapes.shape_wide_fact(tmp_path, 300))


def test_too_many_tolerated_conditions_are_refused_alike_and_located(tmp_path: Path) -> None:
    """Item 15: 260 tolerated conditions; both engines (and `validate`) refuse the 201st, where it is written."""
    case = shapes.shape_tolerated_conditions(tmp_path, 260)
    outputs = [run(case, "--engine", engine) for engine in ("durable", "reference")]
    validated = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "validate", "--no-bundled-rules", "--rules", "rules"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    for result in (*outputs, validated):
        assert result.returncode == 2, result.stderr
        (line,) = result.stderr.splitlines()
        assert line.startswith("rules/law.yaml:") and "'c200'" in line and "limit of 200" in line
        assert line.endswith("[too-many-conditions]")


def test_two_hundred_tolerated_conditions_are_run_by_both_engines(tmp_path: Path) -> None:
    """The limit's edge: 200 tolerated conditions fit a durable-rules fact with room to spare."""
    both_engines_agree(shapes.shape_tolerated_conditions(tmp_path, 200))


def test_a_chain_of_ten_thousand_action_terms_is_checked_in_linear_memory(tmp_path: Path) -> None:
    """Item 7: every term's closure, the cycle check and the index keys were quadratic in a chain
    (10,000 terms needed over 2 GB); now each is one walk, under a 1 GiB cap."""
    both_engines_agree(shapes.shape_vocabulary_chain(tmp_path, 10_000))


def test_a_long_cycle_is_reported_at_every_term_on_it_and_nowhere_else(tmp_path: Path) -> None:
    """Item 7's cycle check, one walk per term: a 12,000-term cycle with a tail hanging below it
    (walking up from every term took 144 million steps)."""
    n = 12_000
    actions = [(f"t{i}", f"t{(i - 1) % n}") for i in range(n)] + [("tail", "t5"), ("root", None)]
    shapes.write(tmp_path, shapes.vocabulary(actions), [], [])
    result = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "validate", "--no-bundled-rules", "--rules", "rules"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=lambda: _cap(MEMORY),
        check=False,
    )
    assert result.returncode == 2
    cycles = [line for line in result.stderr.splitlines() if line.endswith("[cycle]")]
    assert len(cycles) == n and not any("'tail'" in line or "'root'" in line for line in cycles)


def test_links_written_against_their_chain_are_closed_in_one_pass(tmp_path: Path) -> None:
    """Item 8: 4,000 links, each including the term the next one is about, written last first:
    closing a clause's scope took one pass over all the links per term it gained."""
    both_engines_agree(shapes.shape_reverse_links(tmp_path, 4000))


def test_five_hundred_savings_clauses_are_matched_by_index(tmp_path: Path) -> None:
    """Item 9: one prohibiting clause over an action with 300 children and 500 savings clauses
    each preserving the whole action (the engine's join compared every pair of points: 150,000
    saving points against 301 conflict points); together they neutralise the conflict."""
    report = both_engines_agree(shapes.shape_savings_join(tmp_path, 500))
    assert report["exit_code"] == 0 and '"neutralised"' in json.dumps(report)


def test_diff_pairs_five_long_clauses_by_their_words(tmp_path: Path) -> None:
    """Item 12: five renumbered clauses of 19,000 characters (difflib's ratio took over 300 s);
    past 2,000 characters texts are compared as word multisets, and each finds its version."""
    case = shapes.shape_diff_long(tmp_path, 19_000)
    result = run(case)
    assert result.returncode == 0, result.stderr
    matched = [c for c in json.loads(result.stdout)["clauses"] if c["matched_by"] == "text"]
    assert sorted((c["old"], c["new"]) for c in matched) == [(f"o{k}", f"n{k}") for k in range(5)]
    assert all(0.9 < c["similarity"] < 1 for c in matched)


def test_long_and_short_texts_share_one_similarity_scale() -> None:
    """The word-multiset ratio agrees with difflib where both apply to a reordering-free edit."""
    from compliance.analysis.diff import LONG_TEXT, text_similarity

    short = "the officers shall not ask about status"
    long_a = " ".join([short] * (LONG_TEXT // len(short) + 1))
    assert text_similarity(long_a, long_a) == 1.0
    assert text_similarity(long_a, long_a.replace("status", "papers")) == pytest.approx(1 - 1 / 7, abs=0.01)
    assert text_similarity(short, short) == 1.0 and text_similarity(short, "x y z") < 0.6


@pytest.mark.parametrize("gaps", [7, 33])
def test_a_phrase_of_many_gaps_is_matched_in_linear_time(tmp_path: Path, gaps: int) -> None:
    """Item 17: "x ... x ... y" with `gaps` gaps (33 is the most the 200-character phrase limit
    allows) against sixty words "x": the matcher backtracked through every placement of the
    x's (82 s at seven gaps); memoised on (word, position) it is linear in the text."""
    result = run(shapes.shape_phrase_gaps(tmp_path, 60, gaps))
    assert result.returncode == 2 and "Traceback" not in result.stderr  # nothing to draft: no "y"
    assert "UNCLASSIFIED: no modality and no action found" in result.stderr


def test_the_memoised_matcher_finds_what_backtracking_found() -> None:
    """Same first match for each start: fewest words skipped, earliest word first."""
    from compliance.draft.cues import Pattern, tokens

    words = tokens("send x y send a b information z send information on status information")
    pattern = Pattern.compile("send ... information")
    assert pattern.find(words) == [(0, 6), (3, 6), (8, 9)]
    assert Pattern.compile("x ... x ... y").find(tokens("x x x q y x y")) == [(0, 1, 4), (1, 2, 4), (2, 5, 6)]


@pytest.mark.parametrize("conditions", [22, 64])
def test_interactions_over_many_conditions_work_on_their_classes(tmp_path: Path, conditions: int) -> None:
    """Item 11: 22 conditions made 4 million exception sets (MemoryError, exit 3); the tolerance
    classes are the AND-closure of the conditions' own masks, and the sample is unranked by index
    (64 conditions: 2^64 subsets, more than `len()` can count)."""
    result = run(shapes.shape_interactions(tmp_path, 5, conditions))
    assert result.returncode == 0, result.stderr
    readings = json.loads(result.stdout)["readings"]
    assert readings[0]["classes"] > 0 and readings[0]["cross_checked_clauses"] > 0


def test_a_clause_space_past_the_limit_is_refused_where_the_vocabulary_is(tmp_path: Path) -> None:
    """Item 11: 40 terms per category (2.56 million combinations) took 81 s and 1 GB; it stops at the
    declared limit, located at the vocabulary, naming the flag that raises it."""
    case = shapes.shape_interactions(tmp_path, 40)
    result = run(case)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{tmp_path / 'rules' / 'vocabulary.yaml'}: error: ")
    assert "2,560,000 term combinations" in line and "--max-combinations 2560000" in line
    assert line.endswith("[too-many-combinations]")
    small = shapes.shape_interactions(tmp_path / "small", 12)  # 20,736: just past the default
    assert run(small).returncode == 2
    assert run(small, "--max-combinations", "20736", "--no-cross-check").returncode == 0


@pytest.mark.parametrize("mebibytes", [60, 120, 200])
def test_memory_exhaustion_is_a_resource_error_never_a_crash_or_bad_input(tmp_path: Path, mebibytes: int) -> None:
    """Item 14: 1,000 provisions under a tight address-space limit died with SIGSEGV (200 MiB) or
    exited 2 "durable-rules rejected a compiled ruleset: " (120 MiB): the adapter now checks the
    room left before the C core allocates, and memory running out anywhere exits 4, named."""
    result = run(shapes.shape_many_provisions(tmp_path), memory=mebibytes << 20)
    assert result.returncode in (1, 4), result.stderr
    assert "Traceback" not in result.stderr and "rejected" not in result.stderr
    if result.returncode == 4:
        assert result.stderr.startswith("compliance: out of resources: ") and "memory" in result.stderr
    if mebibytes < 200:
        assert result.returncode == 4


def test_suggest_on_320_clauses_stops_at_its_declared_limit(tmp_path: Path) -> None:
    """Item 13: 320 clauses (3,296 conflicts under the bundled readings) took 99 s through
    durable-rules; past 250 conflicts suggest stops, located at the policy, naming its flag.
    (3,244 now, potential conflicts included: DOJ's link reaches § 1373(b)(1) only, not the
    Louisiana provisions its old unscoped link did.)"""
    result = run(shapes.shape_suggest(tmp_path, 320))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("policy.yaml: error: the policy has 3,244 conflicts")
    assert "--max-conflicts 3244" in line and line.endswith("[too-many-conflicts]")


def test_suggest_just_under_its_limit_agrees_across_engines(tmp_path: Path) -> None:
    """24 clauses, 242 conflicts (246 before DOJ's link was scoped to § 1373(b)(1); potential conflicts
    included): verified edit by edit, only the clauses an edit can change are evaluated again, and both
    engines suggest and verify the same edits."""
    case = shapes.shape_suggest(tmp_path, 24)
    reports = [run(case, "--engine", engine) for engine in ("durable", "reference")]
    assert all(r.returncode in (0, 1) for r in reports), [r.stderr for r in reports]
    durable, reference = (json.loads(r.stdout) for r in reports)
    assert len(durable["conflicts"]) == 242 and durable["edits"]
    assert json.dumps(durable).replace('"durable"', '"reference"') == json.dumps(reference)
