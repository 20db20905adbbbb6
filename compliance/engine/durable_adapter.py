"""The one module that imports durable-rules.

Everything the rest of the project needs from the engine is two calls:
`register` a ruleset given as data, and `run` a batch of facts to get back
which rules fired on which facts. This module owns the engine's sharp
edges (ENGINEERING.md): no timer threads, one state per run emptied
afterwards, the 512-constant hang refused, and one lock because concurrent
use of a ruleset crashes the process.

Why the C core directly: durable-rules' Python `Host` wraps every firing in
a `Closure`, a `Promise`, a clock read and a JSON round trip of the state
(most of the time a check took, profiled here), raises away a whole batch
when one fact matches no rule, and starts two polling threads per host. The
core's own calls (`create_ruleset`, `assert_facts`, `start_action_for_state`,
`complete_and_start_action`, `retract_facts`) are the same engine without
that wrapper; every rule carries a `cap`, so one action hands back all of
that rule's matches in a batch instead of one firing per round trip.
"""

from __future__ import annotations

import itertools
import json
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import durable_rules_engine as core  # durable-rules' C core, shipped in the durable-rules wheel

from compliance.engine import headroom
from compliance.engine.capacity import MAX_CONSTANTS, describe, widest
from compliance.errors import EngineError, EngineFailure, ResourceError

# Every run uses durable-rules' default state, "0" (the id a fact without `sid` gets), and
# retracts what it asserted, so facts carry no `sid` of their own.

CAP: Final = 60000
"""Matches handed back per action (durable-rules stores `cap` in 16 bits)."""

_HANDLED, _NOT_HANDLED, _OBSERVED = 0, 1, 2
"""Result codes of the core's assert calls (rules.h); 1 means some fact matched no rule."""


@dataclass(frozen=True)
class Match:
    """One rule firing: the rule's name and the id of the fact bound to each pattern."""

    rule: str
    facts: tuple[tuple[str, str], ...]

    def fact(self, alias: str) -> str:
        """The id of the fact bound to a pattern alias."""
        return dict(self.facts)[alias]


def fnv1a_32(text: str) -> int:
    """The hash durable-rules keys a fact by: 32-bit FNV-1a over its id's UTF-8 bytes (rules.c).

    Two ids of one batch with the same hash are one fact to the engine: the second is
    "asserted twice" (result code 2), so `hash_distinct` keeps every batch injective.
    """
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def hash_distinct(ids: Sequence[str]) -> list[str]:
    """Ids for a batch whose FNV-1a hashes are pairwise distinct: each id itself when its hash
    is free, else the id with the first `~k` suffix whose hash and text are both unused. An
    id given twice is kept twice, so a duplicate fact still fails loudly.

    Why here and not in the callers: any scheme of readable ids collides somewhere (the
    savings join's `f2.709` and `f22.40` do), and only the engine's hash decides; checking
    the batch against it is linear and the renaming is undone before matches leave `run`.
    """
    taken = set(ids)
    hashes: set[int] = set()
    given: set[str] = set()
    out = []
    for fact_id in ids:
        if fact_id in given:  # the same id twice is the caller's mistake: the engine says so
            out.append(fact_id)
            continue
        given.add(fact_id)
        token, k = fact_id, 0
        while (h := fnv1a_32(token)) in hashes or (token != fact_id and token in taken):
            k += 1
            token = f"{fact_id}~{k}"
        hashes.add(h)
        taken.add(token)
        out.append(token)
    return out


def _restore(matches: list[Match], renamed: dict[str, str]) -> list[Match]:
    """Matches with the caller's fact ids in place of the ones `hash_distinct` chose."""
    if not renamed:
        return matches
    return [Match(m.rule, tuple((alias, renamed.get(fid, fid)) for alias, fid in m.facts)) for m in matches]


@dataclass(frozen=True)
class _Ruleset:
    handle: int
    aliases: dict[str, tuple[str, ...]]
    content: str


class DurableHost:
    """Registers rulesets once and runs batches of facts through them, one at a time."""

    def __init__(self, limit: int = MAX_CONSTANTS) -> None:
        self._limit = limit
        self._lock = threading.Lock()
        self._rulesets: dict[str, _Ruleset] = {}
        self._by_content: dict[str, str] = {}
        self._names = itertools.count()
        self._broken: set[str] = set()
        self._prefix = f"h{id(self):x}-"  # names only label rulesets (the core keys them by handle)
        # The core never frees a ruleset by itself: each host over the bundled law holds about 20 MB
        # of C memory, so a process that makes many hosts (a test suite, a library user checking
        # corpus after corpus, `check` in-process) grows by that much per host. Free them when the
        # host is collected; not at interpreter exit, where the OS takes the memory back faster.
        weakref.finalize(self, _free, self._rulesets, self._broken).atexit = False

    def register(self, rules: dict[str, dict[str, Any]]) -> str:
        """Register a ruleset given as data; returns its name. Refuses one that would hang.

        A ruleset with the same content as one registered before is not registered again:
        readings that leave a group of provisions alone compile it to the same rules, and
        durable-rules takes about 0.1 ms per rule to register (most of a short check). A
        ruleset retired by an engine failure is never handed out again: it is registered anew.
        """
        definition = {name: {"all": rule["all"], "cap": CAP} for name, rule in rules.items()}
        text = json.dumps(definition, ensure_ascii=False, sort_keys=True)
        if text in self._by_content:
            return self._by_content[text]
        prop, count = widest(rules)
        if count > self._limit:
            raise EngineError(
                f"refusing a ruleset with {describe(prop, count)}: "
                f"durable-rules hangs past 512 (limit here {self._limit}); partition it"
            )
        name = f"{self._prefix}ruleset{next(self._names)}"
        aliases = {rule_name: tuple(alias for p in rule["all"] for alias in p) for rule_name, rule in rules.items()}
        headroom.ensure(headroom.REGISTER_BYTES_PER_BYTE * len(text), f"registering a ruleset of {len(rules)} rules")
        with self._lock:
            try:
                handle = core.create_ruleset(name, text)
            except Exception as error:  # the C core reports bad definitions as bare errors
                if isinstance(error, MemoryError) or not str(error):  # an allocation failed: not the rules' fault
                    raise ResourceError(
                        "durable-rules ran out of memory registering a ruleset; raise the memory limit "
                        "(ulimit -v) or use --engine reference"
                    ) from error
                raise EngineError(f"durable-rules rejected a compiled ruleset: {error}") from error
        self._rulesets[name] = _Ruleset(handle, aliases, text)
        self._by_content[text] = name
        return name

    def run(self, ruleset: str, facts: Sequence[dict[str, Any]]) -> list[Match]:
        """Assert facts, collect every rule that fires, then retract them all."""
        return [match for _, matches in self.run_each([ruleset], facts) for match in matches]

    def run_each(self, rulesets: Sequence[str], facts: Sequence[dict[str, Any]]) -> list[tuple[str, list[Match]]]:
        """Run the same facts through each ruleset in turn: (ruleset, matches) for each.

        The facts are written as JSON once for all the rulesets (a corpus of 2,000
        provisions takes about 30). A fact that matches no rule is simply not stored (the
        core reports it and goes on with the rest of the batch). Every run uses the same
        state and leaves it empty: `delete_state` after a join has partial matches
        corrupts the C heap, and a fresh state id per run grows memory without bound
        (both measured here), while retracting what was asserted keeps memory flat and
        runs independent.
        """
        if not facts:
            return [(ruleset, []) for ruleset in rulesets]
        names = [str(f["id"]) for f in facts]
        tokens = hash_distinct(names)
        renamed = {token: name for token, name in zip(tokens, names, strict=True) if token != name}
        if renamed:
            facts = [f if t == n else {**f, "id": t} for f, t, n in zip(facts, tokens, names, strict=True)]
        batch = json.dumps(facts, ensure_ascii=False)
        headroom.ensure(headroom.ASSERT_BYTES_PER_BYTE * len(batch), f"asserting {len(facts)} facts")
        retraction = json.dumps([{"id": f["id"]} for f in facts])  # a fact is found by its id alone
        out = []
        with self._lock:
            for ruleset in rulesets:
                registered = self._rulesets[ruleset]
                if ruleset in self._broken:
                    raise EngineFailure(f"{ruleset} is unusable after an earlier engine failure")
                try:
                    out.append((ruleset, _restore(self._fire(registered, batch), renamed)))
                except EngineFailure:  # the state may hold half a batch: never trust this ruleset again
                    self._broken.add(ruleset)
                    self._by_content.pop(registered.content, None)  # registering it again gives a fresh one
                    raise
                finally:
                    core.retract_facts(registered.handle, retraction)
        return out

    def _fire(self, registered: _Ruleset, batch: str) -> list[Match]:
        try:
            code, state = core.assert_facts(registered.handle, batch)
        except MemoryError as error:
            raise ResourceError("durable-rules ran out of memory asserting facts; raise the memory limit") from error
        except Exception as error:  # e.g. error 303, the core's 64-entry match stack overflowing
            raise EngineFailure(f"durable-rules failed on a batch of facts: {error}") from error
        if code == _OBSERVED:
            raise EngineFailure("the same fact was asserted twice")
        if code not in (_HANDLED, _NOT_HANDLED):
            raise EngineFailure(f"durable-rules returned an unexpected result code {code}")
        fired: list[Match] = []
        try:
            started = core.start_action_for_state(registered.handle, state)
            message = started[1] if started else None
            while message:
                for rule, results in json.loads(message).items():
                    aliases = registered.aliases[rule]
                    for result in results if isinstance(results, list) else [results]:
                        fired.append(Match(rule, tuple((alias, str(result[alias]["id"])) for alias in aliases)))
                message = core.complete_and_start_action(registered.handle, state)
        except Exception as error:
            raise EngineFailure(f"durable-rules failed while handing back matches: {error}") from error
        return fired


def _free(rulesets: dict[str, _Ruleset], broken: set[str]) -> None:
    """Free the C memory of a collected host's rulesets (`delete_ruleset`: the rule network and its pools).

    Measured over the bundled law: 40 hosts in turn peaked at 1.3 GB without this and about
    a quarter of that with it. The rest is each ruleset's state, which only `delete_state`
    frees, and that is not called: it crashed the process (a segmentation fault in
    `compliance check`) even on states whose facts had all been retracted. A ruleset retired
    by an engine failure may be in the middle of a batch: those few are left allocated.
    """
    for name in [name for name in rulesets if name not in broken]:
        core.delete_ruleset(rulesets.pop(name).handle)
