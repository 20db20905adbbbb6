"""The document's own facts (id, title, issuer, dates) from the command line, else from the text.

Why mostly from the command line: who issued a policy, when and where it was
published are facts a reviewer must vouch for; the drafter only guesses a
title from the first heading and the issuer's kind from its name (by the same
actor phrases as clauses), and says in the draft what it had to leave open.
"""

from __future__ import annotations

import re
from pathlib import Path

from compliance.draft.cues import Lexicon, most_specific, tokens
from compliance.draft.segment import Segmented
from compliance.draft.write import Metadata
from compliance.errors import UsageError, suggestion_for
from compliance.model.base import parse_date
from compliance.model.corpus import Corpus
from compliance.model.jurisdiction import PATTERN as JURISDICTION_PATTERN
from compliance.model.jurisdiction import UNKNOWN

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""What the loader refuses in any value (`compliance.loader.yaml_safe`), so an option must not carry it."""
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_URL = re.compile(r"^https?://\S+$")


def slug(name: str) -> str:
    """A kebab-case id from a file name: `NOPD 41.6.1 (2016)` → `nopd-41-6-1-2016`."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80].strip("-") or "draft"


def issuer_kind(lexicon: Lexicon, corpus: Corpus, *texts: str | None) -> str | None:
    """The most specific actor term named in the first of `texts` that names one."""
    for text in texts:
        if not text:
            continue
        hits = lexicon.term_hits("actors", tokens(text))
        if hits:
            return most_specific(corpus.taxonomy, [h.value for h in hits])[0]
    return None


def metadata(
    options: dict[str, str | None],
    path: Path,
    display: str,
    sha256: str,
    segmented: Segmented,
    lexicon: Lexicon,
    corpus: Corpus,
) -> Metadata:
    """Check the options given and fill the rest, listing what a reviewer must supply."""
    for name, value in options.items():
        bad = _CONTROL.search(value or "")
        if bad is not None:  # the loader would refuse the draft: say so about the option, exit 2
            flag = "--" + name.replace("_", "-")
            raise UsageError(
                f"{flag} contains the control character U+{ord(bad.group()):04X}, which a policy file may not hold",
                hint="give plain text",
            )
    gaps: list[str] = []
    doc_id = options.get("id") or slug(path.stem)
    if not _ID.match(doc_id) or len(doc_id) > 80:
        raise UsageError(f"--id {doc_id!r} is not a valid id: use kebab-case (lower-case letters, digits, hyphens)")
    adopted = None
    if options.get("adopted"):
        try:
            adopted = parse_date(str(options["adopted"]))
        except ValueError as error:
            raise UsageError(f"--adopted {error}") from None
    else:
        gaps.append("the adoption date (--adopted)")
    source = options.get("source")
    if source is not None and not _URL.match(source):
        raise UsageError(f"--source {source!r} is not a web address: give a URL starting with http:// or https://")
    if source is None:
        gaps.append("the source URL (--source)")
    title = options.get("title") or segmented.title or path.stem
    issuer = options.get("issuer")
    if not issuer:
        gaps.append("the issuer (--issuer)")
    actors = corpus.taxonomy.terms("actors")
    kind = options.get("issuer_kind")
    if kind is not None and kind not in actors:
        raise UsageError(f"--issuer-kind {kind!r} is not an actor term", suggestion=suggestion_for(kind, actors))
    kind = kind or issuer_kind(lexicon, corpus, issuer, title)
    if kind is None:
        kind = corpus.taxonomy.roots("actors")[0]
        gaps.append(f"the issuer's kind (--issuer-kind; {kind} binds it to no provision)")
    jurisdiction = options.get("jurisdiction")
    if jurisdiction is not None and not re.match(JURISDICTION_PATTERN, jurisdiction):
        raise UsageError(
            f"--jurisdiction {jurisdiction!r} is not a jurisdiction: write a path of lower-case segments such as"
            " us/la/orleans, or unknown"
        )
    if jurisdiction is None:
        gaps.append("the jurisdiction (--jurisdiction; unknown holds it only to law that binds everywhere)")
    encodes = options.get("encodes")
    instruments = sorted({p.instrument.id for p in corpus.provisions})
    if encodes is not None and encodes not in instruments:
        raise UsageError(
            f"--encodes {encodes!r} is not a rules instrument", suggestion=suggestion_for(encodes, instruments)
        )
    return Metadata(
        id=doc_id,
        title=" ".join(title.split())[:200],
        issuer=" ".join((issuer or "not given").split())[:200],
        issuer_kind=kind,
        jurisdiction=jurisdiction or UNKNOWN,
        drafted_from=display,
        sha256=sha256,
        adopted=adopted,
        source=source,
        encodes=encodes,
        gaps=tuple(gaps),
    )
