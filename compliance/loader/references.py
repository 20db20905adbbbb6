"""Cross-reference checks: every term, provision and reading named must exist.

Pydantic checks each file's shape; this module checks what one file says
about another (a norm naming an action, a reading widening a provision) and
reports every dangling name at its own line and column, with a suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from compliance.errors import Location, Problem, did_you_mean
from compliance.loader.yaml_safe import Loaded

Path = tuple[str | int, ...]


def locate(loaded: Loaded, path: Path) -> Location:
    """The location of the node at `path`, or of its nearest recorded ancestor."""
    for end in range(len(path), -1, -1):
        found = loaded.marks.get(path[:end])
        if found is not None:
            return found
    return Location(loaded.path)


@dataclass
class ReferenceChecker:
    """Collects located problems for names that do not resolve."""

    problems: list[Problem] = field(default_factory=list)

    def names(self, loaded: Loaded, path: Path, values: Sequence[str], known: Iterable[str], what: str) -> None:
        """Check each name in `values` (written at `path`) against the known ones."""
        choices = set(known)
        for index, value in enumerate(values):
            if value not in choices:
                at = locate(loaded, (*path, index))
                self.problems.append(
                    Problem(at, f"unknown {what} {value!r}{did_you_mean(value, choices)}", "unknown-reference")
                )

    def duplicate(self, at: Location, what: str, name: str, first: Location) -> None:
        """Report a name defined twice."""
        self.problems.append(Problem(at, f"duplicate {what} {name!r}; first defined at {first}", "duplicate-id"))
