"""What changes between two versions of a policy: its clauses, and under each reading its verdicts and findings.

Clauses are matched first by number (with part), then, among the rest, by
text similarity (difflib's ratio on whitespace-normalised text, best pairs
first, at least `THRESHOLD`; see `text_similarity` for long texts); unmatched
clauses are added or removed. Under
each reading the diff reports the provisions whose verdict changes and the
findings of matched clauses whose relation (or neutralising savings clause)
changes. An added or removed clause is reported once, as a clause change:
its own findings come and go with it, and show under a reading only through
the verdicts and the other clauses' findings they change. So removing
paragraph 5 from the NOPD chapter changes nothing under `textual` and
`broad`, and under `doj` turns the no-inquiry clause's neutralised conflict
with § 1373(b)(1) into a conflict.

The exit code is 1 when the new version has a conflict with law in force on
the date, under a requested reading, that the old version did not.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from compliance.analysis.as_of import AsOf, StatusOnDate
from compliance.analysis.check import check
from compliance.analysis.result import CheckResult, DocumentReport, ReadingReport
from compliance.analysis.versions import text_on
from compliance.engine.findings import Evaluator
from compliance.exit_codes import ExitCode
from compliance.model.corpus import Corpus
from compliance.model.policy import Clause, LoadedPolicy

THRESHOLD = 0.6
"""The least similarity at which two differently numbered clauses are taken for the same clause."""

_FIELDS = ("text", "modality", "actor", "action", "persons", "counterpart", "exceptions", "preserves")

MatchedBy = Literal["number", "text", "added", "removed"]


@dataclass(frozen=True)
class ClauseMatch:
    """A clause of the old version, of the new, or of both, and what changed in it."""

    old: str | None
    new: str | None
    matched_by: MatchedBy
    similarity: float | None
    changed: tuple[str, ...]
    preserves: str | None = None
    """For an added or removed savings clause, what it preserves (the kind of clause whose loss matters)."""


@dataclass(frozen=True)
class VerdictChange:
    """A provision whose verdict under a reading differs between the versions."""

    provision: str
    cite: str
    status: StatusOnDate
    old: str
    new: str


@dataclass(frozen=True)
class FindingChange:
    """A matched clause whose relation to a provision under a reading differs between the versions."""

    old_clause: str
    clause: str
    provision: str
    cite: str
    old: str
    new: str


@dataclass(frozen=True)
class ReadingDiff:
    """Everything that changes under one reading."""

    reading: str
    verdicts: tuple[VerdictChange, ...]
    findings: tuple[FindingChange, ...]

    @property
    def empty(self) -> bool:
        """Nothing changes under this reading."""
        return not self.verdicts and not self.findings


@dataclass(frozen=True)
class DiffResult:
    """Two versions of a policy compared, and the exit code the comparison implies."""

    old: DocumentReport
    new: DocumentReport
    clauses: tuple[ClauseMatch, ...]
    readings: tuple[ReadingDiff, ...]
    check: CheckResult

    @property
    def as_of(self) -> AsOf:
        """The date the law was read on."""
        assert self.check.as_of is not None
        return self.check.as_of

    @property
    def new_conflicts(self) -> tuple[str, ...]:
        """Readings under which the new version conflicts with law in force where the old did not."""
        return tuple(
            r.reading
            for r in self.readings
            if any(v.new == "conflicts" and v.old != "conflicts" and v.status == "in-force" for v in r.verdicts)
        )

    @property
    def exit_code(self) -> ExitCode:
        """1 if the new version brings a conflict with law in force, else 0."""
        return ExitCode.CONFLICT if self.new_conflicts else ExitCode.OK


def _normal(text: str) -> str:
    return " ".join(text.split())


LONG_TEXT = 2000
"""Characters past which a clause's text is compared by its words, not by difflib."""


def text_similarity(a: str, b: str) -> float:
    """How alike two normalised clause texts are, from 0 to 1.

    difflib's ratio where both texts are at most `LONG_TEXT` characters (every bundled
    clause, so its figures are unchanged); past that its cost grows with the product of
    the lengths (five clauses of 19,000 characters took over 300 s), so long texts are
    compared as multisets of words, the same ratio 2·M/T with M the words they share:
    linear in the texts. A cheap upper bound skips difflib where the threshold is out of reach.
    """
    if len(a) > LONG_TEXT or len(b) > LONG_TEXT:
        words_a, words_b = Counter(a.split()), Counter(b.split())
        total = sum(words_a.values()) + sum(words_b.values())
        return 2 * sum((words_a & words_b).values()) / total if total else 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
        return matcher.quick_ratio()  # below the threshold either way: never paired
    return matcher.ratio()


def _changed(old: Clause, new: Clause) -> tuple[str, ...]:
    """The fields that differ between two versions of a clause (text compared without layout)."""
    out = []
    for name in _FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if name == "text":
            a, b = _normal(a), _normal(b)
        if a != b:
            out.append(name)
    return tuple(out)


def _preserves(clause: Clause) -> str | None:
    if clause.preserves is None:
        return None
    towards = f" towards {', '.join(clause.preserves.counterpart)}" if clause.preserves.counterpart else ""
    return ", ".join(clause.preserves.action) + towards


def match_clauses(old: Sequence[Clause], new: Sequence[Clause]) -> tuple[ClauseMatch, ...]:
    """Pair the clauses of two versions: by number, then by text similarity; the rest are added or removed.

    The result follows the new version's order, each removed clause placed after the
    clause that preceded it in the old version, so the listing reads like a document.
    """
    pairs: dict[int, tuple[int, str, float | None]] = {}  # new index → (old index, how, similarity)
    old_keys = {c.key: i for i, c in enumerate(old)}
    for j, clause in enumerate(new):
        if clause.key in old_keys:
            pairs[j] = (old_keys[clause.key], "number", None)
    taken = {i for i, _, _ in pairs.values()}
    old_texts, new_texts = [_normal(c.text) for c in old], [_normal(c.text) for c in new]
    candidates = sorted(
        (
            (-text_similarity(old_texts[i], new_texts[j]), j, i)
            for j in range(len(new))
            if j not in pairs
            for i in range(len(old))
            if i not in taken
        ),
    )
    for negative, j, i in candidates:
        if -negative < THRESHOLD:
            break
        if j in pairs or i in taken:
            continue
        pairs[j] = (i, "text", round(-negative, 2))
        taken.add(i)
    out: list[ClauseMatch] = []
    removed = [i for i in range(len(old)) if i not in taken]
    placed: set[int] = set()

    def flush(upto: int) -> None:
        for i in removed:
            if i < upto and i not in placed:
                placed.add(i)
                out.append(ClauseMatch(old[i].key, None, "removed", None, (), _preserves(old[i])))

    for j, clause in enumerate(new):
        if j in pairs:
            i, how, similarity = pairs[j]
            flush(i)
            out.append(ClauseMatch(old[i].key, clause.key, how, similarity, _changed(old[i], clause)))  # type: ignore[arg-type]
        else:
            out.append(ClauseMatch(None, clause.key, "added", None, (), _preserves(clause)))
    flush(len(old))
    return tuple(out)


def _relations(report: ReadingReport, names: dict[str, str]) -> dict[tuple[str, str], str]:
    """(clause, provision) → relation, for the clauses in `names`, every clause and savings clause under its new name.

    Naming savings clauses as in the new version makes renumbering a savings clause no change.
    """
    out = {}
    for explained in report.findings:
        finding = explained.finding
        if finding.clause in names:
            savings = tuple(names.get(k) or k for k in finding.savings)
            out[(names[finding.clause], finding.provision)] = finding.relation + (
                f" by {', '.join(savings)}" if savings else ""
            )
    return out


def diff(
    corpus: Corpus,
    evaluator: Evaluator,
    old: LoadedPolicy,
    new: LoadedPolicy,
    readings: Sequence[str],
    as_of: AsOf,
) -> DiffResult:
    """Compare two versions of a policy under every requested reading, with the law as it stood on the date.

    A file with `versions` is compared by the text in force on the date, unless a version was named.
    """
    old, new = text_on(old, as_of.day), text_on(new, as_of.day)
    result = check(corpus, evaluator, [old, new], readings, as_of)
    before, after = result.documents
    clauses = match_clauses(old.document.clauses, new.document.clauses)
    matched = [m for m in clauses if m.old is not None and m.new is not None]
    renamed = {str(m.old): str(m.new) for m in matched}
    original = {str(m.new): str(m.old) for m in matched}
    kept = {name: name for name in original}
    cites = {p.provision.id: p.provision.cite for p in corpus.provisions}
    clause_rank = {str(m.new): n for n, m in enumerate(matched)}
    provision_rank = {p.provision.id: n for n, p in enumerate(corpus.provisions)}
    diffs = []
    for old_report, new_report in zip(before.readings, after.readings, strict=True):
        verdicts = tuple(
            VerdictChange(a.provision, a.cite, b.status, a.verdict, b.verdict)
            for a, b in zip(old_report.verdicts, new_report.verdicts, strict=True)
            if a.verdict != b.verdict
        )
        was = _relations(old_report, renamed)
        now = _relations(new_report, kept)
        pairs = sorted(set(was) | set(now), key=lambda pair: (clause_rank[pair[0]], provision_rank[pair[1]]))
        findings = tuple(
            FindingChange(
                original[clause], clause, provision, cites[provision], was.get(key, "none"), now.get(key, "none")
            )
            for key in pairs
            for clause, provision in [key]
            if was.get(key, "none") != now.get(key, "none")
        )
        diffs.append(ReadingDiff(old_report.reading, verdicts, findings))
    return DiffResult(before, after, clauses, tuple(diffs), result)
