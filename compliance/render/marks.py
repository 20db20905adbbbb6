"""One mark and one wording for a conflict with law not in force on the report's date, for every format.

Why its own module: a conflict with a failed bill, a statute not yet in force
or a terminated decree is reported but never fails the check. The text table,
the findings lists and the HTML matrix used to show it in the same red with
the same `!` or ✗ as a binding conflict, while Markdown marked it its own way,
so a reader could not tell from a report which conflicts count. Every format
(text, JSON, Markdown, HTML, SARIF, JUnit, GitHub annotations) spells it with
the words below, and only these.
"""

from __future__ import annotations

from compliance.analysis.result import ProvisionVerdict

MARK = "(!)"
"""The mark of a conflict that does not count: the conflict's `!`, bracketed."""

LABEL = f"{MARK} conflicts, not in force"
"""The verdict of a provision, or the relation of a finding, whose law is not in force on the date."""

LEGEND = (
    f"{MARK} marks a conflict with law not in force on the date (a failed bill, a statute not yet in force,"
    " a terminated decree): reported, does not fail the check"
)
"""The one definition a report prints, once, wherever the label appears."""

_STATUS = {"not-yet": "not yet in force", "in-force": "in force"}


def status_phrase(status: str) -> str:
    """A status on the date in words: `proposed`, `failed`, `not yet in force`."""
    return _STATUS.get(status, status)


def note(status: str) -> str:
    """Why such a conflict does not count: `failed on the date; reported, does not fail the check`."""
    return f"{status_phrase(status)} on the date; reported, does not fail the check"


def not_in_force_conflict(verdict: ProvisionVerdict) -> bool:
    """A conflict with law that is not in force on the date: shown with `LABEL`, never counted."""
    return verdict.verdict == "conflicts" and verdict.status != "in-force"


def verdict_label(verdict: ProvisionVerdict) -> str:
    """The verdict as every format names it: the verdict word, or `LABEL` for a conflict that does not count."""
    return LABEL if not_in_force_conflict(verdict) else verdict.verdict


def relation_label(relation: str, status: str) -> str:
    """A finding's relation as every format names it: `LABEL` for a conflict with law not in force."""
    return LABEL if relation == "conflicts" and status != "in-force" else relation


CELL = f"{MARK} conflicts"
"""`LABEL` where a table cell has no room for its words; a report showing it prints `LEGEND` beside the table."""
