"""Turn a finding into the chain of reasons a reader can check against the law.

clause text → its modality and scope → vocabulary links the reading added →
the provision's norm (and any widening) → where they meet → the relation →
the savings clause or exceptions that changed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from compliance.engine.findings import Finding
from compliance.model.corpus import Corpus
from compliance.model.policy import Clause, Interpretation
from compliance.model.readings import Reading
from compliance.semantics.scope import clause_scope, for_provision, link_groups, provision_scope, widened_actions

StepKind = Literal[
    "clause",
    "scope",
    "link",
    "norm",
    "widen",
    "meet",
    "exceptions",
    "relation",
    "savings-link",
    "savings",
    "apart",
    "interpretation",
    "holder",
    "validity",
    "supremacy",
]


@dataclass(frozen=True)
class Step:
    """One link of the chain: what kind of step it is, its text, and the reading that added it (if any).

    Why labelled: `explain` prints each step under its kind, and `dispute` picks out
    the steps a reading added (links, widenings) to say why readings disagree.
    """

    kind: StepKind
    text: str
    reading: str | None = None
    ref: tuple[int, ...] = ()
    """For link steps, the index of the reading's link; for widen steps, of its widenings."""


_NORM_WORDS = {"not-restrict": "must not restrict", "prohibit": "must prohibit", "require": "must require"}


def _terms(terms: tuple[str, ...] | list[str]) -> str:
    return ", ".join(terms) if terms else "(any)"


def _clause_step(clause: Clause) -> str:
    parts = [f"clause {clause.key} {clause.modality} {_terms(clause.action)}"]
    if clause.persons:
        parts.append(f"for {_terms(clause.persons)}")
    if clause.counterpart:
        parts.append(f"towards {_terms(clause.counterpart)}")
    if clause.exceptions:
        parts.append(f"except {_terms(clause.exceptions)}")
    return " ".join(parts)


def explain(
    corpus: Corpus,
    clause: Clause,
    finding: Finding,
    reading: Reading,
    clauses: dict[str, Clause],
    interpretations: tuple[Interpretation, ...] = (),
) -> tuple[str, ...]:
    """The derivation of one finding, as ordered steps."""
    return tuple(step.text for step in derive(corpus, clause, finding, reading, clauses, interpretations))


def _holders(reading: Reading) -> str:
    return "; ".join(f"{h.name} ({h.authority}{', ' + h.court if h.court else ''})" for h in reading.held_by)


def _link_words(reading: Reading, term: str, includes: tuple[str, ...], kind: str, why: str) -> str:
    verb = "holds that a clause on {t} may be applied so as to restrict" if kind == "risk" else "reads {t} as including"
    return f"reading {reading.id} {verb.format(t=term)} {_terms(includes)}: {why}"


def _interpretation_words(interpretation: Interpretation) -> str:
    return (
        f"interpretation by {interpretation.by} ({interpretation.date.isoformat()}), accepted by the reading: clause "
        f'{interpretation.clause} {interpretation.effect} {_terms(interpretation.action)}: "'
        f'{_shorten(interpretation.quote)}"'
    )


def derive(
    corpus: Corpus,
    clause: Clause,
    finding: Finding,
    reading: Reading,
    clauses: dict[str, Clause],
    interpretations: tuple[Interpretation, ...] = (),
) -> tuple[Step, ...]:
    """The derivation of one finding, as ordered, labelled steps.

    Only the reading's links stated for the finding's provision appear (with their index in
    the whole reading), and the issuer's interpretations the reading accepted on the date.
    """
    located = corpus.provision(finding.provision)
    provision = located.provision
    base = corpus.taxonomy.below(clause.action)
    stated = {i for i, link in enumerate(reading.links) if provision.id in link.provisions}
    steps = [Step("clause", f'{clause.key}: "{_shorten(clause.text)}"'), Step("scope", _clause_step(clause))]
    for item in interpretations:
        if item.clause == clause.key and item.effect != "preserves":
            steps.append(Step("interpretation", _interpretation_words(item), reading.id))
    if stated or any(provision.id in w.provisions for w in reading.widen):
        steps.append(Step("holder", f"reading {reading.id} is held by {_holders(reading)}", reading.id))
    for index, link in enumerate(reading.links):
        if index not in stated:
            continue
        if link.term in base and set(corpus.taxonomy.below(link.includes)) & set(finding.overlap):
            steps.append(
                Step(
                    "link",
                    _link_words(reading, link.term, link.includes, link.kind, link.why)
                    + f" (stated for {_terms(link.provisions)})",
                    reading.id,
                    (index,),
                )
            )
    widened = widened_actions(provision, reading)
    steps.append(
        Step(
            "norm",
            f"{provision.cite} {_NORM_WORDS[provision.norm.must]} {_terms(provision.norm.action)}"
            + (f" towards {_terms(provision.norm.counterpart)}" if provision.norm.counterpart else "")
            + f': "{_shorten(provision.text)}"',
        )
    )
    if len(widened) > len(provision.norm.action):
        why = " ".join(w.why for w in reading.widen if provision.id in w.provisions)
        used = tuple(i for i, w in enumerate(reading.widen) if provision.id in w.provisions)
        steps.append(
            Step("widen", f"reading {reading.id} widens {provision.cite} to {_terms(widened)}: {why}", reading.id, used)
        )
    for event in provision.validity:
        steps.append(
            Step(
                "validity",
                f"validity of {provision.cite}: {event.holding} by {event.court} ({event.date.isoformat()}, "
                f'{event.cite}; binds {_terms(event.reach)}): "{_shorten(event.quote)}"',
            )
        )
    steps.append(Step("meet", f"they meet at {_terms(finding.overlap)}"))
    if clause.exceptions:
        steps.append(Step("exceptions", _exceptions_step(clause, finding, provision.norm.tolerates)))
    steps.append(Step("relation", _relation_step(corpus, clause, finding, reading)))
    if finding.relation == "neutralised":
        for key in finding.savings:
            saver = clauses[key]
            assert saver.preserves is not None
            kept = corpus.taxonomy.below(saver.preserves.action)
            for item in interpretations:
                if item.clause == key and item.effect == "preserves":
                    steps.append(Step("interpretation", _interpretation_words(item), reading.id))
                    kept = kept | corpus.taxonomy.below(item.action)
            for index, link in enumerate(reading.links):
                if (
                    index in stated
                    and link.kind == "definition"
                    and link.term in kept
                    and set(corpus.taxonomy.below(link.includes)) & set(finding.overlap) - kept
                ):
                    steps.append(
                        Step(
                            "savings-link",
                            f"reading {reading.id} reads {link.term} as including {_terms(link.includes)}: {link.why}",
                            reading.id,
                            (index,),
                        )
                    )
            steps.append(
                Step(
                    "savings",
                    f"savings clause {key} preserves {_terms(saver.preserves.action)}"
                    + (f" towards {_terms(saver.preserves.counterpart)}" if saver.preserves.counterpart else "")
                    + " in the same document, so the conflict is neutralised",
                )
            )
    return tuple(steps)


def _exceptions_step(clause: Clause, finding: Finding, tolerates: tuple[str, ...]) -> str:
    """What the clause's exceptions do to this finding: they never lift a conflict, and decide full or partial."""
    named = _terms(clause.exceptions)
    if finding.relation in ("conflicts", "neutralised"):
        return (
            f"its exceptions ({named}) do not lift the conflict: outside them the clause still "
            f"{clause.modality} {_terms(finding.overlap)}"
        )
    kept = [e for e in clause.exceptions if e not in tolerates]
    if not kept:
        return f"its exceptions ({named}) are all tolerated by the norm"
    return f"its exceptions ({_terms(kept)}) are not tolerated by the norm (it tolerates {_terms(tolerates)})"


def _relation_step(corpus: Corpus, clause: Clause, finding: Finding, reading: Reading) -> str:
    located = corpus.provision(finding.provision)
    provision = located.provision
    ((reading, _),) = link_groups(reading, [located])
    if finding.relation == "potential-conflict" or (
        finding.relation == "neutralised" and not _meets(corpus, clause, finding, reading)
    ):
        return (
            f"only the reading's risk of application makes a clause that {clause.modality} meet a norm that "
            f"{_NORM_WORDS[provision.norm.must]}: potential-conflict (undetermined until the issuer's "
            "interpretation is on record and accepted)"
        )
    if finding.relation in ("conflicts", "neutralised"):
        return (
            f"a clause that {clause.modality} conflicts with a norm that {_NORM_WORDS[provision.norm.must]}: conflicts"
        )
    if finding.relation == "satisfies":
        return f"{clause.modality} meets the norm over its whole scope: satisfies"
    scope = clause_scope(corpus, clause, for_provision(reading, provision.id))
    target = provision_scope(corpus, provision, reading)
    missing = [
        t
        for t in (*target.named_actions, *target.named_persons, *target.named_counterparts)
        if t not in scope.actions | scope.persons | scope.counterparts
    ]
    extra = [e for e in clause.exceptions if e not in target.tolerates]
    why = []
    if missing:
        why.append(f"does not cover {_terms(missing)}")
    if extra:
        why.append(f"carves out {_terms(extra)}")
    if not why:
        why.append(f"a clause that {clause.modality} only goes part of the way")
    return "; ".join(why) + ": partially-satisfies"


def _meets(corpus: Corpus, clause: Clause, finding: Finding, reading: Reading) -> bool:
    """Does the clause meet the provision by its terms and the reading's definitions (not only by a risk)?"""
    scope = clause_scope(corpus, clause, for_provision(reading, finding.provision))
    return bool(scope.actions & set(finding.overlap))


def _shorten(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
