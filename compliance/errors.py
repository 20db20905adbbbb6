"""The project's error tree: every error class says its exit code, every input error its location.

A bad rule or policy file must produce `path:line:col: error: message [code]`
and exit code 2, never a traceback. The tree has three branches, told apart by
class, never by the order of `except` clauses:

- `BadInput` (exit 2): `InputError` (located problems), `UsageError`, `EngineError`
  (rules the engine cannot run);
- `InternalError` (exit 3, a bug in compliance): `EngineFailure`, `PatchError`,
  `DraftInvalid`;
- `EnvironmentFault` (exit 4): the machine, not the input nor the code.

Anything else that escapes is a bug and is reported as an internal error.
A "did you mean" is data (`suggestion`), so JSON and SARIF can carry it; the
text form appends it to the message.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from compliance.exit_codes import ExitCode


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


def suggestion_for(word: str, choices: Iterable[str]) -> str | None:
    """The known word closest to a misspelt one, or None when nothing is close."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return close[0] if close else None


def suggestion_text(suggestion: str | None) -> str:
    """How the text form shows a suggestion: ` (did you mean 'x'?)`, or nothing."""
    return f" (did you mean {suggestion!r}?)" if suggestion else ""


class ComplianceError(Exception):
    """Base of every error this project raises on purpose; `exit_code` says what the process exits with.

    `message` is what went wrong, `suggestion` the closest known word (data,
    for JSON), `hint` what to do; `str()` joins them for a terminal.
    """

    exit_code: ClassVar[ExitCode] = ExitCode.BAD_INPUT

    def __init__(self, message: str = "", *, suggestion: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.suggestion = suggestion
        self.hint = hint
        super().__init__(message + suggestion_text(suggestion) + (f"; {hint}" if hint else ""))

    def to_data(self) -> dict[str, object]:
        """The error as JSON data: message, suggestion, hint, exit code."""
        return {
            "message": self.message,
            "suggestion": self.suggestion,
            "hint": self.hint,
            "exit_code": int(self.exit_code),
        }


class BadInput(ComplianceError):
    """The input or the command line is wrong; the user can fix it. Exit code 2."""

    exit_code: ClassVar[ExitCode] = ExitCode.BAD_INPUT


class InternalError(ComplianceError):
    """Compliance itself went wrong (a bug, never the user's input). Exit code 3."""

    exit_code: ClassVar[ExitCode] = ExitCode.INTERNAL


class EnvironmentFault(ComplianceError):
    """The environment failed the command: a closed pipe, a full disk, an unwritable directory,
    an output encoding that cannot carry the report, memory exhausted. Exit code 4.

    Why its own code: a script must tell "fix your input" (2) and "report a bug" (3)
    from "fix the machine and run again" (4).
    """

    exit_code: ClassVar[ExitCode] = ExitCode.ENVIRONMENT


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    location: Location
    message: str
    code: str
    suggestion: str | None = None
    """The closest known word to a misspelt one, shown after the message as "did you mean"."""

    @property
    def text(self) -> str:
        """The message with its suggestion, as a person reads it."""
        return self.message + suggestion_text(self.suggestion)

    def __str__(self) -> str:
        return f"{self.location}: error: {self.text} [{self.code}]"

    def to_data(self) -> dict[str, object]:
        """The problem as JSON data; the suggestion is its own field."""
        where = self.location
        return {
            "path": where.path,
            "line": where.line,
            "column": where.column,
            "message": self.message,
            "code": self.code,
            "suggestion": self.suggestion,
        }


class InputError(BadInput):
    """Bad input: one or more located problems. Exit code 2."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.location, p.message)))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, location: Location, message: str, code: str, suggestion: str | None = None) -> InputError:
        """A single located problem."""
        return cls([Problem(location, message, code, suggestion)])

    def to_data(self) -> dict[str, object]:
        return {"problems": [p.to_data() for p in self.problems], "exit_code": int(self.exit_code)}


class UsageError(BadInput):
    """A command line that cannot be carried out. Exit code 2."""


class EngineError(BadInput):
    """The rules cannot be run by the engine (a provision too wide for it). Exit code 2."""


class EngineFailure(InternalError):
    """The engine failed while running: an action raised, a fact went unhandled or was asserted twice.

    Why internal: each would otherwise drop findings silently, and none of
    them is the user's fault, so the command line reports it as an internal
    error (exit 3, traceback with `--debug`), never as bad input.
    """


class PatchError(InternalError):
    """A suggested edit (a JSON Patch) does not apply to the document it was computed for: a bug."""


class DraftInvalid(InternalError):
    """`draft` built a policy file that the loader refuses: a bug in the drafter, not the user's input."""


class ResourceError(EnvironmentFault):
    """The machine ran out of something the run needs (memory, above all). Exit code 4.

    Why an environment fault: exhaustion is neither bad input (2) nor a bug (3); the
    input may be fine on a machine with more memory, so the message says what ran out
    and what to do about it (issue 19 item 14).
    """


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix for a misspelt term, or nothing (for messages not yet carrying data)."""
    return suggestion_text(suggestion_for(word, choices))
