"""The adapter's contract with durable-rules' C core, one engine trap per test.

The adapter drives the core directly (ENGINEERING.md lists the traps): a fact
that matches no rule must not cost the batch its other matches; each run must
leave the state empty, so the same facts can run again; capped rules must hand
back every match; identical rulesets are registered once; and a join must
never pair facts of two different runs.
"""

from __future__ import annotations

from compliance.engine.durable_adapter import DurableHost, fnv1a_32, hash_distinct


def _rule(name: str, test: dict) -> dict:
    return {name: {"all": [{"m": test}], "run": name}}


def test_a_fact_matching_no_rule_costs_the_batch_nothing() -> None:
    host = DurableHost()
    name = host.register(_rule("hit", {"kind": "a"}))
    facts = [{"id": "1", "kind": "a"}, {"id": "2", "kind": "nothing-tests-this"}, {"id": "3", "kind": "a"}]
    assert sorted(m.fact("m") for m in host.run(name, facts)) == ["1", "3"]
    assert host.run(name, [{"id": "9", "kind": "b"}]) == []


def test_runs_are_independent_and_every_capped_match_comes_back() -> None:
    host = DurableHost()
    name = host.register({**_rule("even", {"n": 0}), **_rule("odd", {"n": 1})})
    facts = [{"id": str(i), "n": i % 2} for i in range(700)]
    first = host.run(name, facts)
    again = host.run(name, facts)  # the same ids again: raises if the first run left them behind
    assert len(first) == 700 and sorted(first, key=repr) == sorted(again, key=repr)
    assert {m.rule for m in first if int(m.fact("m")) % 2} == {"odd"}


def test_identical_rulesets_are_registered_once() -> None:
    host = DurableHost()
    first = host.register(_rule("r", {"kind": "a"}))
    assert host.register(_rule("r", {"kind": "a"})) == first
    assert host.register(_rule("r", {"kind": "b"})) != first


def test_a_join_never_pairs_facts_of_different_runs() -> None:
    host = DurableHost()
    name = host.register({"pair": {"all": [{"a": {"kind": "left"}}, {"b": {"key": {"a": "key"}}}], "run": "pair"}})
    assert host.run(name, [{"id": "l1", "kind": "left", "key": "k"}]) == []
    matches = host.run(name, [{"id": "r1", "key": "k"}])
    assert matches == []  # the left fact of the previous run was retracted
    both = host.run(name, [{"id": "l2", "kind": "left", "key": "k"}, {"id": "r2", "key": "k"}])
    assert [(m.fact("a"), m.fact("b")) for m in both] == [("l2", "r2")]


def test_ids_whose_engine_hashes_collide_are_two_facts() -> None:
    """`f2.709` and `f22.40` share a 32-bit FNV-1a hash, durable-rules' fact key (issue 19, item 18)."""
    assert fnv1a_32("f2.709") == fnv1a_32("f22.40")
    host = DurableHost()
    name = host.register(_rule("hit", {"kind": "a"}))
    facts = [{"id": "f2.709", "kind": "a"}, {"id": "f22.40", "kind": "a"}, {"id": "f22.40~1", "kind": "a"}]
    assert sorted(m.fact("m") for m in host.run(name, facts)) == ["f2.709", "f22.40", "f22.40~1"]
    assert len(host.run(name, facts)) == 3  # and the renamed fact was retracted with the others


def test_hash_distinct_keeps_free_ids_and_makes_a_batch_injective() -> None:
    ids = ["f2.709", "f22.40", "f22.40~1", *(f"c{i}" for i in range(5000))]
    tokens = hash_distinct(ids)
    assert tokens[0] == "f2.709" and tokens[1] != "f22.40" and tokens[2] == "f22.40~1"
    assert len({fnv1a_32(t) for t in tokens}) == len(tokens) == len(set(tokens))
    assert all(t == i for t, i in zip(tokens[3:], ids[3:], strict=True))
