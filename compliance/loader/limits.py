"""Per-file resource limits for reading YAML, and the ones in force for this process.

Why a module of its own: the command line sets the limits once (`--max-bytes`,
`--max-depth`, `--max-nodes`, `--max-scalar`, accepted by every command) and
every loader call in that command must obey them, including calls made by
commands written later that never mention limits. So the loader reads
`current()` whenever a caller passes no explicit `Limits`, and `cli.py`
wraps the command in `use(...)`. This module imports nothing heavy, so the
command line can build the limits before it loads YAML or pydantic.

The defaults are the ones measured in ENGINEERING.md: with them an
adversarial 1 MiB file is refused in well under a second.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

MAX_DEPTH_CEILING = 1000
"""The depth flag cannot go past this: deeper trees reach Python's recursion limit in
pydantic and the renderers, which would turn bad input into a crash."""


@dataclass(frozen=True)
class Limits:
    """What one input file may contain; anything past a limit is a located `InputError`."""

    max_bytes: int = 1 << 20
    max_depth: int = 32
    max_nodes: int = 100_000
    max_scalar: int = 64 * 1024


DEFAULT_LIMITS = Limits()

FLAGS: dict[str, str] = {
    "max_bytes": "bytes per file",
    "max_depth": f"nesting depth of mappings and lists (at most {MAX_DEPTH_CEILING})",
    "max_nodes": "values (scalars, mappings, lists) per file",
    "max_scalar": "characters per value",
}
"""Each limit's field and what it counts, for `--help`; the flag is `--max-...`."""

_current = DEFAULT_LIMITS


def current() -> Limits:
    """The limits in force: the defaults, or those the command line set."""
    return _current


@contextmanager
def use(limits: Limits) -> Iterator[Limits]:
    """Make `limits` the ones in force for the duration of a command."""
    global _current
    previous, _current = _current, limits
    try:
        yield limits
    finally:
        _current = previous


def flag(field: str) -> str:
    """The command-line flag of a limit field: `max_bytes` -> `--max-bytes`."""
    return "--" + field.replace("_", "-")


def names() -> tuple[str, ...]:
    """The limit fields, in declaration order."""
    return tuple(f.name for f in fields(Limits))
