"""Does a provision's instrument bind a document where the document governs?

Why one module: `check`, `dispute`, `explain`, `suggest` and the testing
helpers must all place a document the same way, and say the same thing when
a law does not reach it ("a state statute of us/la does not bind a policy of
us/wa/king"). The test itself is `within` (a path prefix by segments).

A policy of `jurisdiction: unknown` is held only to instruments binding the
common root of every known jurisdiction (the rules' and the policies' own,
such as `us`); every other provision "could not be placed", and the report
lists them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from compliance.model.corpus import Corpus
from compliance.model.hierarchy import KIND_NAMES
from compliance.model.jurisdiction import UNKNOWN, common_root, within
from compliance.model.law import Instrument
from compliance.model.policy import PolicyDocument

NOT_PLACED = "could not be placed"
"""How a reason marks a provision a document of unknown jurisdiction could not be placed under."""


def known_root(corpus: Corpus, documents: Iterable[PolicyDocument] = ()) -> str | None:
    """The place every jurisdiction of the rules and the given documents lies within."""
    paths = [p.instrument.jurisdiction for p in corpus.provisions]
    paths += [d.jurisdiction for d in documents]
    return common_root(paths)


def describe(instrument: Instrument) -> str:
    """The instrument as a reason names it: its kind and where it binds."""
    return f"{KIND_NAMES.get(instrument.kind, 'an instrument')} of {instrument.jurisdiction}"


def place_reason(instrument: Instrument, document: PolicyDocument, root: str | None) -> str | None:
    """None when the instrument binds where the document governs, else why not."""
    if document.jurisdiction == UNKNOWN:
        if root is not None and within(root, instrument.jurisdiction):
            return None
        return f"{NOT_PLACED}: the policy's jurisdiction is unknown, and {describe(instrument)} binds only there"
    if within(document.jurisdiction, instrument.jurisdiction):
        return None
    return f"{describe(instrument)} does not bind a policy of {document.jurisdiction}"


def unplaced_notice(document: PolicyDocument, root: str | None, unplaced: Sequence[str]) -> str | None:
    """The line a report prints for a document of unknown jurisdiction, naming the instruments it could not place."""
    if document.jurisdiction != UNKNOWN:
        return None
    held = f"held only to law binding all of {root}" if root else "held to no law, since the rules share no root"
    instruments = list(dict.fromkeys(unplaced))
    missing = f"; could not be placed under {', '.join(instruments)}" if instruments else ""
    return f"jurisdiction unknown: {held}{missing}"
