"""Turn the drafter's readings into a policy document in the project's own format.

Why through the model: the draft is built as a `PolicyDocument` and written
with the loader's one YAML writer, so it is valid by construction and reads
back as the same model; `compliance draft` then loads the written file like
any other to prove it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compliance.draft.assemble import DraftedText
from compliance.draft.classify import Part, Reading
from compliance.draft.evidence import Found, as_models
from compliance.draft.segment import sentences
from compliance.model.policy import Clause, DraftState, PolicyDocument, Preserves, UnclassifiedClause


@dataclass(frozen=True)
class Metadata:
    """What the command line says about the document; the text cannot say it reliably."""

    id: str
    title: str
    issuer: str
    issuer_kind: str
    drafted_from: str
    jurisdiction: str = "unknown"
    sha256: str | None = None
    adopted: dt.date | None = None
    source: str | None = None
    encodes: str | None = None
    gaps: tuple[str, ...] = ()  # what the reviewer must still supply


def _clause(drafted: DraftedText, reading: Reading, index: int, part: Part) -> Clause:
    source = drafted.source
    passage = reading.passage
    notes = list(reading.notes)
    if len(reading.parts) > 1:
        spans = sentences(source, passage.start, reading.end)
        which = next((k for k, span in enumerate(spans, 1) if span[0] <= part.sentence[0] < span[1]), 0)
        notes.insert(0, f"part {index + 1} of {len(reading.parts)}: drafted from sentence {which} of {len(spans)}")
    if passage.parent is not None:
        lead = drafted.readings[passage.parent].passage
        notes.append(f"sub-item of {lead.number}, whose lead-in reads: “{lead.text(source)}”")
    preserves = Preserves(action=part.action, counterpart=part.counterpart) if part.savings else None
    return Clause(
        number=passage.number,
        part=None if index == 0 else str(index + 1),
        text=" ".join(source[passage.start : reading.end].split()),
        note="; ".join(notes) or None,
        modality=part.modality,
        actor=part.actor,
        action=part.action,
        persons=part.persons,
        counterpart=part.counterpart,
        exceptions=part.exceptions,
        preserves=preserves,
        review="unreviewed",
        evidence=as_models(part.evidence, source),
    )


def _unclassified(drafted: DraftedText, reading: Reading) -> UnclassifiedClause:
    evidence: list[Found] = [f for part in reading.leftovers for f in part.evidence]
    missing = reading.missing
    return UnclassifiedClause(
        number=reading.passage.number,
        text=reading.passage.text(drafted.source),
        missing=missing,
        evidence=as_models(evidence, drafted.source),
        note=(
            "a modality and an action were found, but not in the same sentence"
            if reading.apart
            else "no " + " and no ".join(missing) + " found"
        )
        + ": classify it by hand and move it to `clauses`",
    )


def _clauses(drafted: DraftedText) -> list[Clause]:
    """Every drafted clause; a number the source uses again (two lists each starting at 1.) gets
    `part: at line N` from its second use on, since a clause is cited by its number and part."""
    used: set[str] = set()
    out = []
    for reading in drafted.clauses:
        number = reading.passage.number
        where = None
        if number in used:
            where = f"at line {drafted.source.count(chr(10), 0, reading.passage.start) + 1}"
        used.add(number)
        for index, part in enumerate(reading.parts):
            clause = _clause(drafted, reading, index, part)
            if where is not None:
                clause = clause.model_copy(update={"part": where + (f", {clause.part}" if clause.part else "")})
            out.append(clause)
    return out


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def document(drafted: DraftedText, meta: Metadata) -> PolicyDocument:
    """The draft as a policy document, every clause unreviewed."""
    clauses = _clauses(drafted)
    unclassified = [_unclassified(drafted, r) for r in drafted.unclassified]
    lead_ins = [r.passage.number for r in drafted.readings if r.role == "lead-in"]
    note = [
        f"Drafted by `compliance draft` from {meta.drafted_from}: {_count(len(clauses), 'clause')},"
        f" {_count(len(unclassified), 'unclassified passage')}. Review each clause against its evidence"
        " (character offsets into the text read), delete its `review: unreviewed`, and set `draft.status: reviewed`."
    ]
    if lead_ins:
        note.append(f"Lead-ins carried by their sub-items: {', '.join(lead_ins)}.")
    if meta.gaps:
        note.append("Not given: " + "; ".join(meta.gaps) + ".")
    return PolicyDocument(
        id=meta.id,
        title=meta.title,
        issuer=meta.issuer,
        issuer_kind=meta.issuer_kind,
        jurisdiction=meta.jurisdiction,
        adopted=meta.adopted,
        source=meta.source,
        encodes=meta.encodes,
        draft=DraftState(status="unreviewed", drafted_from=meta.drafted_from, sha256=meta.sha256, note=" ".join(note)),
        clauses=tuple(clauses),
        unclassified=tuple(unclassified),
    )


def to_yaml(policy: PolicyDocument) -> str:
    """The draft as YAML, through the project's one writer."""
    from compliance.loader.yaml_write import dump_yaml, model_data

    origin = policy.draft.drafted_from if policy.draft else "?"
    header = (
        f"DRAFT of {policy.title}, written by `compliance draft` from {origin}.\n"
        "Every field was read from the text by the phrases in rules/vocabulary.yaml; each clause's\n"
        "`evidence` gives the words and their character offsets. A person must review it before use."
    )
    data = model_data(policy)
    for key in ("clauses", "unclassified"):
        data[key] = [_reading_order(item) for item in data.get(key, [])]
    return dump_yaml(data, header=header)


_ORDER: tuple[str, ...] = ("number", "part", "text", "verified", "note", "missing", "modality", "actor", "action")
_ORDER += ("persons", "counterpart", "exceptions", "preserves", "review", "evidence")


def _reading_order(item: dict[str, object]) -> dict[str, object]:
    """A clause's keys in the order the bundled policies use: number and text first, evidence last."""
    return {key: item[key] for key in sorted(item, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER))}
