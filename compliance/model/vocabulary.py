"""The controlled terms in which provisions and clauses are written.

Every category is a forest: a term names its broader `parent`, and a scope
that names a term covers everything narrower. The model only checks shape;
the loader checks that parents exist and that there are no cycles.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, StringConstraints

from compliance.model.base import Label, Model, TermId, Text, Url
from compliance.model.law import Modality

Category = Literal["actions", "actors", "persons", "counterparts", "conditions"]
CATEGORIES: tuple[Category, ...] = ("actions", "actors", "persons", "counterparts", "conditions")

_WORD = r"[^\W_]+(?:['’][^\W_]+)*\*?"
_PHRASE = re.compile(rf"{_WORD}(?: (?:\.\.\. )?{_WORD})*")


def _check_phrase(value: str) -> str:
    if len(value) > 200 or not _PHRASE.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a drafting phrase: write words separated by single spaces, `*` at the end of a "
            "word for any ending (`inquir*`), and `...` between two words for up to eight words in between "
            "(`forbid* ... from`)"
        )
    return value


Phrase = Annotated[str, StringConstraints(strict=True), AfterValidator(_check_phrase)]
"""Words that signal a term or cue to `compliance draft`, matched case-insensitively on whole words."""


class Term(Model):
    """One controlled term, with its definition and, where it comes from law, a citation."""

    id: TermId
    definition: Text
    parent: TermId | None = None
    cite: Label | None = None
    source: Url | None = None
    phrases: tuple[Phrase, ...] = ()
    """Words that signal this term in a policy's text, so that `compliance draft` learns it from YAML."""


class ModalityCue(Model):
    """Phrases that signal one clause modality; cues are listed in priority order."""

    modality: Modality
    phrases: tuple[Phrase, ...]


class DraftingCues(Model):
    """The words `compliance draft` reads a clause's deontic shape from, as data.

    Why here: a rules author teaches the drafter in the same file as the terms.
    When one sentence carries cues of several modalities, the one listed first
    wins (a savings cue beats all of them); at one place the longest phrase wins.
    """

    modalities: tuple[ModalityCue, ...] = ()
    savings: tuple[Phrase, ...] = ()
    exceptions: tuple[Phrase, ...] = ()


class VocabularyFile(Model):
    """`rules/vocabulary.yaml`: one list of terms per category.

    Every category may be left out: a `--rules` layer's vocabulary holds only the
    terms it adds. The loader checks the vocabulary all layers make together (one
    root each for actors, persons and counterparts), so a lone file that omits one
    is still refused, at that file.
    """

    version: Literal["1"] = "1"
    actions: tuple[Term, ...] = ()
    actors: tuple[Term, ...] = ()
    persons: tuple[Term, ...] = ()
    counterparts: tuple[Term, ...] = ()
    conditions: tuple[Term, ...] = ()
    drafting: DraftingCues = DraftingCues()

    def category(self, name: Category) -> tuple[Term, ...]:
        """The terms of one category, by name."""
        return getattr(self, name)
