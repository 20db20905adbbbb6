"""Shared pydantic base and field types for every format the project reads.

Why strict: YAML 1.1 silently turns `5.10` into 5.1 and `NO` into False.
The loader therefore hands every scalar over as the string the author wrote,
and these types refuse coercion; dates are parsed from ISO strings here, so
an impossible date (`2016-02-30`) is a located validation error, not a crash.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

TermId = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
"""A vocabulary term, provision, instrument, reading or document id: kebab-case."""

Text = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=20000)]
Label = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=200)]
Reach = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$", max_length=200)
]
"""A jurisdiction path, widest first (`us`, `us/la`, `us/la/orleans`): where a court's word binds."""

Url = Annotated[str, StringConstraints(strict=True, pattern=r"^https?://\S+$", max_length=2000)]


def _parse_iso_date(value: Any) -> Any:
    """Accept a date or a strict YYYY-MM-DD string; leave anything else to pydantic."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else value
        except ValueError as error:
            raise ValueError(f"{value!r} is not a real calendar date ({error})") from None
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_iso_date)]
"""An ISO calendar date, written YYYY-MM-DD."""


def _as_tuple(value: Any) -> Any:
    """Let a YAML author write one term where a list of terms is expected."""
    if isinstance(value, str):
        return (value,)
    return tuple(value) if isinstance(value, list) else value


TermList = Annotated[tuple[TermId, ...], BeforeValidator(_as_tuple, json_schema_input_type=TermId | list[TermId])]
"""One term or a list of terms, kept in the order written (the JSON Schema says both)."""


class Model(BaseModel):
    """Base of every file-backed model: unknown keys refused, immutable.

    Strictness lives in the field types (strict strings, `StrictBool`), so that
    YAML lists still validate as tuples.

    Field names are snake_case in Python and kebab-case in YAML (`held-by`).
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        alias_generator=lambda name: name.replace("_", "-"),
    )
