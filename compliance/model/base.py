"""Shared pydantic base and field types for every format the project reads.

Why strict: YAML 1.1 silently turns `5.10` into 5.1 and `NO` into False.
The loader therefore hands every scalar over as the string the author wrote,
and these types refuse coercion; dates are parsed from ISO strings here, so
an impossible date (`2016-02-30`) is a located validation error, not a crash.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints, WithJsonSchema

# Control characters (C0, DEL, C1) a value may not hold: every one but tab and line feed in text,
# every one in a one-line value. The loader refuses them too (even written as escapes such as "\e");
# these types say so for a model built any other way, and say which field.
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _no_control(pattern: re.Pattern[str], allowed: str) -> AfterValidator:
    def check(value: str) -> str:
        bad = pattern.search(value)
        if bad is not None:
            raise ValueError(
                f"control character U+{ord(bad.group()):04X} at character {bad.start() + 1} is not allowed; {allowed}"
            )
        return value

    return AfterValidator(check)


_ONE_LINE = _no_control(_LINE_CONTROL, "write this value on one line, in printable characters")
_MULTI_LINE = _no_control(_TEXT_CONTROL, "text may hold printable characters, tabs and line breaks only")

TermId = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
"""A vocabulary term, provision, instrument, reading or document id: kebab-case."""

Text = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=20000), _MULTI_LINE]
"""Prose (a provision's or clause's words, a note): tabs and line breaks allowed, no other control character."""
Label = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=200), _ONE_LINE]
"""A one-line name (a title, a citation, a clause number): no control character at all."""
Url = Annotated[str, StringConstraints(strict=True, pattern=r"^https?://\S+$", max_length=2000), _ONE_LINE]
Reach = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$", max_length=200)
]
"""A jurisdiction path, widest first (`us`, `us/la`, `us/la/orleans`): where a court's word binds."""


DATE_FORMAT = "dates are YYYY-MM-DD (e.g. 2017-11-17)"
"""The one message for a date written any other way, wherever a date is read (YAML, --as-of, --adopted)."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_date(text: str) -> dt.date:
    """A calendar date written exactly YYYY-MM-DD; `ValueError` with the one date message otherwise.

    Why not `date.fromisoformat` alone: since Python 3.11 it also takes ISO week
    dates (`2017-W46-5`) and basic format (`20240101`), and pydantic's lax date
    reads a number as a Unix timestamp (`86400` is 1970-01-02). A law's dates
    are read by people: one spelling, refused otherwise.
    """
    if not _DATE.fullmatch(text):
        raise ValueError(f"{text!r} is not a date: {DATE_FORMAT}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a real calendar date ({error}); {DATE_FORMAT}") from None


def _parse_iso_date(value: Any) -> dt.date:
    """Accept a date (not a datetime) or a strict YYYY-MM-DD string; refuse anything else with one message."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return parse_date(value)
    shown = "an empty value" if value is None else repr(value)
    raise ValueError(f"{shown} is not a date: {DATE_FORMAT}")


Date = Annotated[
    dt.date,
    BeforeValidator(_parse_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
]
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
