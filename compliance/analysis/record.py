"""Replay the record: the tool's verdict under the reading of each authority, on its date, against its words.

Why one table here and nowhere else: an authority's wording ("may violate", "remains
concerned", "no evidence … out of compliance") must correspond to the tool's verdicts
the same way for every case, or agreement could be tuned entry by entry. `AGREES` says,
for each wording that is a statement about a provision's *scope*, which of the tool's
verdicts agree with it; `NOT_SCOPE` says why the other wordings are not compared (a
court's Tenth Amendment dismissal is validity, not scope; DOJ's 2025 list is a
designation, not an adjudication). docs/reference/record.md prints both tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from compliance.analysis.as_of import AsOf
from compliance.analysis.check import check_document
from compliance.analysis.result import ProvisionVerdict
from compliance.engine.findings import Evaluator
from compliance.exit_codes import ExitCode
from compliance.model.corpus import Corpus
from compliance.model.policy import LoadedPolicy
from compliance.model.record import RecordedVerdict, Wording

_CONFLICT: Final = frozenset({"conflicts", "potential-conflict"})
_COMPLIES: Final = frozenset({"complies", "partially-complies", "conflict-neutralised"})

AGREES: Final[dict[Wording, frozenset[str]]] = {
    "violates": frozenset({"conflicts"}),
    "may-violate": _CONFLICT,
    "remains-concerned": _CONFLICT,
    "alleges-violation": _CONFLICT,
    "no-evidence-of-non-compliance": _COMPLIES,
    "complies": _COMPLIES,
}
"""For each scope wording, the tool verdicts that agree with it.

A preliminary "may violate" agrees with a potential conflict (undetermined until an
interpretation is on record) and with a conflict: the authority did not say which.
"No evidence of non-compliance" is a negative finding, not a certification: any verdict
that is not a conflict (complied with, partly, or a conflict cured by a savings clause).
"""

NOT_SCOPE: Final[dict[Wording, str]] = {
    "designated": "an executive designation (a list), not an adjudication of the provision's scope",
    "held-unconstitutional": "validity of the law, not the scope of the policy",
    "enjoined": "validity of the law, not the scope of the policy",
    "upheld": "validity of the law, not the scope of the policy",
    "dismissed": "a dismissal decides the suit (often on Tenth Amendment grounds), not the policy's scope",
    "preempted-on-other-grounds": "preemption by other statutes than the one named, not this provision's scope",
}
"""Wordings that are not compared with a scope verdict, and why."""

_WORST_FIRST: Final = ("conflicts", "potential-conflict", "partially-complies", "complies", "conflict-neutralised")

Outcome = Literal["agrees", "disagrees", "not-compared"]


@dataclass(frozen=True)
class Case:
    """One recorded verdict and what the tool says on the same question."""

    document_id: str
    path: str
    entry: RecordedVerdict
    outcome: Outcome
    tool_verdict: str | None
    why: str
    """For a comparison: the verdict's reasons; for a case not compared: why not."""
    clauses: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordResult:
    """Every case of every document, and how many of the compared ones agree."""

    cases: tuple[Case, ...]
    evaluator: str
    min_agreement: float | None = None

    @property
    def compared(self) -> int:
        return sum(case.outcome != "not-compared" for case in self.cases)

    @property
    def agreeing(self) -> int:
        return sum(case.outcome == "agrees" for case in self.cases)

    @property
    def agreement(self) -> float | None:
        """The share of compared cases that agree, or None when nothing could be compared."""
        return self.agreeing / self.compared if self.compared else None

    @property
    def exit_code(self) -> ExitCode:
        """1 only when a minimum agreement was asked for and not reached (a CI gate for rules authors)."""
        if self.min_agreement is None or self.agreement is None:
            return ExitCode.OK
        return ExitCode.OK if self.agreement >= self.min_agreement else ExitCode.CONFLICT


def _aggregate(verdicts: Sequence[ProvisionVerdict]) -> tuple[str, str, tuple[str, ...]] | None:
    """An instrument's verdict as a whole: its worst provision's, among those that apply, with every one named."""
    applying = [v for v in verdicts if v.verdict != "not-applicable"] or list(verdicts)
    if not applying:
        return None
    rank = {kind: i for i, kind in enumerate(_WORST_FIRST)}
    worst = min(applying, key=lambda v: rank.get(v.verdict, len(rank)))
    why = "; ".join(f"{v.provision} {v.verdict} ({v.reason})" for v in applying)
    clauses = tuple(dict.fromkeys(c for v in applying for c in v.clauses))
    return worst.verdict, why, clauses


def _tool_verdict(
    corpus: Corpus, evaluator: Evaluator, policy: LoadedPolicy, entry: RecordedVerdict, today: dt.date
) -> tuple[str, str, tuple[str, ...]] | None:
    """The tool's verdict on the recorded question, its reasons, and the clauses it rests on."""
    assert entry.reading is not None
    report = check_document(corpus, evaluator, policy, [entry.reading], AsOf(entry.date, today, True))
    verdicts = report.readings[0].verdicts
    if entry.provision is None:
        return _aggregate([v for v in verdicts if v.instrument == entry.instrument])
    found = next((v for v in verdicts if v.provision == entry.provision), None)
    return None if found is None else (found.verdict, f"{found.provision}: {found.reason}", found.clauses)


def replay_entry(
    corpus: Corpus, evaluator: Evaluator, policy: LoadedPolicy, entry: RecordedVerdict, today: dt.date
) -> Case:
    """The tool's verdict on the question one recorded verdict answered, and whether the two agree."""
    document = policy.document

    def case(outcome: Outcome, verdict: str | None, why: str, clauses: tuple[str, ...] = ()) -> Case:
        return Case(document.id, policy.path, entry, outcome, verdict, why, clauses)

    if entry.wording in NOT_SCOPE:
        return case("not-compared", None, NOT_SCOPE[entry.wording])
    if entry.reading is None:
        return case("not-compared", None, "no reading in the corpus stands for this authority's position")
    found = _tool_verdict(corpus, evaluator, policy, entry, today)
    if found is None:
        return case("not-compared", None, "the named law has no provision in the corpus")
    verdict, why, clauses = found
    if verdict == "not-held":  # the reading's holder did not hold it then: it cannot stand for the authority
        return case("not-compared", None, f"reading '{entry.reading}' is not held on {entry.date.isoformat()}: {why}")
    outcome: Outcome = "agrees" if verdict in AGREES[entry.wording] else "disagrees"
    return case(outcome, verdict, why, clauses)


def replay(
    corpus: Corpus,
    evaluator: Evaluator,
    policies: Sequence[LoadedPolicy],
    min_agreement: float | None = None,
    today: dt.date | None = None,
) -> RecordResult:
    """Every recorded verdict of every policy, in file order."""
    now = today or dt.date.today()
    cases = tuple(replay_entry(corpus, evaluator, p, e, now) for p in policies for e in p.document.record)
    return RecordResult(cases, evaluator.name, min_agreement)
