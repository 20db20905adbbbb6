"""From a document's text to a reading of every passage, lead-ins and sub-items joined.

Why a separate step: a sub-item's meaning may live in its lead-in ("Members
shall not: (a) inquire ...") or complete its parent ("except: (a) when
executing a criminal warrant"), so passages are first read alone and then
joined here. Every passage ends up as a clause, an unclassified passage, a
lead-in whose sub-items carry it, or a sub-item merged into its parent:
nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from compliance.draft.classify import Drafter, Reading
from compliance.draft.cues import Lexicon
from compliance.draft.segment import Segmented, segment
from compliance.model.taxonomy import Taxonomy


@dataclass(frozen=True)
class DraftedText:
    """The readings of a document's passages, in source order."""

    source: str
    segmented: Segmented
    readings: tuple[Reading, ...]

    @property
    def clauses(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.role == "clause")

    @property
    def unclassified(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.role == "unclassified")


def draft_text(source: str, taxonomy: Taxonomy, lexicon: Lexicon | None = None) -> DraftedText:
    """Segment and read a whole document."""
    drafter = Drafter(lexicon or Lexicon.build(taxonomy), taxonomy)
    segmented = segment(source)
    readings = [drafter.passage(source, passage) for passage in segmented.passages]
    for index, reading in enumerate(readings):
        if reading.passage.end <= reading.passage.start:
            reading.role = "heading"  # a number alone on its line, such as "## Section 3" before its sub-items
            continue
        parent = reading.passage.parent
        if parent is None:
            continue
        lead = readings[parent]
        evidence = drafter.conditions(source, reading.passage, lead.passage)
        if evidence is not None and lead.parts:
            last = lead.parts[-1]
            exceptions = tuple(dict.fromkeys((*last.exceptions, *(f.value for f in evidence))))
            lead.parts[-1] = replace(last, exceptions=exceptions, evidence=(*last.evidence, *evidence))
            lead.end = max(lead.end, reading.passage.end)
            lead.notes.append(f"exceptions from its sub-item {reading.passage.written}")
            reading.role = "merged"
            continue
        readings[index] = drafter.under_lead_in(source, reading, lead)
        if readings[index].role == "clause" and not lead.parts:
            lead.role = "lead-in"
    return DraftedText(source, segmented, tuple(readings))
