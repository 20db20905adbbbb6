"""durable-rules' C core never frees a ruleset by itself: a host frees its own when it is collected.

Without that, every DurableEvaluator over the bundled law kept about 20 MB of C memory for the
rest of the process; the test suite, which makes hundreds of evaluators, peaked near 3 GiB.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from compliance.engine.durable_adapter import DurableHost

ROOT = Path(__file__).resolve().parent.parent

RULES = {"r": {"all": [{"m": {"$and": [{"kind": "clause"}, {"action": "a"}]}}], "run": "r"}}


def test_a_collected_host_frees_its_rulesets() -> None:
    host = DurableHost()
    name = host.register(RULES)
    assert [m.rule for m in host.run(name, [{"id": "c1", "kind": "clause", "action": "a"}])] == ["r"]
    registered = host._rulesets  # the finalizer empties this mapping once it has freed every entry
    del host
    gc.collect()
    assert registered == {}


def test_a_broken_ruleset_is_left_alone_when_freeing() -> None:
    """`delete_state` on a state that may hold half a batch corrupts the C heap: never risked."""
    host = DurableHost()
    name = host.register(RULES)
    host._broken.add(name)
    registered = host._rulesets
    del host
    gc.collect()
    assert list(registered) == [name]  # kept, not freed


MEMORY_SCRIPT = """
from pathlib import Path
from compliance.engine.durable_evaluator import DurableEvaluator
from compliance.loader.corpus import load_corpus, load_policy

def resident():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

def run(corpus, policy):
    evaluator = DurableEvaluator(corpus)
    for reading in corpus.readings:
        assert evaluator.evaluate(policy, reading, corpus.provisions)
    return evaluator

corpus = load_corpus(Path("rules"))
policy = load_policy(Path("policies/nopd-41.6.1-2016.yaml"), corpus).document
run(corpus, policy)  # the first run pays for what every later one reuses (imports, caches)
start = resident()
kept = run(corpus, policy)
one = resident() - start  # what one evaluator holds while it is in use
del kept
for _ in range(29):
    run(corpus, policy)
print(one, resident() - start)
"""


def test_thirty_evaluators_in_turn_do_not_keep_thirty_evaluators_of_memory() -> None:
    """In a child process (Linux: /proc), so the figures are this loop's alone: the resident memory
    one evaluator over the bundled law leaves behind, and thirty in turn. Kept, thirty would cost
    thirty times one; freed, only what deleting a ruleset leaves (its state's tables) adds up."""
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr
    one, thirty = map(int, done.stdout.split())
    assert one > 0
    assert thirty < 15 * one, f"one evaluator left {one} kB resident, thirty in turn {thirty} kB"
