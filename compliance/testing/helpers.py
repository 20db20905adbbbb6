"""Evaluate generated policies without the command line: `check`, `relation`, `load_rules`.

Why a helper and not `compliance.analysis.check`: a property test runs
thousands of cases, so this skips explanations and reports, and returns
plain data (verdicts by provision id, the findings) that assertions read
directly. Verdicts are computed by the same `verdict_for` the CLI uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from compliance.analysis.check import accepted, applicable, verdict_for
from compliance.analysis.result import Verdict
from compliance.bundled import rules_dir
from compliance.engine.findings import Evaluator, Finding
from compliance.engine.reference import relate
from compliance.errors import did_you_mean
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import ClauseScope
from compliance.model.policy import PolicyDocument
from compliance.model.readings import Reading

BUNDLED_RULES = rules_dir()
"""The rules shipped with the package (what `compliance check` uses by default), found as package data."""

Rules = Corpus | str | Path | None
Engine = Literal["reference", "durable"]


@lru_cache(maxsize=8)
def _load(path: str) -> Corpus:
    from compliance.loader.corpus import load_corpus

    return load_corpus(Path(path))


def load_rules(rules: Rules = None) -> Corpus:
    """A corpus from a rules directory (loaded once per path), or the corpus given, or the bundled rules."""
    if isinstance(rules, Corpus):
        return rules
    return _load(str(Path(rules or BUNDLED_RULES).resolve()))


def _reading(corpus: Corpus, reading: str | Reading | None) -> Reading:
    if isinstance(reading, Reading):
        return reading
    if not reading:
        return corpus.readings[0]
    if reading not in corpus.reading_ids:
        known = corpus.reading_ids
        raise ValueError(f"unknown reading {reading!r}{did_you_mean(reading, known)}; known: {', '.join(known)}")
    return corpus.reading(reading)


_EVALUATORS: dict[tuple[int, str], tuple[Corpus, Evaluator]] = {}


def evaluator(corpus: Corpus, engine: Engine = "reference") -> Evaluator:
    """One evaluator per corpus and engine, reused: durable-rules compiles a reading's rules once."""
    key = (id(corpus), engine)
    if key not in _EVALUATORS:
        if engine == "durable":
            from compliance.engine.durable_evaluator import DurableEvaluator

            made: Evaluator = DurableEvaluator(corpus)
        else:
            from compliance.engine.reference import ReferenceEvaluator

            made = ReferenceEvaluator(corpus)
        _EVALUATORS[key] = (corpus, made)  # the corpus is kept so its id is never reused
    return _EVALUATORS[key][1]


@dataclass(frozen=True)
class Outcome:
    """One policy under one reading: verdict per provision id, and every finding."""

    reading: str
    verdicts: dict[str, Verdict]
    findings: tuple[Finding, ...]

    @property
    def conflicts(self) -> frozenset[str]:
        """Provision ids the policy conflicts with (after savings clauses)."""
        return frozenset(p for p, v in self.verdicts.items() if v == "conflicts")

    def relations(self) -> frozenset[tuple[str, str, str]]:
        """Every (clause, provision, relation): a view that ignores the order of findings."""
        return frozenset((f.clause, f.provision, f.relation) for f in self.findings)


def check(
    policy: PolicyDocument | str | Path,
    rules: Rules = None,
    reading: str | Reading | None = None,
    *,
    engine: Engine = "reference",
    provisions: Sequence[LocatedProvision] | None = None,
    as_of: dt.date | None = None,
) -> Outcome:
    """Check one policy (a document or a policy file) under one reading (default: the corpus's first).

    With `as_of`, the issuer's interpretations the reading accepts on that date are applied (as
    `compliance check --as-of` does); without it, none are, and the reading's period is not asked.
    """
    corpus = load_rules(rules)
    if not isinstance(policy, PolicyDocument):
        from compliance.loader.corpus import load_policy

        policy = load_policy(Path(policy), corpus).document
    chosen = _reading(corpus, reading)
    every = corpus.provisions if provisions is None else tuple(provisions)
    excluded = {p.provision.id: applicable(corpus, policy, p) for p in every}
    applying = [p for p in every if excluded[p.provision.id] is None]
    taken = accepted(policy, chosen, as_of) if as_of is not None else ()
    findings = evaluator(corpus, engine).evaluate(policy, chosen, applying, taken)
    verdicts = {p.provision.id: verdict_for(p, findings, excluded[p.provision.id]).verdict for p in every}
    return Outcome(chosen.id, verdicts, tuple(findings))


def relation(
    clause: ClauseScope | Mapping[str, Any],
    provision: str | LocatedProvision,
    reading: str | Reading | None = None,
    rules: Rules = None,
) -> str:
    """How one provision relates to one clause under a reading: a relation, or `none` where they do not meet.

    A clause may be written as in a rule file's examples: `{"modality": "prohibits", "action": "inquire-status"}`.
    Savings clauses play no part (that takes a whole policy: use `check`).
    """
    corpus = load_rules(rules)
    scope = clause if isinstance(clause, ClauseScope) else ClauseScope.model_validate(dict(clause))
    _known(corpus, scope)
    if not isinstance(provision, LocatedProvision) and provision not in {p.provision.id for p in corpus.provisions}:
        raise ValueError(f"unknown provision {provision!r}{did_you_mean(provision, _ids(corpus))}")
    located = provision if isinstance(provision, LocatedProvision) else corpus.provision(provision)
    found = relate(corpus, scope, located, _reading(corpus, reading))
    return "none" if found is None else found[0]


def _ids(corpus: Corpus) -> list[str]:
    return [p.provision.id for p in corpus.provisions]


def _known(corpus: Corpus, scope: ClauseScope) -> None:
    """Refuse a clause naming a term the vocabulary lacks, as the loader would (with a suggestion)."""
    fields = (
        ("action", "actions"),
        ("actor", "actors"),
        ("persons", "persons"),
        ("counterpart", "counterparts"),
        ("exceptions", "conditions"),
    )
    for field, category in fields:
        known = corpus.taxonomy.terms(category)  # type: ignore[arg-type]
        for term in getattr(scope, field):
            if term not in known:
                raise ValueError(f"unknown {category[:-1]} {term!r} in {field}{did_you_mean(term, known)}")
