"""Run in a fresh process: check N synthetic documents and print the peak RSS as JSON.

Why a child process: peak RSS (`ru_maxrss`) only ever grows, so each size
needs a process of its own; comparing 1,000 documents with 10,000 shows
whether memory stays flat (the engine's state is emptied after each
document) or grows with the number of documents checked.

Usage: python -m benchmarks.memory_child DOCUMENTS PROVISIONS
"""

from __future__ import annotations

import json
import resource
import sys
import time

from benchmarks import corpus as synthetic


def peak_rss_kib() -> int:
    """This process's peak resident set size, in KiB.

    `VmHWM` from /proc where there is one: Linux carries `ru_maxrss` over `execve`,
    so a child started from a big parent would report the parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def main(argv: list[str]) -> int:
    from compliance.engine.durable_evaluator import DurableEvaluator

    documents, provisions = int(argv[0]), int(argv[1])
    shape = synthetic.Shape(provisions=provisions, clauses=10, savings=0.1)
    law = synthetic.corpus(shape)
    evaluator = DurableEvaluator(law)
    readings = law.readings[:1]  # one reading: the question is whether state carries over documents
    evaluator.evaluate(synthetic.document(0, shape), readings[0], law.provisions)
    after_setup = peak_rss_kib()
    start = time.perf_counter()
    findings = 0
    for document in synthetic.documents(documents, shape):
        for reading in readings:
            findings += len(evaluator.evaluate(document, reading, law.provisions))
    seconds = time.perf_counter() - start
    report = {
        "documents": documents,
        "provisions": provisions,
        "clauses_per_document": shape.clauses,
        "readings": len(readings),
        "findings": findings,
        "seconds": seconds,
        "peak_rss_after_setup_kib": after_setup,
        "peak_rss_kib": peak_rss_kib(),
    }
    print(json.dumps(report, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
