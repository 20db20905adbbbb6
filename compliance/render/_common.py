"""Words, orders and look-ups every human-readable format shares, so each is spelt one way."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from compliance.analysis.result import CheckResult, DocumentReport, ProvisionVerdict

MARK = {"satisfies": "+", "partially-satisfies": "~", "conflicts": "!", "potential-conflict": "?", "neutralised": "="}
"""One-character marks of a finding's relation, as the text report prints them."""


def status_word(status: str) -> str:
    """An instrument's status as a reader says it."""
    return "in force" if status == "in-force" else status


def verdict_rows(document: DocumentReport) -> Iterator[tuple[ProvisionVerdict, tuple[ProvisionVerdict, ...]]]:
    """Each provision once, with its verdict under every reading (same provision order in every reading)."""
    for i, first in enumerate(document.readings[0].verdicts):
        yield first, tuple(report.verdicts[i] for report in document.readings)


def binding_conflicts(document: DocumentReport) -> dict[str, int]:
    """Per reading, how many provisions in force the document conflicts with."""
    return {r.reading: sum(v.binding_conflict for v in r.verdicts) for r in document.readings}


def potential_conflicts(document: DocumentReport) -> dict[str, int]:
    """Per reading, how many provisions in force the document potentially conflicts with."""
    return {r.reading: sum(v.potential_conflict for v in r.verdicts) for r in document.readings}


def conflicts_word(count: int) -> str:
    """'1 conflict', '2 conflicts'."""
    return f"{count} conflict" + ("" if count == 1 else "s")


def conflicting_documents(result: CheckResult) -> int:
    """How many documents conflict with law in force under at least one reading."""
    return sum(any(binding_conflicts(d).values()) for d in result.documents)


def verdict_cell(verdict: ProvisionVerdict, day: str | None) -> str:
    """A verdict as a matrix cell: a reading not held on the date says so, with the date."""
    if verdict.verdict == "not-held":
        return f"not held on {day}" if day else "not held"
    return verdict.verdict


def result_line(result: CheckResult) -> str:
    """The `Result:` line, last, after a line naming the readings and authorities behind it (or left out)."""
    counted = result.counted()
    verdict = "conflicts with law in force" if counted else "no conflict with law in force"
    authorities = {r.reading: r.authorities for d in result.documents for r in d.readings}

    def named(rows: tuple) -> str:
        readings = dict.fromkeys(report.reading for _, report, _ in rows)
        return ", ".join(f"{r} [{'/'.join(authorities[r]) or '?'}]" for r in readings)

    parts = [f"readings: {', '.join(result.readings)}", f"engine: {result.evaluator}"]
    line = f"Result: {verdict} ({'; '.join(parts)})"
    basis = f"fail-on: {result.fail_on.describe()}"
    if counted:
        basis += f"; counted under {named(counted)}"
    left = result.uncounted()
    if left:
        basis += f"; not counted under {named(left)}"
    return f"  {basis}\n{line}"


def repository_path(path: str, root: Path | None) -> str | None:
    """`path` (as the report shows it, relative to the working directory) relative to the repository root.

    Why: code scanning and workflow annotations place a file by its path in the
    repository, whatever directory the check ran in; a report run from a
    sub-directory shows `../policies/x.yaml`. None when there is no root or
    the file lies outside it.
    """
    if root is None:
        return None
    relative = os.path.relpath(os.path.abspath(path), root)
    if relative == ".." or relative.startswith(".." + os.sep) or os.path.isabs(relative):
        return None
    return Path(relative).as_posix()


def uri_reference(path: str) -> str:
    """A relative path as a URI reference: each segment percent-encoded, slashes kept."""
    return quote(path, safe="/")
