"""The law as a catalogue: what `compliance rules list` and `compliance rules show` report.

Why an analysis of its own: a reader deciding whether to trust a verdict asks
first what the law is — which provisions, cited how, in force on which date,
copied verbatim or not, from where — and then, for one provision, what it says,
how it was encoded, which readings change it and which examples pin it. Both
answers are read off the loaded corpus here, so every format shows the same
facts; the renderers only lay them out.

"Readings that touch a provision": a reading that `widen`s it by id, and a
reading whose `links` read a clause about one term as reaching another, where
either term falls within the provision's action scope (the norm's actions and
everything narrower), since only then can the link change a verdict on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.analysis.as_of import AsOf, InstrumentStatus, status_on
from compliance.errors import Location, UsageError, did_you_mean
from compliance.exit_codes import ExitCode
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import Example, Norm
from compliance.model.readings import Reading
from compliance.model.taxonomy import Taxonomy


@dataclass(frozen=True)
class Entry:
    """One provision as the list shows it, with its instrument's status on the date."""

    located: LocatedProvision
    status: InstrumentStatus


@dataclass(frozen=True)
class Catalogue:
    """`rules list`: the provisions of the law (of one instrument when asked), in corpus order."""

    as_of: AsOf
    instrument: str | None
    entries: tuple[Entry, ...]

    @property
    def exit_code(self) -> ExitCode:
        """Reading the law never fails: a bad id is an error raised before a result exists."""
        return ExitCode.OK


@dataclass(frozen=True)
class Touch:
    """How one reading changes one provision: what it does, and the reading's own reason."""

    reading: Reading
    what: str
    why: str


@dataclass(frozen=True)
class Detail:
    """`rules show`: one provision with all that is known about it."""

    as_of: AsOf
    entry: Entry
    norm: str
    base_reading: str
    """The reading an example without `reading:` runs under: the corpus's first (as `compliance test` runs it)."""
    touches: tuple[Touch, ...]
    examples: tuple[tuple[Example, Location | None], ...]

    @property
    def exit_code(self) -> ExitCode:
        """Reading the law never fails: a bad id is an error raised before a result exists."""
        return ExitCode.OK


def catalogue(corpus: Corpus, as_of: AsOf, instrument: str | None = None) -> Catalogue:
    """Every provision (of `instrument` when given) with its status on `as_of`; an unknown instrument is refused."""
    known = list(dict.fromkeys(p.instrument.id for p in corpus.provisions))
    if instrument is not None and instrument not in known:
        raise UsageError(
            f"unknown instrument {instrument!r}{did_you_mean(instrument, known)}; known: {', '.join(known)}"
        )
    chosen = [p for p in corpus.provisions if instrument is None or p.instrument.id == instrument]
    return Catalogue(as_of, instrument, tuple(Entry(p, status_on(p.instrument, as_of)) for p in chosen))


def detail(corpus: Corpus, provision_id: str, as_of: AsOf) -> Detail:
    """One provision by id, with its norm in words, the readings that touch it and its examples."""
    ids = [p.provision.id for p in corpus.provisions]
    if provision_id not in ids:
        raise UsageError(
            f"unknown provision {provision_id!r}{did_you_mean(provision_id, ids)}; `compliance rules list` lists them"
        )
    located = corpus.provision(provision_id)
    examples = located.provision.examples
    where = located.example_locations
    return Detail(
        as_of,
        Entry(located, status_on(located.instrument, as_of)),
        norm_in_words(located.provision.norm, located.provision.binds),
        corpus.readings[0].id,
        touches(corpus, located),
        tuple((example, where[i] if i < len(where) else None) for i, example in enumerate(examples)),
    )


_MUST = {"prohibit": "must prohibit", "require": "must require", "not-restrict": "must not restrict"}


def _either(terms: tuple[str, ...], every: str) -> str:
    return " or ".join(terms) if terms else every


def norm_in_words(norm: Norm, binds: tuple[str, ...]) -> str:
    """The norm as one sentence in the vocabulary's terms: whom it binds, what their policy must do and tolerate."""
    sentence = (
        f"A policy of {_either(binds, 'any actor')} {_MUST[norm.must]} {_either(norm.action, 'any action')}"
        f" by {_either(norm.actors, 'any actor')}, concerning {_either(norm.persons, 'any person')},"
        f" towards {_either(norm.counterpart, 'any counterpart')}."
    )
    if norm.tolerates:
        sentence += f" It may make an exception for {' or '.join(norm.tolerates)} and still satisfy the norm."
    return sentence


def touches(corpus: Corpus, located: LocatedProvision) -> tuple[Touch, ...]:
    """Every way a reading changes this provision, in the readings file's order."""
    scope = _scope(corpus.taxonomy, located.provision.norm)
    found: list[Touch] = []
    for reading in corpus.readings:
        for widening in reading.widen:
            if located.provision.id in widening.provisions:
                what = f"widens it to {' and '.join(widening.action) or 'no further action'}"
                found.append(Touch(reading, what, widening.why))
        for link in reading.links:
            if link.term in scope or set(link.includes) & scope:
                what = f"reads a clause about {link.term} as covering {' and '.join(link.includes)}"
                found.append(Touch(reading, what, link.why))
    return tuple(found)


def _scope(taxonomy: Taxonomy, norm: Norm) -> frozenset[str]:
    return taxonomy.below(norm.action)
