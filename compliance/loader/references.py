"""Cross-reference checks: every term, provision and reading named must exist.

Pydantic checks each file's shape; this module checks what one file says
about another (a norm naming an action, a reading widening a provision) and
reports every dangling name at its own line and column, with a suggestion.

Why the checks read the raw tree and not the validated model: a file with one
schema error would otherwise hide all its reference errors until the author
fixed the first and ran again. Reading names straight from the loaded tree
lets `validate` report both at once; a value of the wrong shape is skipped
here, since the schema check already reports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from compliance.errors import Location, Problem, suggestion_for
from compliance.loader.yaml_safe import Loaded

Path = tuple[str | int, ...]


def locate(loaded: Loaded, path: Path) -> Location:
    """The location of the node at `path`, or of its nearest recorded ancestor."""
    for end in range(len(path), -1, -1):
        found = loaded.marks.get(path[:end])
        if found is not None:
            return found
    return Location(loaded.path)


def raw(loaded: Loaded, path: Path) -> object:
    """The raw value at `path` in the loaded tree, or None where the path does not exist."""
    value: object = loaded.value
    for part in path:
        in_list = isinstance(part, int) and isinstance(value, list) and 0 <= part < len(value)
        in_mapping = isinstance(part, str) and isinstance(value, dict) and part in value
        if not (in_list or in_mapping):
            return None
        value = value[part]  # type: ignore[index]
    return value


def mappings(loaded: Loaded, path: Path) -> list[tuple[int, dict[str, object]]]:
    """The (index, mapping) items of the list at `path`; anything else there yields nothing."""
    items = raw(loaded, path)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def text(loaded: Loaded, path: Path) -> str | None:
    """The string at `path`, or None if there is none."""
    value = raw(loaded, path)
    return value if isinstance(value, str) else None


def written_terms(loaded: Loaded, path: Path) -> list[tuple[Path, str]]:
    """The names written at `path` with each one's own path: one term alone, or a list of them."""
    value = raw(loaded, path)
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [((*path, i), item) for i, item in enumerate(value) if isinstance(item, str)]
    return []


@dataclass
class ReferenceChecker:
    """Collects located problems for names that do not resolve."""

    problems: list[Problem] = field(default_factory=list)

    def names(self, loaded: Loaded, path: Path, values: Sequence[str], known: Iterable[str], what: str) -> None:
        """Check each name in `values` (written at `path`) against the known ones."""
        choices = _as_set(known)
        for index, value in enumerate(values):
            if value not in choices:
                self.unknown(locate(loaded, (*path, index)), value, choices, what)

    def terms(self, loaded: Loaded, path: Path, known: Iterable[str], what: str) -> None:
        """Check the names written at `path` in the raw tree (a term alone or a list)."""
        choices = _as_set(known)
        for where, value in written_terms(loaded, path):
            if value not in choices:
                self.unknown(locate(loaded, where), value, choices, what)

    def unknown(self, at: Location, value: str, choices: set[str] | frozenset[str], what: str) -> None:
        """Report a name that resolves to nothing, with the closest known one."""
        message = f"unknown {what} {value!r}"
        self.problems.append(Problem(at, message, "unknown-reference", suggestion_for(value, choices)))

    def duplicate(self, at: Location, what: str, name: str, first: Location) -> None:
        """Report a name defined twice."""
        self.problems.append(Problem(at, f"duplicate {what} {name!r}; first defined at {first}", "duplicate-id"))


def _as_set(known: Iterable[str]) -> set[str] | frozenset[str]:
    """The known names as a set, the caller's own when it is one: the vocabulary check asks once
    per term, and copying every term's category each time was quadratic in its size."""
    return known if isinstance(known, (set, frozenset)) else set(known)


def without_echoes(problems: Iterable[Problem]) -> list[Problem]:
    """Drop a reference problem at the very place a schema problem already points at.

    A value such as `action: Send_Info` is both a malformed id and an unknown
    term; the author needs to hear it once, and the schema message says more.
    """
    problems = list(dict.fromkeys(problems))
    schema = {p.location for p in problems if p.code == "schema"}
    return [p for p in problems if not (p.code == "unknown-reference" and p.location in schema)]
