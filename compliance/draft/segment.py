"""Split a policy's text into its numbered passages, and a passage into sentences.

Why by the source's own numbering: a reviewer, a court or a newspaper cites
"paragraph 5" or "Item #1", so each clause keeps its number exactly as
written (`5.` is number "5"; `(a)`, `Paragraph 5`, `Item #1`, `Section 3(b)`
and bracketed labels such as `[no-inquiry]` stay as they are). A marker
counts only at the start of a line that begins a new passage (after a blank
line, a heading, or a line that ends a sentence), so "Section 1373(a)" or
"[ICE]" wrapped onto a new line mid-sentence is not taken for a number.
Sub-items (`(a)`, `a)`, `(iv)`) nest under the numbered passage before them
and are cited as `3(a)`. Text with no numbering at all is split into
paragraphs labelled `[paragraph N]`, as the project labels unnumbered clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LONG_PARAGRAPH = 4000
"""An unnumbered block longer than this (characters) is drafted sentence by sentence."""
MAX_PASSAGE = 20000
"""The longest passage kept verbatim in a clause (the model's limit on a text)."""

_PREFIX = r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]*)?(?:\*\*|__)?"
_WORDED = (
    r"(?:(?i:paragraph|para\.|section|item|article|rule|clause|part)[ \t]*|§[ \t]*)#?[ \t]*\d+[A-Za-z]?(?:\(\w{1,4}\))*"
)
_NUMBERED = r"\d+(?:\.\d+)*"
_SUB = r"\((?:[a-z]{1,2}|[ivxlc]{1,5}|\d{1,3})\)|[a-z][.)]|[ivx]{1,4}[.)]"
_LABEL = r"\[[^\]\n]{1,60}\]"
_MARKER = re.compile(
    rf"^{_PREFIX}(?P<marker>(?P<worded>{_WORDED})(?P<wdelim>[.:)]|[ \t]+[-–—])?"
    rf"|(?P<numbered>{_NUMBERED})(?P<ndelim>[.)])"
    rf"|(?P<sub>{_SUB})"
    rf"|(?P<label>{_LABEL}))(?:\*\*|__)?(?=[ \t]|$)",
    re.MULTILINE,
)
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?P<title>.*\S)[ \t]*$")
_ENDS_SENTENCE = re.compile(r"[.:;!?]['\"”’)\]]*\s*$|^\s*$|[;,]\s*(?:or|and)\s*$")
_BULLET = re.compile(r"[ \t]*[-*+][ \t]+\S")


@dataclass(frozen=True)
class Passage:
    """One numbered passage: its number as cited, and where its text lies in the source."""

    number: str
    written: str  # the marker exactly as written, for the summary
    start: int  # the text after the marker
    end: int
    parent: int | None = None  # index of the passage a sub-item belongs to
    sub: bool = False

    def text(self, source: str) -> str:
        """The passage's words, verbatim but for line breaks and runs of spaces."""
        return " ".join(source[self.start : self.end].split())


@dataclass(frozen=True)
class Segmented:
    """A document split into passages, with its title line if it has one."""

    passages: tuple[Passage, ...]
    title: str | None
    numbered: bool


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _family(number: str, stack: list[tuple[str, int]], passages: list[Passage]) -> str:
    """Which sequence a sub-item marker continues: letters, roman numerals or digits.

    "(i)" is a letter after "(h)" and a roman numeral anywhere else.
    """
    bare = number.strip("()")
    if bare.isdigit():
        return "digit"
    if re.fullmatch(r"[ivxlc]+", bare):
        letters = [passages[i].written for f, i in stack if f == "alpha"]
        before = letters[-1].strip("().") if letters else ""
        if not (len(bare) == 1 and before and ord(bare) == ord(before[-1]) + 1):
            return "roman"
    return "alpha"


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")


def _successors(number: str) -> set[str]:
    """The numbers that may follow: the next letter or number, and the next roman numeral."""
    out = {_successor(number)}
    bare = number.strip("().")
    if bare in _ROMAN[:-1]:
        following = _ROMAN[_ROMAN.index(bare) + 1]
        out.add(f"({following})" if number.startswith("(") else following)
    return out - {""}


def _successor(number: str) -> str:
    """The number that follows: 5 → 6, (a) → (b), Paragraph 5 → Paragraph 6, 3(b) → 3(c); labels have none."""
    letter = re.fullmatch(r"(.*\(|)([a-y])(\)?)", number)
    if letter is not None and (letter.group(1) or len(number) == 1):
        return letter.group(1) + chr(ord(letter.group(2)) + 1) + letter.group(3)
    digits = re.fullmatch(r"(.*?)(\d+)(\D{0,2})", number)
    if digits is not None and not number.startswith("["):
        return digits.group(1) + str(int(digits.group(2)) + 1) + digits.group(3)
    return ""


def _number(match: re.Match[str]) -> tuple[str, bool]:
    """The number as cited, and whether the marker is a sub-item."""
    if match.group("worded"):
        return " ".join(match.group("worded").split()), False
    if match.group("numbered"):
        return match.group("numbered"), False
    if match.group("label"):
        return match.group("label"), False
    sub = match.group("sub")
    return (sub if sub.startswith("(") else sub[:-1]), True


def segment(text: str) -> Segmented:
    """The passages of a document, in order."""
    lines = _lines(text)
    title = None
    starts: list[tuple[int, int, str, str, bool]] = []  # line index, text start, number, written, sub
    headings: set[int] = set()
    previous_ends = True
    expected = {"1", "(a)", "a", "(1)", "(i)"}  # a numbering's first or next number starts a passage anywhere
    for index, (lo, hi) in enumerate(lines):
        line = text[lo:hi]
        heading = _HEADING.match(line)
        match = _MARKER.match(line)
        number, sub = _number(match) if match else ("", False)
        if match and (previous_ends or number in expected):
            starts.append((index, lo + match.end(), number, match.group("marker"), sub))
            expected = (expected if sub else {"1", "(a)", "a", "(1)", "(i)"}) | _successors(number)
        elif heading:
            headings.add(index)
            title = title or heading.group("title").strip("*_ ")
        bare_marker = match is not None and not line[match.end() :].strip()
        previous_ends = heading is not None or bare_marker or bool(_ENDS_SENTENCE.search(line))
    if not starts:
        return _paragraphs(text, lines, title)
    passages: list[Passage] = []
    stack: list[tuple[str, int]] = []  # (family, passage index) from the outermost open level inward
    for k, (index, start, number, written, sub) in enumerate(starts):
        stop_line = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        stop_line = min([stop_line, *(h for h in headings if h > index)])
        end = _trim(text, start, lines[stop_line - 1][1])
        while start < end and text[start].isspace():
            start += 1
        family = _family(number, stack, passages) if sub else "top"
        if family == "top":
            stack = []
        elif any(f == family for f, _ in stack):
            while stack and stack[-1][0] != family:
                stack.pop()
            stack.pop()
        parent = stack[-1][1] if stack else None
        cited = number
        if parent is not None:
            cited = passages[parent].number + (number if number.startswith("(") else f"({number})")
        passages.append(Passage(cited, written, start, end, parent, sub))
        stack.append((family, len(passages) - 1))
    if title is None:
        title = _first_line(text, 0, lines[starts[0][0]][0])
    return Segmented(tuple(passages), title, True)


def _trim(text: str, start: int, end: int) -> int:
    """The end of `text[start:end]` without trailing white space."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _first_line(text: str, start: int, end: int) -> str | None:
    for line in text[start:end].split("\n"):
        words = " ".join(line.strip("#*_ \t").split())
        if words:
            return words[:200]
    return None


def _paragraphs(text: str, lines: list[tuple[int, int]], title: str | None) -> Segmented:
    """Unnumbered text: each block of lines (or bullet) is a passage `[paragraph N]`; headings are not."""
    blocks: list[tuple[int, int]] = []
    current: list[int] | None = None
    for lo, hi in lines:
        line = text[lo:hi]
        if not line.strip() or _HEADING.match(line):
            current = None
            continue
        if current is None or _BULLET.match(line):
            current = [lo, hi]
            blocks.append((lo, hi))
        else:
            current[1] = hi
            blocks[-1] = (current[0], hi)
    passages = []
    for number, (lo, hi) in enumerate(blocks, 1):
        bullet = _BULLET.match(text, lo, hi)
        start = lo + (bullet.end() - 1 - lo if bullet else 0)
        while start < hi and text[start].isspace():
            start += 1
        end = _trim(text, start, hi)
        if end - start <= LONG_PARAGRAPH:
            passages.append(Passage(f"[paragraph {number}]", "", start, end))
            continue
        for k, (a, b) in enumerate(sentences(text, start, end), 1):  # a wall of text, as PDFs often give
            passages.append(Passage(f"[paragraph {number}.{k}]", "", a, b))
    return Segmented(tuple(passages), title, False)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, for messages."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_ABBREVIATIONS = frozenset(
    {"no", "nos", "feb", "jan", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
    | {"mr", "mrs", "ms", "dr", "st", "ave", "inc", "co", "corp", "ltd", "jr", "sr", "vs", "v", "e.g", "i.e"}
    | {"etc", "art", "sec", "para", "ch", "chap", "cf", "u.s", "u.s.c", "la", "stat", "rev", "gen", "op", "dept"}
)
_SENTENCE_END = re.compile(r"[.!?]['\"”’)\]]*(?=\s+['\"“‘(\[]?[A-Z])")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within `text[start:end]`, not splitting after abbreviations or initials."""
    spans = []
    lo = start
    for match in _SENTENCE_END.finditer(text, start, end):
        word = re.search(r"([\w.]+)\.?['\"”’)\]]*$", text[lo : match.end()])
        before = word.group(1).lower().rstrip(".") if word else ""
        if match.group().startswith(".") and (before in _ABBREVIATIONS or len(before) == 1):
            continue
        spans.append((lo, match.end()))
        lo = match.end()
        while lo < end and text[lo].isspace():
            lo += 1
    if lo < end:
        spans.append((lo, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]
