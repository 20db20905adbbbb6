"""The one module that imports durable-rules.

Everything the rest of the project needs from the engine is two calls:
`register` a ruleset given as data, and `run` a batch of facts to get back
which rules fired on which facts. This module owns the engine's sharp
edges (ENGINEERING.md): a private host with no timer threads, unique state
per run deleted afterwards, exceptions raised inside actions surfaced
instead of swallowed, the 512-constant hang refused, and one lock because
concurrent use of a ruleset crashes the process.
"""

from __future__ import annotations

import copy
import itertools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from durable import engine as durable

from compliance.engine.limits import MAX_CONSTANTS, describe, widest
from compliance.errors import EngineError, EngineFailure

_STATE = "0"
"""The one state id every run uses; each run retracts what it asserted."""


@dataclass(frozen=True)
class Match:
    """One rule firing: the rule's name and the id of the fact bound to each pattern."""

    rule: str
    facts: tuple[tuple[str, str], ...]

    def fact(self, alias: str) -> str:
        """The id of the fact bound to a pattern alias."""
        return dict(self.facts)[alias]


class _QuietHost(durable.Host):
    """A host whose actions are looked up in a table and which starts no timer threads.

    The stock host polls every ruleset from two background threads; actions
    then run concurrently with `assert_facts`, which this project never wants.
    """

    def __init__(self, actions: Callable[[str], Callable[[Any], None]]) -> None:
        self._lookup = actions
        super().__init__()

    def _run(self) -> None:  # no background dispatch: actions run inside assert_facts
        return None

    def get_action(self, action_name: str) -> Callable[[Any], None]:
        return self._lookup(action_name)


class DurableHost:
    """Registers rulesets once and runs batches of facts through them, one at a time."""

    def __init__(self, limit: int = MAX_CONSTANTS) -> None:
        self._limit = limit
        self._lock = threading.Lock()
        self._aliases: dict[str, tuple[str, ...]] = {}
        self._fired: list[Match] = []
        self._names = itertools.count()
        self._broken: set[str] = set()
        self._host = _QuietHost(self._action)

    def _action(self, rule: str) -> Callable[[Any], None]:
        aliases = self._aliases[rule]

        def record(closure: Any) -> None:
            bound = tuple((alias, str(getattr(closure, alias)["id"])) for alias in aliases)
            self._fired.append(Match(rule, bound))

        return record

    def register(self, rules: dict[str, dict[str, Any]]) -> str:
        """Register a ruleset given as data; returns its name. Refuses one that would hang."""
        prop, count = widest(rules)
        if count > self._limit:
            raise EngineError(
                f"refusing a ruleset with {describe(prop, count)}: "
                f"durable-rules hangs past 512 (limit here {self._limit}); partition it"
            )
        name = f"ruleset{next(self._names)}"
        for rule_name, rule in rules.items():
            self._aliases[rule_name] = tuple(alias for pattern in rule["all"] for alias in pattern)
        with self._lock:
            try:
                self._host.register_rulesets({name: copy.deepcopy(rules)})
            except Exception as error:  # the C core reports bad definitions as bare errors
                raise EngineError(f"durable-rules rejected a compiled ruleset: {error}") from error
        return name

    def run(self, ruleset: str, facts: Sequence[dict[str, Any]]) -> list[Match]:
        """Assert facts, collect every rule that fires (in firing order), then retract them all.

        Every run uses the same state id and leaves it empty: `delete_state` after a
        join has partial matches corrupts the C heap, and a fresh state id per run
        grows memory without bound (both measured here), while retracting what was
        asserted keeps memory flat and runs independent.
        """
        if not facts:
            return []
        with self._lock:
            if ruleset in self._broken:
                raise EngineFailure(f"{ruleset} is unusable after an earlier engine failure")
            batch = [{**fact, "sid": _STATE} for fact in facts]
            self._fired = []
            try:
                result = self._host.assert_facts(ruleset, batch)
            except durable.MessageNotHandledException as error:
                self._broken.add(ruleset)
                raise EngineFailure(f"a fact matched no rule, so the engine ran no action: {error}") from error
            except durable.MessageObservedException as error:
                self._broken.add(ruleset)
                raise EngineFailure(f"the same fact was asserted twice: {error}") from error
            finally:
                fired, self._fired = self._fired, []
            self._host.retract_facts(ruleset, batch)
            if isinstance(result, dict) and "exception" in result:
                # The engine keeps the exception in the state and may hold the batch's other
                # actions: every later run would fail again or fire stale matches (measured).
                self._broken.add(ruleset)
                raise EngineFailure(f"an engine action failed: {result['exception']}")
        return fired
