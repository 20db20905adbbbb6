"""What a value may put into a report: escaping by each output format's own rules, in one place.

Why, when the loader already refuses control characters (even written as
YAML escapes): defence in depth. A report quotes file names, which no loader
checks, and a model can be built by other code than the loader; whatever
reaches a terminal, XML, HTML, SARIF or Markdown must still be inert there.
A terminal acts on ESC (`\\x1b[2K` erases a line), CSI (U+009B), carriage
return and backspace, so a value could erase the report's last line and print
a forged `Result:`; XML 1.0 cannot hold most C0 characters even as
references, so one such character makes a JUnit file unreadable.

Each function keeps what the format itself wrote: a renderer's own line
breaks are never in a value, so the passes over a whole report leave tabs
and line feeds alone and show every other control character as a visible
escape (`\\x1b`), which no reader acts on.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

T = TypeVar("T")

_ALL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The passes over a whole report: tab and line feed are whitespace every format (and a terminal)
# takes as such; U+FFFE/U+FFFF are not characters XML 1.0 allows, nor HTML (noncharacters).
_BUT_WHITESPACE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def one_line(text: str) -> str:
    """A value for one line of a terminal report: tabs and line breaks become spaces, other controls visible."""
    return _ALL.sub(_visible, text.replace("\t", " ").replace("\n", " "))


def report_text(text: str) -> str:
    """A whole report (terminal, XML, HTML, Markdown): every control character but tab and line feed made visible.

    Safe after the format's own escaping: none of these characters is markup
    in XML, HTML or Markdown, so the visible form can only land in text.
    """
    return _BUT_WHITESPACE.sub(_visible, text)


def json_text(text: str) -> str:
    """A whole JSON document (JSON, SARIF): DEL, C1 controls and U+2028/9 as `\\u` escapes.

    `json.dumps` escapes C0 itself but writes these raw with `ensure_ascii=False`;
    outside strings JSON never holds them, so this pass only touches strings.
    """
    return _JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def scrub(value: T) -> T:
    """`value` with every string inside it (dataclasses and tuples, recursively) passed through `one_line`.

    Why: the terminal report's colour codes are control sequences of its own,
    so it cannot be cleaned after it is painted; its data is cleaned before.
    Only what holds a control character is rebuilt: a clean result comes back
    as the same objects, at the cost of one walk.
    """
    if isinstance(value, str):
        return one_line(value) if _ALL.search(value) else value  # type: ignore[return-value]
    if isinstance(value, tuple):
        if all(type(item) is str for item in value) and not _ALL.search("".join(value)):
            return value  # the common case, a clean tuple of words, in one search
        items = tuple(scrub(item) for item in value)
        same = all(new is old for new, old in zip(items, value, strict=True))
        return value if same else type(value)(items)
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value) if f.init)
    changes = {}
    for name in names:
        old = getattr(value, name)
        new = scrub(old)
        if new is not old:
            changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value  # type: ignore[type-var]


_FIELDS: dict[type, tuple[str, ...]] = {}
