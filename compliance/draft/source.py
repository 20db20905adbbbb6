"""Read the document to draft from: plain text, Markdown or PDF, within a size limit.

Why strict: a draft's evidence points at character offsets in this text, so
the text must be exactly what the file says. Bytes that are not UTF-8 text,
or a PDF with no text layer, are refused with a located message, never
guessed at.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from compliance.errors import InputError, Location
from compliance.loader.files import read_regular

MAX_BYTES = 8 << 20
"""The largest file `compliance draft` reads (a PDF with embedded fonts can be a few MiB)."""
MAX_CHARS = 100_000
"""The longest text it drafts from: a draft carries evidence for every field, and its YAML must stay
under the 1 MiB a policy file may have (some four hundred clauses)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# What is left after line breaks are normalised; a PDF's text layer may carry any of them.
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class SourceText:
    """The text to draft from, what kind of file it came from, and the file's digest."""

    text: str
    kind: str  # text, markdown or pdf
    sha256: str


def display_path(path: Path) -> str:
    """A path as reports show it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_source(path: Path, display: str) -> SourceText:
    """Read and decode one file; every failure is an `InputError` at the file."""
    where = Location(display)
    data = read_regular(path, where, MAX_BYTES, "a text, Markdown or PDF file")  # a named pipe must not block
    if len(data) > MAX_BYTES:
        raise InputError.at(
            where, f"the file is larger than the limit of {MAX_BYTES} bytes; draft it in parts", "too-large"
        )
    digest = hashlib.sha256(data).hexdigest()
    if data.lstrip()[:5] == b"%PDF-":
        from compliance.draft.pdf import pdf_text

        text, kind = pdf_text(data, where), "pdf"
    else:
        text = _decode(data, where)
        kind = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A page break is a line break, and any other control character a PDF's text layer carries is
    # a space (one character for one, so evidence offsets stay put): a draft's clause text must load,
    # and policy files may hold no control character but tab and line feed.
    text = _ANY_CONTROL.sub(" ", text.replace("\f", "\n"))
    if not text.strip():
        raise InputError.at(where, "the file is empty: there is no text to draft from", "empty")
    if len(text) > MAX_CHARS:
        raise InputError.at(where, f"the text is longer than the limit of {MAX_CHARS} characters", "too-large")
    return SourceText(text, kind, digest)


def _decode(data: bytes, where: Location) -> str:
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError.at(
            where,
            f"not UTF-8 text (byte 0x{body[error.start]:02x} at offset {error.start}); "
            "give a text, Markdown or PDF file, saved as UTF-8",
            "not-text",
        ) from None
    control = _CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        raise InputError.at(
            Location(where.path, line, control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1),
            f"binary data, not text (control character U+{ord(control.group()):04X}); "
            "give a text, Markdown or PDF file",
            "not-text",
        )
    return text
