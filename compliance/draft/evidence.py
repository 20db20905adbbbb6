"""Evidence: the words that made the drafter fill a field, with their place in the source.

Why kept apart from classification: the reviewer's trust rests on being able
to find every field's trigger in the text, so the offsets are taken from the
source once, here, and never recomputed from normalised text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from compliance.draft.cues import Hit, Token
from compliance.model.policy import Evidence

FIELD_ORDER = ("modality", "preserves", "actor", "action", "persons", "counterpart", "exceptions")


@dataclass(frozen=True)
class Found:
    """One field value and the words that signalled it."""

    field: str
    value: str
    start: int
    end: int
    cue: str

    def words(self, source: str) -> str:
        """The triggering words as written (line breaks shown as spaces)."""
        return " ".join(source[self.start : self.end].split())


def found(field: str, hit: Hit, words: Sequence[Token], value: str | None = None) -> Found:
    """Evidence for `field` from a phrase hit over `words`."""
    return Found(field, value or hit.value, words[hit.first].start, words[hit.last].end, hit.pattern)


def ordered(items: Iterable[Found]) -> list[Found]:
    """One item per (field, value), the first in the text, in a fixed field order."""
    first: dict[tuple[str, str], Found] = {}
    for item in sorted(items, key=lambda f: (f.start, f.end, f.field, f.value)):
        first.setdefault((item.field, item.value), item)
    return sorted(first.values(), key=lambda f: (FIELD_ORDER.index(f.field), f.start, f.value))


def as_models(items: Iterable[Found], source: str) -> tuple[Evidence, ...]:
    """The evidence as it is written into the draft."""
    return tuple(
        Evidence(field=f.field, value=f.value, phrase=f.words(source)[:200], start=f.start, end=f.end, cue=f.cue)
        for f in ordered(items)
    )
