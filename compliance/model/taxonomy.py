"""The vocabulary as trees: which terms are narrower than which.

Scopes are sets of terms closed downwards: naming a term covers everything
narrower. Both evaluators and the explanations use this one closure.

Why the closures are not all computed up front: in a chain of N terms the
closures together hold N²/2 entries (14,000 terms took 4.5 GB and minutes). A
term's closure is walked when it is asked for, in time linear in its size, and
kept only when small (`_KEPT`), so memory stays linear in the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from compliance.model.vocabulary import CATEGORIES, Category, VocabularyFile


@dataclass(frozen=True)
class Taxonomy:
    """Descendants and roots of every term, per category."""

    vocabulary: VocabularyFile
    _down: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _children: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _known: dict[Category, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _roots: dict[Category, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _category: dict[str, Category] = field(default_factory=dict, repr=False)
    _parent: dict[str, str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, vocabulary: VocabularyFile) -> Taxonomy:
        """Index the vocabulary; assumes parents exist and there are no cycles."""
        taxonomy = cls(vocabulary)
        for category in CATEGORIES:
            terms = vocabulary.category(category)
            children: dict[str, list[str]] = {term.id: [] for term in terms}
            for term in terms:
                taxonomy._category[term.id] = category
                taxonomy._parent[term.id] = term.parent
                if term.parent is not None:
                    children[term.parent].append(term.id)
            taxonomy._roots[category] = tuple(t.id for t in terms if t.parent is None)
            taxonomy._children.update(children)
        return taxonomy

    def below(self, terms: Iterable[str]) -> frozenset[str]:
        """Every term named, with all terms narrower than it."""
        out: set[str] = set()
        for term in terms:
            if term in out:
                continue  # already covered by a broader term named before it
            down = self._down.get(term)
            if down is None:
                down = _closure(term, self._children)
                if len(down) <= _KEPT:
                    self._down[term] = down
            out |= down
        return frozenset(out)

    def above(self, terms: Iterable[str]) -> frozenset[str]:
        """Every term named, with all terms broader than it."""
        out: set[str] = set()
        for term in terms:
            step: str | None = term
            while step is not None and step not in out:
                out.add(step)
                step = self._parent.get(step)
        return frozenset(out)

    def roots(self, category: Category) -> tuple[str, ...]:
        """The broadest terms of a category (an omitted field means these)."""
        return self._roots[category]

    def category_of(self, term: str) -> Category | None:
        """The category a term belongs to, or None for an unknown term."""
        return self._category.get(term)

    def terms(self, category: Category) -> tuple[str, ...]:
        """All term ids of a category, in file order."""
        return tuple(term.id for term in self.vocabulary.category(category))

    def known(self, category: Category) -> frozenset[str]:
        """All term ids of a category as a set, built once: the loader checks every name a file
        writes against it, and building it per name was quadratic in a large vocabulary."""
        found = self._known.get(category)
        if found is None:
            found = self._known[category] = frozenset(self.terms(category))
        return found


_KEPT = 256
"""Closures of at most this many terms are kept once walked (a larger one costs as much to copy as to walk)."""


def _closure(start: str, children: dict[str, list[str]]) -> frozenset[str]:
    seen = {start}
    stack = [start]
    while stack:
        for child in children[stack.pop()]:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return frozenset(seen)
