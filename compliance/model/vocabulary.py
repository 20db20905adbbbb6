"""The controlled terms in which provisions and clauses are written.

Every category is a forest: a term names its broader `parent`, and a scope
that names a term covers everything narrower. The model only checks shape;
the loader checks that parents exist and that there are no cycles.
"""

from __future__ import annotations

from typing import Literal

from compliance.model.base import Label, Model, TermId, Text, Url

Category = Literal["actions", "actors", "persons", "counterparts", "conditions"]
CATEGORIES: tuple[Category, ...] = ("actions", "actors", "persons", "counterparts", "conditions")


class Term(Model):
    """One controlled term, with its definition and, where it comes from law, a citation."""

    id: TermId
    definition: Text
    parent: TermId | None = None
    cite: Label | None = None
    source: Url | None = None


class VocabularyFile(Model):
    """`rules/vocabulary.yaml`: one list of terms per category."""

    version: Literal["1"] = "1"
    actions: tuple[Term, ...]
    actors: tuple[Term, ...]
    persons: tuple[Term, ...]
    counterparts: tuple[Term, ...]
    conditions: tuple[Term, ...] = ()

    def category(self, name: Category) -> tuple[Term, ...]:
        """The terms of one category, by name."""
        return getattr(self, name)
