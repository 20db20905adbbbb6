"""What an evaluator returns: one finding per clause and provision whose scopes meet.

Both evaluators return the same type, sorted the same way, so they can be
compared for equality and rendered byte-identically.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from compliance.model.corpus import LocatedProvision
from compliance.model.law import Relation
from compliance.model.policy import Interpretation, PolicyDocument
from compliance.model.readings import Reading


@dataclass(frozen=True, order=True)
class Finding:
    """A clause's relation to a provision under a reading.

    `overlap` lists the actions where the clause's and the provision's scopes
    meet; `savings` names the savings clauses that neutralised a conflict.
    """

    document: str
    clause: str
    provision: str
    reading: str
    relation: Relation
    overlap: tuple[str, ...] = ()
    savings: tuple[str, ...] = ()


class Evaluator(Protocol):
    """Computes findings of one document under one reading."""

    name: str

    def evaluate(
        self,
        document: PolicyDocument,
        reading: Reading,
        provisions: Sequence[LocatedProvision],
        interpretations: Sequence[Interpretation] = (),
    ) -> list[Finding]:
        """All findings, sorted by clause order then provision order.

        `interpretations` are the issuer's, as the reading accepts them on the date read.
        """
        ...


def ordered(
    findings: Iterable[Finding], document: PolicyDocument, provisions: Sequence[LocatedProvision]
) -> list[Finding]:
    """Sort findings by the clause's position in the document, then the provision's in the corpus."""
    clause_rank = {clause.key: i for i, clause in enumerate(document.clauses)}
    provision_rank = {p.provision.id: i for i, p in enumerate(provisions)}
    return sorted(findings, key=lambda f: (clause_rank[f.clause], provision_rank[f.provision]))
