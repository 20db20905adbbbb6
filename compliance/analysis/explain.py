"""Turn a finding into the chain of reasons a reader can check against the law.

clause text → its modality and scope → vocabulary links the reading added →
the provision's norm (and any widening) → where they meet → the relation →
the savings clause or exceptions that changed it.
"""

from __future__ import annotations

from compliance.engine.findings import Finding
from compliance.model.corpus import Corpus
from compliance.model.policy import Clause
from compliance.model.readings import Reading
from compliance.semantics.scope import clause_scope, provision_scope, widened_actions

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
    corpus: Corpus, clause: Clause, finding: Finding, reading: Reading, clauses: dict[str, Clause]
) -> tuple[str, ...]:
    """The derivation of one finding, as ordered steps."""
    located = corpus.provision(finding.provision)
    provision = located.provision
    base = corpus.taxonomy.below(clause.action)
    steps = [f'{clause.key}: "{_shorten(clause.text)}"', _clause_step(clause)]
    for link in reading.links:
        if link.term in base and set(corpus.taxonomy.below(link.includes)) & set(finding.overlap):
            steps.append(f"reading {reading.id} reads {link.term} as including {_terms(link.includes)}: {link.why}")
    widened = widened_actions(provision, reading)
    steps.append(
        f"{provision.cite} {_NORM_WORDS[provision.norm.must]} {_terms(provision.norm.action)}"
        + (f" towards {_terms(provision.norm.counterpart)}" if provision.norm.counterpart else "")
        + f': "{_shorten(provision.text)}"'
    )
    if len(widened) > len(provision.norm.action):
        why = " ".join(w.why for w in reading.widen if provision.id in w.provisions)
        steps.append(f"reading {reading.id} widens {provision.cite} to {_terms(widened)}: {why}")
    steps.append(f"they meet at {_terms(finding.overlap)}")
    steps.append(_relation_step(corpus, clause, finding, reading))
    if finding.relation == "neutralised":
        for key in finding.savings:
            saver = clauses[key]
            assert saver.preserves is not None
            kept = corpus.taxonomy.below(saver.preserves.action)
            for link in reading.links:
                if link.term in kept and set(corpus.taxonomy.below(link.includes)) & set(finding.overlap) - kept:
                    steps.append(
                        f"reading {reading.id} reads {link.term} as including {_terms(link.includes)}: {link.why}"
                    )
            steps.append(
                f"savings clause {key} preserves {_terms(saver.preserves.action)}"
                + (f" towards {_terms(saver.preserves.counterpart)}" if saver.preserves.counterpart else "")
                + " in the same document, so the conflict is neutralised"
            )
    return tuple(steps)


def _relation_step(corpus: Corpus, clause: Clause, finding: Finding, reading: Reading) -> str:
    provision = corpus.provision(finding.provision).provision
    if finding.relation in ("conflicts", "neutralised"):
        return (
            f"a clause that {clause.modality} conflicts with a norm that {_NORM_WORDS[provision.norm.must]}: conflicts"
        )
    if finding.relation == "satisfies":
        return f"{clause.modality} meets the norm over its whole scope: satisfies"
    scope = clause_scope(corpus, clause, reading)
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


def _shorten(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
