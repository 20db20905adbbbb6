"""Match the phrases of the YAML rules against a policy's words.

Why a tiny matcher of our own and not regular expressions from YAML: a rules
author writes plain words (`forbid* ... from`), never a pattern language that
could be slow or wrong; matching is on whole words, case-insensitively, with
`*` for any ending and `...` for a short gap, so a phrase means what it says
and every match is reproducible from the phrase and the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from compliance.model.law import Modality
from compliance.model.taxonomy import Taxonomy
from compliance.model.vocabulary import Category, DraftingCues

GAP = 8
"""How many words `...` may stand for."""

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Token:
    """One word of the source: its lower-case form and where it is."""

    word: str
    start: int
    end: int


def tokens(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """The words of `text[start:end]`, with offsets into `text`."""
    stop = len(text) if end is None else end
    return tuple(
        Token(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)
    )


def index_words(words: Sequence[Token]) -> dict[str, list[int]]:
    """Where each distinct word occurs, in order."""
    index: dict[str, list[int]] = {}
    for position, token in enumerate(words):
        index.setdefault(token.word, []).append(position)
    return index


@dataclass(frozen=True)
class Pattern:
    """A compiled phrase: words (`prefix*` allowed) with optional gaps between them."""

    phrase: str
    words: tuple[str, ...]
    gaps: tuple[bool, ...]  # gaps[i]: may up to GAP words stand before words[i]?

    @classmethod
    def compile(cls, phrase: str) -> Pattern:
        words: list[str] = []
        gaps: list[bool] = []
        gap = False
        for part in phrase.lower().replace("’", "'").split():
            if part == "...":
                gap = True
                continue
            words.append(part)
            gaps.append(gap)
            gap = False
        return cls(phrase, tuple(words), tuple(gaps))

    def _word_matches(self, index: int, word: str) -> bool:
        expected = self.words[index]
        return word.startswith(expected[:-1]) if expected.endswith("*") else word == expected

    def find(self, words: Sequence[Token], index: dict[str, list[int]] | None = None) -> list[tuple[int, ...]]:
        """Every match as the positions of the words it matched, the shortest one for each start.

        `index` (word → positions, from `index_words`) lets a long text skip the
        positions where the phrase's first word cannot match.
        """
        if index is None:
            index = index_words(words)
        head = self.words[0]
        if head.endswith("*"):
            starts = sorted(p for word, ps in index.items() if word.startswith(head[:-1]) for p in ps)
        else:
            starts = index.get(head, [])
        found = []
        memo: dict[tuple[int, int], tuple[int, ...] | None] = {}
        for first in starts:
            matched = self._match_from(words, 0, first, memo)
            if matched is not None:
                found.append(matched)
        return found

    def _match_from(
        self, words: Sequence[Token], index: int, at: int, memo: dict[tuple[int, int], tuple[int, ...] | None]
    ) -> tuple[int, ...] | None:
        """The first match (fewest words skipped, earliest word first) of words `index`… from `at`.

        Memoised on (word, position): the answer depends on nothing else, so each pair is
        worked out once and a phrase of K gaps costs O(K·GAP) per position of the text.
        Without it a phrase "x ... x ... y" backtracked through every way to place the x's
        (GAP+1 per gap: 82 s at seven gaps on sixty words).
        """
        if index == len(self.words):
            return ()
        if (index, at) in memo:
            return memo[(index, at)]
        found: tuple[int, ...] | None = None
        reach = GAP if self.gaps[index] and index > 0 else 0
        for skip in range(reach + 1):
            position = at + skip
            if position >= len(words):
                break
            if self._word_matches(index, words[position].word):
                rest = self._match_from(words, index + 1, position + 1, memo)
                if rest is not None:
                    found = (position, *rest)
                    break
        memo[(index, at)] = found
        return found


@dataclass(frozen=True)
class Hit:
    """A phrase found in the text: what it signals, and the words it matched."""

    kind: str  # a vocabulary category, "modality", "savings" or "exception"
    value: str  # a term id, a modality, or the kind again for savings/exceptions
    matched: tuple[int, ...]  # positions of the matched words (gaps excluded)
    pattern: str
    rank: int = 0  # a cue's priority: lower wins

    @property
    def first(self) -> int:
        return self.matched[0]

    @property
    def last(self) -> int:
        return self.matched[-1]

    def overlaps(self, other: Hit) -> bool:
        return self.first <= other.last and other.first <= self.last

    def within(self, other: Hit) -> bool:
        """Are all the words this hit matched also matched by `other`, which matched more?"""
        return len(other.matched) > len(self.matched) and set(self.matched) <= set(other.matched)


@dataclass(frozen=True)
class Lexicon:
    """Every phrase of the rules, compiled once: vocabulary terms per category and the drafting cues."""

    terms: dict[Category, tuple[tuple[str, Pattern], ...]]
    modalities: tuple[tuple[Modality, int, Pattern], ...]
    savings: tuple[Pattern, ...]
    exceptions: tuple[Pattern, ...]

    @classmethod
    def build(cls, taxonomy: Taxonomy) -> Lexicon:
        vocabulary = taxonomy.vocabulary
        cues: DraftingCues = vocabulary.drafting
        terms = {
            category: tuple(
                (term.id, Pattern.compile(p)) for term in vocabulary.category(category) for p in term.phrases
            )
            for category in ("actions", "actors", "persons", "counterparts", "conditions")
        }
        modalities = tuple(
            (cue.modality, rank, Pattern.compile(p)) for rank, cue in enumerate(cues.modalities) for p in cue.phrases
        )
        return cls(
            terms,  # type: ignore[arg-type]
            modalities,
            tuple(Pattern.compile(p) for p in cues.savings),
            tuple(Pattern.compile(p) for p in cues.exceptions),
        )

    def term_hits(self, category: Category, words: Sequence[Token]) -> list[Hit]:
        """Every term of a category found in the words, overlaps resolved (the longest phrase wins)."""
        index = index_words(words)
        hits = [
            Hit(category, term, matched, pattern.phrase)
            for term, pattern in self.terms[category]
            for matched in pattern.find(words, index)
        ]
        return longest(hits)

    def cue_hits(self, words: Sequence[Token]) -> tuple[list[Hit], list[Hit]]:
        """Modality and savings cues, and exception cues; where any two overlap the longest wins.

        Why one contest for all cues: "shall not apply" is an exception, not a
        prohibition, and "shall not be construed to" is a savings clause.
        """
        index = index_words(words)
        cues = [
            Hit("modality", modality, matched, pattern.phrase, rank)
            for modality, rank, pattern in self.modalities
            for matched in pattern.find(words, index)
        ]
        cues += [Hit("savings", "savings", m, p.phrase, -1) for p in self.savings for m in p.find(words, index)]
        cues += [
            Hit("exception", "exception", m, p.phrase, 1000) for p in self.exceptions for m in p.find(words, index)
        ]
        kept = longest(cues)
        return [h for h in kept if h.kind != "exception"], [h for h in kept if h.kind == "exception"]


def longest(hits: Iterable[Hit]) -> list[Hit]:
    """Drop every hit whose words a longer hit also matched, and repeats of the same words.

    Why: "does not prohibit" must beat "prohibit" and "ICE detainer requests"
    must beat "ICE", yet "sending ... information" and "receiving ...
    information" share a word and are both meant. The result does not depend
    on the order of the rules file.
    """
    pool = sorted(set(hits), key=lambda h: (h.first, -len(h.matched), h.rank, h.value, h.pattern))
    kept: list[Hit] = []
    for hit in pool:
        if any(hit.within(other) for other in pool):
            continue
        if any(other.matched == hit.matched and other.value == hit.value for other in kept):
            continue
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.first, h.last, h.value))


def most_specific(taxonomy: Taxonomy, terms: Iterable[str]) -> tuple[str, ...]:
    """The terms found, without any that is broader than another one found (in order of first mention)."""
    found = list(dict.fromkeys(terms))
    return tuple(t for t in found if not any(o != t and t in taxonomy.above([o]) for o in found))
