"""A batch of policies for `check`: walk directories, check documents in a process pool, show progress.

Why here and not in analysis: these are command-line concerns (which files,
how many processes, what a terminal sees); `analysis.check` stays the one
definition of what checking a document means, and both paths call it. (Named
"batch", not "corpus": the corpus is the law, `compliance.model.corpus`.)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from compliance.loader.names import is_yaml

if TYPE_CHECKING:
    from compliance.analysis.as_of import AsOf
    from compliance.analysis.fail_on import FailOn
    from compliance.analysis.result import CheckResult, DocumentReport
    from compliance.engine.findings import Evaluator
    from compliance.errors import Problem
    from compliance.model.corpus import Corpus
    from compliance.model.policy import LoadedPolicy


def policy_paths(arguments: Iterable[Path]) -> list[Path]:
    """Files as given; a directory stands for every policy file below it, sorted by path.

    Sorting by POSIX path (not the file system's listing order) makes a
    directory run deterministic; a file named twice is checked once.
    """
    out: dict[Path, None] = {}
    for argument in arguments:
        if argument.is_dir():
            found = (p for p in argument.rglob("*") if is_yaml(p) and p.is_file())
            for path in sorted(found, key=lambda p: p.as_posix()):
                out.setdefault(path)
        else:
            out.setdefault(argument)
    return list(out)


def load_policies(paths: Sequence[Path], corpus: Corpus) -> list[LoadedPolicy]:
    """Every policy, in order of document id then path, with the problems of all bad files raised together.

    Why sorted: the same files named in another order must give byte-identical
    reports (SECURITY.md, determinism).
    """
    from compliance.errors import InputError
    from compliance.loader.corpus import load_policy

    policies: list[LoadedPolicy] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            policies.append(load_policy(path, corpus))
        except InputError as error:
            problems.extend(error.problems)
    problems.extend(duplicate_ids(policies))
    if problems:
        raise InputError(problems)
    return sorted(policies, key=lambda policy: (policy.document.id, policy.path))


def duplicate_ids(policies: Sequence[LoadedPolicy]) -> list[Problem]:
    """Two files of one run sharing a document id, located in each, naming the other.

    Why refused (as `validate` does): every report is keyed by the id, so SARIF
    would give both documents' findings the same fingerprints and the HTML the
    same element ids, and a reader could not tell the two apart.
    """
    from compliance.errors import Location, Problem

    by_id: dict[str, list[LoadedPolicy]] = {}
    for policy in policies:
        by_id.setdefault(policy.document.id, []).append(policy)
    problems = []
    for document_id, sharing in by_id.items():
        if len(sharing) < 2:
            continue
        places = [policy.id_location or Location(policy.path) for policy in sharing]
        for i, here in enumerate(places):
            others = ", ".join(str(there) for j, there in enumerate(places) if j != i)
            problems.append(
                Problem(
                    here,
                    f"duplicate document id {document_id!r}, also the id at {others}; "
                    "give each policy of one run its own id",
                    "duplicate-id",
                )
            )
    return problems


class Progress:
    """A one-line progress bar on a terminal's stderr; silent when stderr is piped or a file.

    It rewrites one line and erases it when done, so nothing of it is left
    in the report or in a log.
    """

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.on = total > 1 and self.stream.isatty()

    def advance(self, label: str) -> None:
        self.done += 1
        if not self.on:
            return
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        from compliance.render._escape import one_line  # a file name may hold control characters

        self.stream.write(f"\r\x1b[2K[{bar}] {self.done}/{self.total} {one_line(label)}"[:200])
        self.stream.flush()

    def close(self) -> None:
        if self.on:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


_WORKER: tuple[Corpus, Evaluator] | None = None


def _start_worker(corpus: Corpus, engine: str) -> None:
    """Each worker process builds its own evaluator (durable-rules state is per process).

    Ctrl-C and SIGTERM are the parent's to handle (it exits 130 or 143 quietly
    and cleans up): a worker ignores SIGINT and dies by SIGTERM's default, so
    no worker prints a traceback of its own.
    """
    import signal

    from compliance.commands._options import evaluator

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    global _WORKER
    _WORKER = (corpus, evaluator(engine, corpus))


def _check_one(
    policy: LoadedPolicy, readings: Sequence[str], as_of: AsOf, apply_unheld: bool = False
) -> DocumentReport:
    assert _WORKER is not None, "worker not started"
    corpus, evaluator = _WORKER
    return _document(corpus, evaluator, policy, readings, as_of, apply_unheld)


def _document(
    corpus: Corpus,
    evaluator: Evaluator,
    policy: LoadedPolicy,
    readings: Sequence[str],
    as_of: AsOf,
    apply_unheld: bool = False,
) -> DocumentReport:
    """One document through `analysis.check.check`, the one entry point both paths share."""
    from compliance.analysis import check

    return check.check(corpus, evaluator, [policy], readings, as_of, apply_unheld=apply_unheld).documents[0]


def run_check(
    corpus: Corpus,
    engine: str,
    policies: Sequence[LoadedPolicy],
    readings: Sequence[str],
    jobs: int,
    as_of: AsOf,
    fail_on: FailOn | None = None,
    apply_unheld: bool = False,
) -> CheckResult:
    """Check every document, in `jobs` processes when more than one; results in input order either way."""
    from compliance.analysis.fail_on import FailOn
    from compliance.analysis.result import CheckResult
    from compliance.commands._options import evaluator

    rule = fail_on or FailOn()
    progress = Progress(len(policies))
    try:
        if jobs <= 1 or len(policies) <= 1:
            chosen = evaluator(engine, corpus)
            documents = []
            for policy in policies:
                documents.append(_document(corpus, chosen, policy, readings, as_of, apply_unheld))
                progress.advance(policy.path)
            return CheckResult(tuple(documents), tuple(readings), chosen.name, as_of, rule)
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        workers = min(jobs, len(policies))
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(corpus, engine)) as pool:
            futures = [pool.submit(_check_one, policy, tuple(readings), as_of, apply_unheld) for policy in policies]
            reports = []
            for policy, future in zip(policies, futures, strict=True):
                reports.append(future.result())
                progress.advance(policy.path)
        return CheckResult(tuple(reports), tuple(readings), engine, as_of, rule)
    finally:
        progress.close()
