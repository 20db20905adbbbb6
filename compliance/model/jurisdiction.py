"""Jurisdictions: where a law binds and where a policy governs, as paths of places.

A jurisdiction is a path of lower-case segments from the broadest place down:
`us` (federal), `us/la` (Louisiana), `us/la/orleans` (Orleans Parish and New
Orleans). Why paths and not names: "lies within" is then a prefix test by
segments, the same in every evaluator, with no gazetteer to keep. Federal law
(`us`) binds everywhere in `us`; a state's law binds inside the state; a local
policy binds its own units.

A policy may say `jurisdiction: unknown` when its place is not known; it is
then held only to law that binds every jurisdiction the loaded rules and
policies name (their common root, such as `us`), and the report says which
provisions could not be placed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from pydantic import StringConstraints

UNKNOWN = "unknown"
"""What a policy writes when its place is not known: accepted, and flagged in every report."""

PATTERN = r"^[a-z][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$"

Jurisdiction = Annotated[str, StringConstraints(strict=True, pattern=PATTERN, max_length=200)]
"""A path such as `us`, `us/la` or `us/la/orleans`: lower-case segments separated by `/`."""


def segments(path: str) -> tuple[str, ...]:
    """The path's places, broadest first."""
    return tuple(path.split("/"))


def within(inner: str, outer: str) -> bool:
    """Does `inner` lie within `outer` (the same place, or below it)? Segment by segment: `us/la` is
    not within `us/l`."""
    if UNKNOWN in (inner, outer):
        return False
    whole, part = segments(outer), segments(inner)
    return part[: len(whole)] == whole


def common_root(paths: Iterable[str]) -> str | None:
    """The deepest jurisdiction every known path lies within (None when they share no root)."""
    known = [segments(p) for p in paths if p != UNKNOWN]
    if not known:
        return None
    shared: list[str] = []
    for column in zip(*known, strict=False):
        if len(set(column)) != 1:
            break
        shared.append(column[0])
    return "/".join(shared) or None


def with_ancestors(paths: Iterable[str]) -> tuple[str, ...]:
    """Every path named and every place above it, sorted: the jurisdictions a "did you mean" offers."""
    out: set[str] = set()
    for path in paths:
        if path == UNKNOWN:
            continue
        parts = segments(path)
        out.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    return tuple(sorted(out))
