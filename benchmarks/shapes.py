"""The adversarial shapes of issue 19 (items 7-18), written as files a command reads.

Each `shape_*` function writes a rules directory and a policy of a given size N into a
directory and returns the command-line arguments that exercise it. The regression
tests run them in a child process with a timeout and a memory cap; `bounded.py` runs
them at growing N and reports the growth exponent. Files are written as JSON, which is
YAML, so no YAML library is needed here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

URL = "https://example.org/synthetic"


@dataclass(frozen=True)
class Case:
    """A written shape: the arguments after `compliance`, run from `root`."""

    root: Path
    argv: tuple[str, ...]


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _terms(pairs: Sequence[tuple[str, str | None]]) -> list[dict[str, Any]]:
    return [{"id": t, "definition": t, **({"parent": p} if p else {})} for t, p in pairs]


def vocabulary(
    actions: Sequence[tuple[str, str | None]],
    conditions: Sequence[str] = ("c0",),
    counterparts: Sequence[str] = ("ice",),
    phrases: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """A vocabulary with the given action forest, one root for actors and persons."""
    acts = _terms(actions)
    for term in acts:
        if phrases and term["id"] in phrases:
            term["phrases"] = phrases[term["id"]]
    return {
        "version": "1",
        "actions": acts,
        "actors": _terms([("anyone", None)]),
        "persons": _terms([("any-individual", None)]),
        "counterparts": _terms([("any-counterpart", None), *((c, "any-counterpart") for c in counterparts)]),
        "conditions": _terms([(c, None) for c in conditions]),
    }


def reading(links: Sequence[tuple[str, str]] = (), provisions: Sequence[str] = ()) -> dict[str, Any]:
    """The readings file: one reading, with `links` (term -> includes), each stated for `provisions`."""
    entry: dict[str, Any] = {
        "id": "textual",
        "title": "t",
        "held-by": [{"name": "court", "authority": "court", "court": "court", "reach": ["us"]}],
        "summary": "s",
        "sources": [{"url": URL}],
    }
    if links:
        entry["links"] = [
            {"term": t, "includes": [i], "provisions": list(provisions), "why": "read broadly"} for t, i in links
        ]
    return {"readings": [entry]}


def provision(index: int, norm: dict[str, Any], example: dict[str, Any]) -> dict[str, Any]:
    """One synthetic provision with one example."""
    return {
        "id": f"p{index}",
        "cite": f"s {index}",
        "text": "t",
        "source": URL,
        "verified": False,
        "note": "synthetic",
        "binds": "anyone",
        "norm": norm,
        "examples": [{"clause": example, "expect": "conflicts"}],
    }


def law(provisions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """An instrument in force since 2000 with the given provisions."""
    instrument = {
        "id": "law",
        "kind": "federal-statute",
        "jurisdiction": "us",
        "title": "Law",
        "source": URL,
        "history": [{"status": "in-force", "date": "2000-01-01"}],
    }
    return {"instrument": instrument, "provisions": list(provisions)}


def policy(clauses: Sequence[dict[str, Any]], doc: str = "doc") -> dict[str, Any]:
    """A policy document with the given clauses (numbered from 1 unless they say)."""
    numbered = [{"number": str(n), "text": "t", **c} for n, c in enumerate(clauses, 1)]
    return {
        "id": doc,
        "title": "Doc",
        "issuer": "X",
        "issuer-kind": "anyone",
        "jurisdiction": "us/xx/example",
        "source": URL,
        "clauses": numbered,
    }


def write(
    root: Path,
    vocab: dict[str, Any],
    provisions: Sequence[dict[str, Any]],
    clauses: Sequence[dict[str, Any]],
    links: Sequence[tuple[str, str]] = (),
) -> tuple[Path, Path]:
    """A rules directory `root/rules` and a policy `root/policy.yaml`."""
    _write(root / "rules" / "vocabulary.yaml", vocab)
    _write(root / "rules" / "readings.yaml", reading(links, [p["id"] for p in provisions]))
    _write(root / "rules" / "law.yaml", law(provisions))
    return root / "rules", _write(root / "policy.yaml", policy(clauses))


def _check(root: Path, rules: Path, pol: Path, *extra: str) -> Case:
    return Case(root, ("check", "--no-bundled-rules", "--rules", str(rules), str(pol), "--format", "json", *extra))


def shape_fact_hash(root: Path, n: int = 1000) -> Case:
    """Item 18: 23 prohibiting clauses over an action with `n` children and one savings clause.

    The savings join used to assert conflict points `f<conflict>.<point>` into durable-rules;
    with 23 conflicts of over 710 points each, `f2.709` and `f22.40` were both asserted, and
    the engine's 32-bit FNV-1a hashes them alike (the adapter now keeps every batch injective).
    """
    actions = [("top", None), *((f"a{i}", "top") for i in range(n))]
    norm = {"must": "not-restrict", "action": ["top"], "counterpart": "ice"}
    clauses = [{"modality": "prohibits", "action": "top", "counterpart": "ice"} for _ in range(23)]
    clauses.append({"modality": "permits", "action": "a0", "preserves": {"action": "a0", "counterpart": "ice"}})
    rules, pol = write(
        root, vocabulary(actions), [provision(0, norm, {"modality": "prohibits", "action": "top"})], clauses
    )
    return _check(root, rules, pol)


def shape_wide_fact(root: Path, n: int = 300) -> Case:
    """Item 15: one clause naming `n` root actions, each the action of a provision (so each root
    is an index term some rule tests, and the clause carries a flag per root)."""
    actions = [(f"r{i}", None) for i in range(n)]
    provisions = [
        provision(i, {"must": "not-restrict", "action": [f"r{i}"]}, {"modality": "prohibits", "action": f"r{i}"})
        for i in range(n)
    ]
    clause = {"modality": "prohibits", "action": [f"r{i}" for i in range(n)]}
    rules, pol = write(root, vocabulary(actions), provisions, [clause, {"modality": "permits", "action": "r1"}])
    return _check(root, rules, pol)


def shape_tolerated_conditions(root: Path, n: int = 260) -> Case:
    """Item 15: `n` conditions one provision tolerates, and a provision tolerating none, whose
    `full` rule tests a flag per condition (so every clause fact carries `n` flags)."""
    conditions = [f"c{i}" for i in range(n)]
    example = {"modality": "prohibits", "action": "a"}
    provisions = [
        provision(0, {"must": "not-restrict", "action": ["a"], "tolerates": conditions}, example),
        provision(1, {"must": "not-restrict", "action": ["a"]}, example),
    ]
    clauses = [{"modality": "permits", "action": "a", "exceptions": ["c0"]}, {"modality": "permits", "action": "a"}]
    rules, pol = write(root, vocabulary([("a", None)], conditions), provisions, clauses)
    return _check(root, rules, pol)


def shape_vocabulary_chain(root: Path, n: int) -> Case:
    """Item 7: a chain of `n` action terms, each the parent of the next."""
    actions = [("t0", None), *((f"t{i}", f"t{i - 1}") for i in range(1, n))]
    norm = {"must": "not-restrict", "action": [f"t{n - 1}"]}
    clauses = [{"modality": "prohibits", "action": "t0"}]
    rules, pol = write(
        root, vocabulary(actions), [provision(0, norm, {"modality": "prohibits", "action": "t0"})], clauses
    )
    return _check(root, rules, pol)


def shape_reverse_links(root: Path, n: int) -> Case:
    """Item 8: `n` reading links written in reverse order: l_i includes l_{i+1}, listed last first."""
    actions = [(f"l{i}", None) for i in range(n + 1)]
    links = [(f"l{i}", f"l{i + 1}") for i in reversed(range(n))]
    norm = {"must": "not-restrict", "action": [f"l{n}"]}
    clauses = [{"modality": "prohibits", "action": "l0"}]
    example = {"modality": "prohibits", "action": f"l{n}"}
    rules, pol = write(root, vocabulary(actions), [provision(0, norm, example)], clauses, links)
    return _check(root, rules, pol)


def shape_savings_join(root: Path, n: int) -> Case:
    """Item 9: one prohibiting clause over an action with 300 children and `n` savings clauses."""
    actions = [("top", None), *((f"a{i}", "top") for i in range(300))]
    norm = {"must": "not-restrict", "action": ["top"], "counterpart": "ice"}
    clauses: list[dict[str, Any]] = [{"modality": "prohibits", "action": "top", "counterpart": "ice"}]
    clauses += [  # each preserves the whole action: 301 points, every one a join partner of every conflict point
        {"modality": "permits", "action": f"a{i % 300}", "preserves": {"action": "top", "counterpart": "ice"}}
        for i in range(n)
    ]
    rules, pol = write(
        root, vocabulary(actions), [provision(0, norm, {"modality": "prohibits", "action": "top"})], clauses
    )
    return _check(root, rules, pol)


def shape_many_clauses(root: Path, n: int) -> Case:
    """Item 10: `n` one-line clauses over a small vocabulary and a few provisions."""
    actions = [("top", None), *((f"a{i}", "top") for i in range(20))]
    provisions = [
        provision(i, {"must": "not-restrict", "action": [f"a{i}"]}, {"modality": "prohibits", "action": f"a{i}"})
        for i in range(20)
    ]
    modalities = ("prohibits", "permits", "requires", "restricts")
    clauses = [{"modality": modalities[i % 4], "action": f"a{i % 20}"} for i in range(n)]
    rules, pol = write(root, vocabulary(actions), provisions, clauses)
    return _check(root, rules, pol)


def shape_diff_long(root: Path, n: int) -> Case:
    """Item 12: two versions of 5 clauses of about `n` characters each, renumbered (so matched by text)."""
    actions = [("a", None)]
    rules, _ = write(
        root,
        vocabulary(actions),
        [provision(0, {"must": "not-restrict", "action": ["a"]}, {"modality": "prohibits", "action": "a"})],
        [],
    )

    def text(k: int, edited: bool) -> str:  # clause k's own words; the new version edits one in 50
        return " ".join(f"k{k}w{(i * 7919) % 997}" if not (edited and i % 50 == 0) else "new" for i in range(n // 8))

    def version(prefix: str, edited: bool) -> dict[str, Any]:
        clauses = [
            {"number": f"{prefix}{k}", "text": text(k, edited), "modality": "permits", "action": "a"} for k in range(5)
        ]
        return policy(clauses)

    old = _write(root / "old.yaml", version("o", False))
    new = _write(root / "new.yaml", version("n", True))
    return Case(root, ("diff", "--no-bundled-rules", "--rules", str(rules), str(old), str(new), "--format", "json"))


def shape_phrase_gaps(root: Path, n: int, gaps: int = 7) -> Case:
    """Item 17: a phrase "x ... x ... (gaps times) y" and a text of `n` words "x" (no match)."""
    phrase = " ... ".join(["x"] * gaps + ["y"])
    rules, _ = write(
        root,
        vocabulary([("a", None)], phrases={"a": [phrase]}),
        [provision(0, {"must": "not-restrict", "action": ["a"]}, {"modality": "prohibits", "action": "a"})],
        [],
    )
    source = root / "order.txt"
    source.write_text("Order.\n\n1. " + " ".join(["x"] * n) + ".\n", encoding="utf-8")
    return Case(root, ("draft", str(source), "--no-bundled-rules", "--rules", str(rules), "--issuer", "X"))


def shape_interactions(root: Path, terms: int, conditions: int = 6) -> Case:
    """Item 11: `terms` terms per category (a root and its children) and `conditions` conditions,
    spread over six provisions that tolerate them (condition i by provision i mod 6), so only
    the conditions grow with N, not the provisions."""
    kids = [f"k{i}" for i in range(terms - 1)]
    vocab = vocabulary([("a", None), *((f"a-{k}", "a") for k in kids)], [f"c{i}" for i in range(conditions)])
    for category, root_id in (("actors", "anyone"), ("persons", "any-individual")):
        vocab[category] = _terms([(root_id, None), *((f"{category}-{k}", root_id) for k in kids)])
    vocab["counterparts"] = _terms(
        [("any-counterpart", None), ("ice", "any-counterpart")] + [(f"cp-{k}", "any-counterpart") for k in kids[1:]]
    )
    example = {"modality": "prohibits", "action": "a"}
    provisions = [
        provision(
            i,
            {
                "must": "not-restrict",
                "action": [f"a-{kids[i % len(kids)]}" if kids else "a"],
                "tolerates": [f"c{j}" for j in range(i, conditions, 6)],
            },
            example,
        )
        for i in range(min(conditions, 6))
    ]
    provisions.append(provision(6, {"must": "prohibit", "action": ["a"]}, example))
    rules, _ = write(root, vocab, provisions, [])
    return Case(root, ("interactions", "--no-bundled-rules", "--rules", str(rules), "--format", "json"))


def shape_many_provisions(root: Path, n: int = 1000) -> Case:
    """Item 14: `n` provisions over 50 roots of 20 actions each, and one clause about a root."""
    actions = [(f"r{i}", None) for i in range(50)] + [(f"a{i}", f"r{i % 50}") for i in range(n)]
    musts = ("not-restrict", "prohibit", "require")
    provisions = [
        provision(
            i,
            {"must": musts[i % 3], "action": [f"a{i}"], "counterpart": "ice"},
            {"modality": "prohibits", "action": f"a{i}"},
        )
        for i in range(n)
    ]
    rules, pol = write(root, vocabulary(actions), provisions, [{"modality": "prohibits", "action": "r0"}])
    return _check(root, rules, pol)


BUNDLED_ACTIONS = (
    "send-status-information",
    "request-status-information",
    "inquire-status",
    "honor-detainer",
    "immigration-cooperation",
    "receive-status-information",
)


def shape_suggest(root: Path, n: int) -> Case:
    """Item 13: `n` one-line clauses over the bundled rules' actions, every modality in turn."""
    modalities = ("prohibits", "restricts", "requires", "permits")
    clauses = [{"modality": modalities[i % 4], "action": BUNDLED_ACTIONS[i % len(BUNDLED_ACTIONS)]} for i in range(n)]
    # A New Orleans police department, so that all the bundled law binds it (as the issue measured).
    data = policy(clauses) | {"issuer-kind": "police-department", "jurisdiction": "us/la/orleans"}
    return Case(root, ("suggest", str(_write(root / "policy.yaml", data)), "--format", "json"))


def shape_many_clauses_bundled(root: Path, n: int) -> Case:
    """Item 10 as reported: `n` one-line clauses checked against the bundled rules, all readings."""
    modalities = ("prohibits", "restricts", "requires", "permits")
    clauses = [{"modality": modalities[i % 4], "action": BUNDLED_ACTIONS[i % len(BUNDLED_ACTIONS)]} for i in range(n)]
    data = policy(clauses) | {"issuer-kind": "police-department", "jurisdiction": "us/la/orleans"}
    return Case(root, ("check", str(_write(root / "policy.yaml", data)), "--format", "json"))


SHAPES: dict[str, Callable[[Path, int], Case]] = {
    "vocabulary-chain": shape_vocabulary_chain,
    "reverse-links": shape_reverse_links,
    "savings-join": shape_savings_join,
    "many-clauses": shape_many_clauses,
    "diff-long": shape_diff_long,
    "phrase-gaps": shape_phrase_gaps,
}
"""The shapes whose cost must grow near-linearly in N, by name."""
