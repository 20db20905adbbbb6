"""The project's error hierarchy: every user-facing error carries a location.

A bad rule or policy file must produce `path:line:col: error: message [code]`
and exit code 2, never a traceback; anything else that escapes is a bug and
is reported as an internal error.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file; line and column count from 1."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


class ComplianceError(Exception):
    """Base of every error this project raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    location: Location
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.location}: error: {self.message} [{self.code}]"


class InputError(ComplianceError):
    """Bad input: one or more located problems. Exit code 2."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.location, p.message)))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, location: Location, message: str, code: str) -> InputError:
        """A single located problem."""
        return cls([Problem(location, message, code)])


class UsageError(ComplianceError):
    """A command line that cannot be carried out. Exit code 2."""


class EngineError(ComplianceError):
    """The rules cannot be run by the engine (a provision too wide for it). Exit code 2."""


class EngineFailure(EngineError):
    """The engine failed while running: an action raised, a fact went unhandled or was asserted twice.

    Why its own class: each would otherwise drop findings silently, and none of
    them is the user's fault, so the command line reports it as an internal
    error (exit 3, traceback with `--debug`), never as bad input.
    """


class ResourceError(ComplianceError):
    """The machine ran out of something the run needs (memory, above all). Exit code 4.

    Why its own class and code: exhaustion is neither bad input (2) nor a bug (3); the
    input may be fine on a machine with more memory, so the message says what ran out
    and what to do about it. (Issue 19 item 14; a shared code for every environment
    fault may replace this class when one lands.)
    """

    exit_code = 4


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix for a misspelt term, or nothing."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
