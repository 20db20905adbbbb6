"""The one table of exit codes: every command's exit status is one of these.

Why one enum: the exit code is the command line's contract with scripts and
CI, so it is decided in exactly two ways: a result says what it found
(`result.exit_code`), and an error says what went wrong (`error.exit_code`,
a class attribute of each error in `compliance.errors`). Renderers never
decide it; commands never write a literal.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the process's exit status means (README, "Exit codes")."""

    OK = 0
    """No conflict with law in force (or: everything valid, every example passed)."""
    CONFLICT = 1
    """A conflict with law in force under a requested reading (or: an example failed)."""
    BAD_INPUT = 2
    """Bad input or usage: a located problem in a file, an option that cannot be carried out,
    an unreviewed draft under `--fail-on-draft`."""
    INTERNAL = 3
    """A bug in compliance: `--debug` shows its traceback."""
    ENVIRONMENT = 4
    """A fault of the environment, not of the input nor of compliance: a closed pipe, a full disk,
    an unwritable directory, a terminal that cannot show the report's characters, memory exhausted."""
    INTERRUPTED = 130
    """Stopped by SIGINT (Ctrl-C); 128 + the signal number, as shells report it."""
    TERMINATED = 143
    """Stopped by SIGTERM; 128 + 15."""
