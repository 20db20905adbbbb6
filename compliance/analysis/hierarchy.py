"""When a lower law conflicts with a clause a higher authority requires: the supremacy question.

A clause may record the authority that requires it (`required-by`): the
Orleans Parish Sheriff's detainer policy was filed in federal court in the
Cacho v. Gusman settlement. If a provision of lower rank (a state statute)
conflicts with that clause, the conflict stands as a verdict, but it is not
the whole answer: a court must weigh the state law against the federal
order. The report says so beside the verdict, the explanation names it, and
`suggest` never advises editing the clause away.

Why here and not in the evaluators: rank is a fact about instruments, not
about scopes, so both engines stay as they are and agree as before.
"""

from __future__ import annotations

from collections.abc import Iterable

from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.hierarchy import KIND_NAMES, RANK_NAMES, Rank, outranks
from compliance.model.policy import Clause, RequiredBy

SUPREMACY = "supremacy question"


def authority_rank(corpus: Corpus, required: RequiredBy) -> Rank | None:
    """The requiring authority's rank: its instrument's in the rules, else the described one's."""
    encoded = next((p.instrument for p in corpus.provisions if p.instrument.id == required.authority), None)
    return encoded.standing if encoded is not None else required.standing


def authority_label(corpus: Corpus, required: RequiredBy) -> str:
    """The authority as a reader knows it: "a court order (Settlement of Cacho v. Gusman, E.D. La. No. ..., 2013)"."""
    encoded = next((p.instrument for p in corpus.provisions if p.instrument.id == required.authority), None)
    kind = encoded.kind if encoded is not None else required.kind
    title = encoded.title if encoded is not None else (required.title or required.authority)
    rank = authority_rank(corpus, required)
    noun = KIND_NAMES.get(kind or "", "an authority")
    if rank is not None and kind in ("court-order",):
        noun = f"a {RANK_NAMES[rank]} court order"
    details = ", ".join(x for x in (title, required.cite, f"filed {required.date}") if x)
    basis = "" if required.verified else "; reported, not verified"
    return f"{noun} ({details}{basis})"


def outranking(corpus: Corpus, clause: Clause, located: LocatedProvision) -> RequiredBy | None:
    """The clause's `required-by` when its authority outranks the provision's instrument, else None."""
    required = clause.required_by
    if required is None:
        return None
    rank = authority_rank(corpus, required)
    return required if rank is not None and outranks(rank, located.instrument.standing) else None


def supremacy_note(corpus: Corpus, located: LocatedProvision, clauses: Iterable[Clause]) -> str:
    """For a conflict of `located` with these clauses: the clauses a higher authority requires, in words."""
    by_authority: dict[str, list[str]] = {}
    for clause in clauses:
        required = outranking(corpus, clause, located)
        if required is not None:
            by_authority.setdefault(authority_label(corpus, required), []).append(clause.key)
    lower = f"{RANK_NAMES[located.instrument.standing]} law ({located.instrument.id})"
    notes = [
        f"clause {keys[0]} is required by" if len(keys) == 1 else f"clauses {', '.join(keys)} are required by"
        for keys in by_authority.values()
    ]
    return "; ".join(
        f"{lead} {label}, which outranks {lower} — {SUPREMACY}" for lead, label in zip(notes, by_authority, strict=True)
    )
