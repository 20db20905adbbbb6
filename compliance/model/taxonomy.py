"""The vocabulary as trees: which terms are narrower than which.

Scopes are sets of terms closed downwards: naming a term covers everything
narrower. Both evaluators and the explanations use this one closure, so the
hierarchy is computed once per vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from compliance.model.vocabulary import CATEGORIES, Category, VocabularyFile


@dataclass(frozen=True)
class Taxonomy:
    """Descendants and roots of every term, per category."""

    vocabulary: VocabularyFile
    _down: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
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
            for term in terms:
                taxonomy._down[term.id] = _closure(term.id, children)
        return taxonomy

    def below(self, terms: Iterable[str]) -> frozenset[str]:
        """Every term named, with all terms narrower than it."""
        out: set[str] = set()
        for term in terms:
            out |= self._down[term]
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


def _closure(start: str, children: dict[str, list[str]]) -> frozenset[str]:
    seen = {start}
    stack = [start]
    while stack:
        for child in children[stack.pop()]:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return frozenset(seen)
