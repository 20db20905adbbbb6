"""Read each sentence's deontic shape: modality, action, actor, persons, counterpart, exceptions.

The rules, in order (each is data-driven by the phrases in the YAML rules):

- cues: modality and savings phrases are found; where two overlap the longer
  wins ("does not prohibit" is a savings cue, not a prohibition);
- a sentence with several modality cues is split at them only when at least
  two of the pieces name an action ("shall provide ... and shall not ask
  ..."); otherwise the cue listed first in the rules wins (a savings cue
  beats all, then prohibits, restricts, requires, permits as bundled);
- an exception cue (`except`, `unless`, `other than`, `without`) opens a span
  that runs to the end of the sentence, or, when it comes before the
  modality cue, to the next comma; conditions are read only inside such
  spans, and actions, persons and counterparts only outside them;
- among the terms found in one category, a term broader than another found
  is dropped (`status information` and `sending` give
  `send-status-information` only);
- the actor is the one mentioned nearest the modality cue, not a modifier
  ("members of the NOPD" is members);
- a sentence with exceptions but no modality or action adds them to the
  clause's previous part; a sub-item with an action but no modality takes
  the modality of its lead-in ("Members shall not: (a) ...").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from compliance.draft.cues import Hit, Lexicon, Token, longest, most_specific, tokens
from compliance.draft.evidence import Found, found
from compliance.draft.segment import Passage, sentences
from compliance.model.taxonomy import Taxonomy
from compliance.model.vocabulary import Category

_NOUNS: tuple[Category, ...] = ("actors", "persons", "counterparts")
_CATEGORIES: tuple[Category, ...] = ("actions", "actors", "persons", "counterparts", "conditions")


@dataclass(frozen=True)
class Part:
    """One drafted reading of (part of) a sentence; modality or action may be missing."""

    modality: str | None = None
    savings: bool = False
    action: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    counterpart: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    evidence: tuple[Found, ...] = ()
    sentence: tuple[int, int] = (0, 0)

    @property
    def complete(self) -> bool:
        return self.modality is not None and bool(self.action)

    def key(self) -> tuple[object, ...]:
        return (self.modality, self.savings, self.action, self.actor, self.persons, self.counterpart, self.exceptions)


@dataclass
class Reading:
    """What the drafter made of one passage."""

    passage: Passage
    parts: list[Part] = field(default_factory=list)
    leftovers: list[Part] = field(default_factory=list)
    role: str = "clause"  # clause, unclassified, lead-in, merged
    end: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def missing(self) -> tuple[str, ...]:
        """What no sentence of the passage has; both when each was found, but never in the same sentence."""
        everything = self.leftovers + self.parts
        out = []
        if not any(p.modality for p in everything):
            out.append("modality")
        if not any(p.action for p in everything):
            out.append("action")
        return tuple(out) or ("modality", "action")

    @property
    def apart(self) -> bool:
        """Were a modality and an action found, only in different sentences?"""
        everything = self.leftovers + self.parts
        return any(p.modality for p in everything) and any(p.action for p in everything)


@dataclass(frozen=True)
class Drafter:
    """The compiled rules and the vocabulary's hierarchy."""

    lexicon: Lexicon
    taxonomy: Taxonomy

    def sentence(self, source: str, start: int, end: int) -> list[Part]:
        """The parts of one sentence (one, unless it joins two independent duties)."""
        words = tokens(source, start, end)
        cues, exception_cues = self.lexicon.cue_hits(words)
        hits = _nouns_not_inside_others({c: self.lexicon.term_hits(c, words) for c in _CATEGORIES})
        hits["actors"] = _without_modifiers(hits["actors"], words)
        pieces = _pieces(cues, len(words))
        with_action = [lo for lo, hi, _ in pieces if any(lo <= h.first < hi for h in hits["actions"])]
        if len(with_action) < 2:
            best = min(cues, key=lambda c: (c.rank, c.first)) if cues else None
            pieces = [(0, len(words), best)]
        return [self._part(source, words, lo, hi, cue, hits, exception_cues, (start, end)) for lo, hi, cue in pieces]

    def _part(
        self,
        source: str,
        words: Sequence[Token],
        lo: int,
        hi: int,
        cue: Hit | None,
        hits: dict[Category, list[Hit]],
        exception_cues: list[Hit],
        sentence: tuple[int, int],
    ) -> Part:
        spans = _exception_spans(source, words, lo, hi, cue, exception_cues)
        outside = {i for i in range(lo, hi) if not any(a <= i <= b for a, b in spans)}
        inside = {i for a, b in spans for i in range(a, b + 1)}
        evidence: list[Found] = []

        def terms(category: Category, name: str, where: set[int]) -> tuple[str, ...]:
            chosen = [h for h in hits[category] if h.first in where]
            kept = most_specific(self.taxonomy, [h.value for h in chosen])
            evidence.extend(found(name, h, words) for h in chosen if h.value in kept)
            return kept

        action = terms("actions", "action", outside)
        persons = terms("persons", "persons", outside)
        counterpart = terms("counterparts", "counterpart", outside)
        exceptions = terms("conditions", "exceptions", inside)
        modality: str | None = None
        savings = False
        actor: tuple[str, ...] = ()
        if cue is not None:
            savings = cue.kind == "savings"
            modality = "permits" if savings else cue.value
            evidence.append(found("preserves" if savings else "modality", cue, words, "savings" if savings else None))
            if savings:
                evidence.append(found("modality", cue, words, "permits"))
            nearest = _nearest_actor(hits["actors"], cue, spans)
            if nearest is not None:
                actor = (nearest.value,)
                evidence.append(found("actor", nearest, words))
        for e in exception_cues:
            if lo <= e.first < hi and exceptions:
                evidence.append(found("exceptions", e, words, "cue"))
        return Part(modality, savings, action, actor, persons, counterpart, exceptions, tuple(evidence), sentence)

    def passage(self, source: str, passage: Passage) -> Reading:
        """Every sentence of a passage, gathered into its parts and what is left over."""
        reading = Reading(passage, end=passage.end)
        for number, (start, end) in enumerate(sentences(source, passage.start, passage.end), 1):
            for part in self.sentence(source, start, end):
                if part.complete:
                    reading.parts.append(part)
                elif part.exceptions and not part.action and part.modality is None and reading.parts:
                    reading.parts[-1] = _with_exceptions(reading.parts[-1], part)
                else:
                    reading.leftovers.append(part)
                    if part.action and reading.parts:
                        reading.notes.append(
                            f"sentence {number} names {', '.join(part.action)} but no modality: not drafted"
                        )
        reading.parts = _distinct(reading.parts)
        if not reading.parts:
            reading.role = "unclassified"
        return reading

    def under_lead_in(self, source: str, child: Reading, lead: Reading) -> Reading:
        """A sub-item read with its lead-in: it inherits a modality (and actor) it does not state."""
        cue_part = next((p for p in reversed(lead.parts + lead.leftovers) if p.modality), None)
        if child.parts or cue_part is None:
            return child
        adopted = []
        for part in child.leftovers:
            if part.action and part.modality is None:
                inherited = [f for f in cue_part.evidence if f.field in ("modality", "preserves", "actor")]
                adopted.append(
                    replace(
                        part,
                        modality=cue_part.modality,
                        savings=cue_part.savings,
                        actor=part.actor or cue_part.actor,
                        persons=part.persons or cue_part.persons,
                        counterpart=part.counterpart or cue_part.counterpart,
                        evidence=(*inherited, *part.evidence),
                    )
                )
        if adopted:
            child.parts = _distinct(adopted)
            child.leftovers = [p for p in child.leftovers if not (p.action and p.modality is None)]
            child.role = "clause"
            child.notes.append(f"modality from the lead-in of {lead.passage.number}")
        return child

    def conditions(self, source: str, passage: Passage, lead: Passage) -> tuple[Found, ...] | None:
        """The conditions a sub-item names when its lead-in ends on an exception cue ("except:"), if any.

        `(a) when executing a criminal warrant;` completes its lead-in's
        exception; a sub-item that names an action is a clause of its own.
        """
        lead_words = tokens(source, lead.start, lead.end)
        _, lead_exceptions = self.lexicon.cue_hits(lead_words)
        if not lead_exceptions or lead_exceptions[-1].last != len(lead_words) - 1:
            return None
        words = tokens(source, passage.start, passage.end)
        if self.lexicon.term_hits("actions", words):
            return None
        hits = self.lexicon.term_hits("conditions", words)
        kept = most_specific(self.taxonomy, [h.value for h in hits])
        return tuple(found("exceptions", h, words) for h in hits if h.value in kept) or None


def _pieces(cues: list[Hit], count: int) -> list[tuple[int, int, Hit | None]]:
    """The sentence cut at each modality cue; the words before the first cue belong to the first piece."""
    if not cues:
        return [(0, count, None)]
    ordered_cues = sorted(cues, key=lambda c: c.first)
    bounds = [0] + [c.first for c in ordered_cues[1:]] + [count]
    return [(bounds[i], bounds[i + 1], cue) for i, cue in enumerate(ordered_cues)]


def _exception_spans(
    source: str, words: Sequence[Token], lo: int, hi: int, cue: Hit | None, exception_cues: list[Hit]
) -> list[tuple[int, int]]:
    """Token ranges (inclusive) that state exceptions, each starting at its cue."""
    spans = []
    for e in exception_cues:
        if not lo <= e.first < hi or (cue is not None and e.overlaps(cue)):
            continue
        end = hi - 1
        if cue is not None and e.first < cue.first:
            comma = source.find(",", words[e.last].end, words[cue.first].start)
            end = cue.first - 1
            if comma != -1:
                end = max(i for i in range(e.first, cue.first) if words[i].start < comma)
        spans.append((e.first, end))
    return spans


def _nearest_actor(actors: list[Hit], cue: Hit, spans: list[tuple[int, int]]) -> Hit | None:
    def distance(h: Hit) -> tuple[int, int, int]:
        if h.overlaps(cue):
            gap = 0
        elif h.last < cue.first:
            gap = cue.first - h.last
        else:
            gap = h.first - cue.last
        return (gap, 0 if h.first <= cue.first else 1, h.first)

    eligible = [h for h in actors if not any(a <= h.first <= b for a, b in spans)]
    return min(eligible, key=distance) if eligible else None


def _without_modifiers(actors: list[Hit], words: Sequence[Token]) -> list[Hit]:
    """Drop an actor that only qualifies the one before it ("members of the NOPD")."""
    ends = {h.last for h in actors}
    kept = []
    for h in actors:
        before = [w.word for w in words[max(0, h.first - 2) : h.first]]
        gap = 1 if before[-1:] == ["of"] else 2 if before == ["of", "the"] else 0
        if gap and (h.first - gap - 1) in ends:
            continue
        kept.append(h)
    return kept


def _nouns_not_inside_others(hits: dict[Category, list[Hit]]) -> dict[Category, list[Hit]]:
    """An actor, person or counterpart phrase inside a longer one of another of those categories is not one."""
    nouns = [h for c in _NOUNS for h in hits[c]]
    keep = set(longest(nouns))
    return {c: [h for h in found_ if c not in _NOUNS or h in keep] for c, found_ in hits.items()}


def _with_exceptions(part: Part, extra: Part) -> Part:
    exceptions = tuple(dict.fromkeys((*part.exceptions, *extra.exceptions)))
    return replace(part, exceptions=exceptions, evidence=(*part.evidence, *extra.evidence))


def _distinct(parts: list[Part]) -> list[Part]:
    """Parts with the same reading merge (their evidence too), in order of first appearance."""
    merged: dict[tuple[object, ...], Part] = {}
    for part in parts:
        key = part.key()
        if key in merged:
            merged[key] = replace(merged[key], evidence=(*merged[key].evidence, *part.evidence))
        else:
            merged[key] = part
    return list(merged.values())
