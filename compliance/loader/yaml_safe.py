"""The project's single YAML entry point: untrusted bytes in, a plain located tree out.

Why not `yaml.safe_load`: it is safe from code execution but not from size
(an alias bomb expands in whatever walks the result next), libyaml's composer
segfaults on deep nesting, some malformed tags escape as ValueError/IndexError
rather than YAMLError, duplicate keys silently overwrite, and YAML 1.1 typing
turns `5.10` into 5.1 and `NO` into False. So we only *stream parse events*
and build the tree ourselves with an explicit stack, enforcing every limit as
the events arrive, refusing anchors, aliases, merge keys and explicit tags,
and keeping scalars as the strings the author wrote (only null and
true/false are typed). Each node's line and column are recorded so later
validation errors can point at the file (see `compliance.loader.locate`).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import yaml

from compliance.errors import InputError, Location
from compliance.loader import limits as _limits
from compliance.loader.files import read_regular
from compliance.loader.limits import DEFAULT_LIMITS, Limits

__all__ = ["DEFAULT_LIMITS", "Limits", "Loaded", "NodePath", "load_yaml_file", "load_yaml_text"]

NodePath = tuple[str | int, ...]
"""Keys and list indices from the root to a node; the root is `()`."""

_NodeStart = yaml.ScalarEvent | yaml.SequenceStartEvent | yaml.MappingStartEvent
"""The events that begin a node (and carry its tag and anchor)."""

_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# libyaml >= 0.2.6 refuses flow collections nested past its own limit (1,000) while it
# looks ahead for a simple key (up to 1,024 characters), before it has handed over the
# first event, so our depth guard would never see them. The pure-Python parser has no such
# limit and streams the same events: on that one error we parse again with it.
_NESTING_LIMIT_PROBLEM = "exceeded maximum nesting depth"
# Line breaks as YAML counts them, so our own positions agree with the parser's.
_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")
# C0 controls except tab/LF/CR, DEL, and C1 controls (NEL too: an invisible line break).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The same after unescaping: a double-quoted "\e", "\0", "\x1b[2K" or "\r" writes a control
# character into a value that the check of the raw text never sees. Tab and line feed may be in a
# value (multi-line text; the model refuses them in one-line fields); a key may hold neither.
_VALUE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_KEY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "false": False}
# Exceptions PyYAML has been seen to leak instead of YAMLError on malformed input.
_LEAKS = (ValueError, IndexError, KeyError, AttributeError, TypeError, RecursionError)
_CORE_TAG = "tag:yaml.org,2002:"
_SYNTAX_HINT = "check the indentation (spaces only), colons and quotes here"


@dataclass(frozen=True)
class Loaded:
    """A parsed file: its display path, its value tree, and where each node was written.

    `marks[path]` is where a node's value starts; `key_marks[path]` is where the
    key of a mapping entry was written (absent for the root and list items).
    """

    path: str
    value: object
    marks: dict[NodePath, Location] = field(repr=False)
    key_marks: dict[NodePath, Location] = field(repr=False)


def load_yaml_file(path: Path, limits: Limits | None = None, display: str | None = None) -> Loaded:
    """Read and load one YAML file; every failure is an `InputError`, never an `OSError`.

    `limits=None` means the limits in force (`compliance.loader.limits.current()`).
    """
    limits = limits or _limits.current()
    name = display if display is not None else str(path)
    return load_yaml_text(_read(path, Location(name), limits.max_bytes), name, limits)


def _read(path: Path, where: Location, max_bytes: int) -> bytes:
    """At most `max_bytes + 1` bytes of a regular file (opened non-blocking, checked with `fstat`)."""
    return read_regular(path, where, max_bytes, "a .yaml file")


def load_yaml_text(text_or_bytes: bytes | str, path: str, limits: Limits | None = None) -> Loaded:
    """Load YAML from bytes (a `str` is encoded as UTF-8 first); `path` is for messages only."""
    limits = limits or _limits.current()
    if isinstance(text_or_bytes, str):
        text_or_bytes = text_or_bytes.encode("utf-8", "surrogatepass")
    if len(text_or_bytes) > limits.max_bytes:
        raise InputError.at(
            Location(path),
            f"the file is larger than the limit of {limits.max_bytes} bytes; split it into smaller files "
            "(or raise the limit with --max-bytes)",
            "too-large",
        )
    text = _decode(text_or_bytes, path)
    try:
        return _Builder(text, path, limits).run(_PARSER)
    except _ParserNestingLimit:
        # Start afresh with the parser whose depth only our own guard limits.
        return _Builder(text, path, limits).run(yaml.SafeLoader)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character `index`, counting breaks as YAML does."""
    line, start = 1, 0
    for match in _BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


def _decode(data: bytes, path: str) -> str:
    """Strict UTF-8 (one leading BOM allowed), then refuse invisible control characters."""
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = body[: error.start].decode("utf-8")  # valid: it precedes the first error
        line, column = _position(prefix, len(prefix))
        raise InputError.at(
            Location(path, line, column),
            f"invalid UTF-8 (byte 0x{body[error.start]:02x}); save the file as UTF-8",
            "encoding",
        ) from None
    bad = _CONTROL.search(text)
    if bad is not None:
        line, column = _position(text, bad.start())
        raise InputError.at(
            Location(path, line, column),
            f"control character U+{ord(bad.group()):04X} is not allowed; delete it "
            "(indent with spaces, end lines with ordinary newlines)",
            "control-character",
        )
    return text


def _describe(event: _NodeStart) -> str:
    """What a node is, in the words a YAML author uses."""
    if isinstance(event, yaml.SequenceStartEvent):
        return "a list"
    if isinstance(event, yaml.MappingStartEvent):
        return "a mapping"
    value = _scalar(event)
    if value is None:
        return "null"
    return "a boolean" if isinstance(value, bool) else "a string"


def _show_tag(tag: str) -> str:
    """A tag as the author most likely wrote it (`!!float`, not its expanded URI)."""
    return "!!" + tag.removeprefix(_CORE_TAG) if tag.startswith(_CORE_TAG) else tag


def _scalar(event: yaml.ScalarEvent) -> str | bool | None:
    """Plain null/true/false are typed; every other scalar is the text as written."""
    if event.style:  # quoted or block scalar ('' or None means plain)
        return event.value
    if event.value in _NULLS:
        return None
    return _BOOLS.get(event.value, event.value)


class _ParserNestingLimit(Exception):
    """libyaml stopped on its own nesting limit before our depth guard could fire."""


@dataclass
class _Frame:
    """An open mapping or list on the builder's stack."""

    container: dict[str, object] | list[object]
    path: NodePath
    key: str | None = None  # a mapping's key still waiting for its value


class _Builder:
    """Turns parse events into values and marks, enforcing the limits as it goes."""

    def __init__(self, text: str, path: str, limits: Limits) -> None:
        self.text, self.path, self.limits = text, path, limits
        self.marks: dict[NodePath, Location] = {}
        self.key_marks: dict[NodePath, Location] = {}
        self.stack: list[_Frame] = []
        self.root: object = None
        self.nodes = 0
        self.documents = 0
        self.last = Location(path, 1, 1)

    def at(self, event: yaml.Event) -> Location:
        mark = event.start_mark
        if mark is None:  # both parsers mark every event; the type allows an unmarked one
            return self.last
        return Location(self.path, mark.line + 1, mark.column + 1)

    def run(self, parser: type) -> Loaded:
        self.stream(parser)
        if self.documents == 0:
            raise InputError.at(Location(self.path, 1, 1), self.empty_message(), "empty")
        return Loaded(self.path, self.root, self.marks, self.key_marks)

    def stream(self, parser: type) -> None:
        """Feed every parse event to `handle`; a parser failure becomes a located `syntax` error."""
        # A generator function (typed as a plain iterator): closed below so a refused file frees the parser.
        events = cast(Generator[yaml.Event, None, None], yaml.parse(self.text, Loader=parser))
        try:
            while True:
                try:
                    event = next(events)
                except StopIteration:
                    break
                except (yaml.YAMLError, *_LEAKS) as error:
                    if parser is not yaml.SafeLoader and _NESTING_LIMIT_PROBLEM in str(getattr(error, "problem", "")):
                        raise _ParserNestingLimit from None
                    raise self.syntax(error) from None
                self.last = self.at(event)
                self.handle(event)
        finally:
            events.close()

    def empty_message(self) -> str:
        return "the file has no content; expected a mapping of keys such as `id:`"

    def syntax(self, error: BaseException) -> InputError:
        """A located `syntax` problem from whatever the parser raised."""
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        position = getattr(error, "position", None)
        index: int | None = None
        if mark is not None:
            location, index = Location(self.path, mark.line + 1, mark.column + 1), mark.index
        elif isinstance(position, int) and 0 <= position <= len(self.text):
            location, index = Location(self.path, *_position(self.text, position)), position
        else:
            location = self.last
        problem = (
            getattr(error, "problem", None) or getattr(error, "reason", None) or str(error) or type(error).__name__
        )
        context = getattr(error, "context", None)
        detail = f"{context}: {problem}" if context else str(problem)
        hint = _SYNTAX_HINT
        if index is not None and 0 <= index < len(self.text) and self.text[index] == "\t":
            hint = "indent with spaces, not tabs"
        return InputError.at(location, f"YAML syntax error ({detail}); {hint}", "syntax")

    def handle(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise InputError.at(
                    self.at(event),
                    "a second YAML document; one document per file: remove this `---` or move it to its own file",
                    "multiple-documents",
                )
        elif isinstance(event, yaml.AliasEvent):
            raise InputError.at(
                self.at(event), f"alias *{event.anchor} is not allowed; write the value out in full", "alias"
            )
        elif isinstance(event, yaml.ScalarEvent | yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self.node(event)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            self.stack.pop()

    def node(self, event: _NodeStart) -> None:
        location = self.at(event)
        if event.anchor is not None:
            raise InputError.at(
                location, f"anchor &{event.anchor} is not allowed; write the value out in full where needed", "anchor"
            )
        if event.tag is not None:
            raise InputError.at(
                location,
                f"explicit tag {_show_tag(event.tag)!r} is not allowed; remove it and write the plain value "
                "(quote it to keep it as text)",
                "tag",
            )
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise InputError.at(
                location,
                f"more than {self.limits.max_nodes} values in one file; split it into smaller files "
                "(or raise the limit with --max-nodes)",
                "too-many-nodes",
            )
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > self.limits.max_scalar:
            raise InputError.at(
                location,
                f"a value of {len(event.value)} characters exceeds the limit of {self.limits.max_scalar}; shorten it "
                "(or raise the limit with --max-scalar)",
                "scalar-too-long",
            )
        if not self.stack:
            self.start_root(event, location)
            return
        top = self.stack[-1]
        key = top.key
        if isinstance(top.container, dict) and key is None:
            self.refuse_control(event, location, _KEY_CONTROL, "a key")
            self.key(event, top, location)
            return
        self.refuse_control(event, location, _VALUE_CONTROL, "a value")
        child: NodePath = (*top.path, key if key is not None else len(top.container))
        self.marks[child] = location
        value = _scalar(event) if isinstance(event, yaml.ScalarEvent) else self.open(event, child, location)
        if isinstance(top.container, dict) and key is not None:
            top.container[key] = value
            top.key = None
        elif isinstance(top.container, list):
            top.container.append(value)

    def refuse_control(self, event: yaml.NodeEvent, location: Location, pattern: re.Pattern[str], what: str) -> None:
        """A control character in a scalar as parsed (escapes resolved) is refused where the scalar starts."""
        if not isinstance(event, yaml.ScalarEvent):
            return
        bad = pattern.search(event.value)
        if bad is not None:
            raise InputError.at(
                location,
                f"control character U+{ord(bad.group()):04X} in {what} (written as an escape such as \\e, \\x1b"
                " or \\0) is not allowed; delete the escape: values hold printable text"
                + (", tabs and line breaks" if what == "a value" else ""),
                "control-character",
            )

    def start_root(self, event: _NodeStart, location: Location) -> None:
        if isinstance(event, yaml.ScalarEvent) and not event.style and event.value == "":
            raise InputError.at(location, self.empty_message(), "empty")
        if not isinstance(event, yaml.MappingStartEvent):
            raise InputError.at(
                location,
                f"expected a mapping of keys such as `id:`, found {_describe(event)}; "
                "write `key: value` lines at the top level",
                "root-not-mapping",
            )
        self.marks[()] = location
        self.root = self.open(event, (), location)

    def key(self, event: _NodeStart, top: _Frame, location: Location) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise InputError.at(
                location,
                f"a key must be plain text, found {_describe(event)}; write a key such as `id:`",
                "complex-key",
            )
        if not event.style and event.value == "<<":
            raise InputError.at(
                location, "merge key `<<` is not allowed; write each key out in this mapping", "merge-key"
            )
        path = (*top.path, event.value)
        first = self.key_marks.get(path)
        if first is not None:
            raise InputError.at(
                location,
                f"duplicate key {event.value!r} (first written on line {first.line}); keep only one of them",
                "duplicate-key",
            )
        self.key_marks[path] = location
        top.key = event.value

    def open(self, event: _NodeStart, path: NodePath, location: Location) -> object:
        """Push a new mapping or list, refusing it before going deeper than allowed."""
        if len(self.stack) >= self.limits.max_depth:
            raise InputError.at(
                location,
                f"nesting is deeper than {self.limits.max_depth} levels; flatten the structure "
                "(or raise the limit with --max-depth)",
                "too-deep",
            )
        container: dict[str, object] | list[object] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(container, path))
        return container
