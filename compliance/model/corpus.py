"""The loaded law: vocabulary, readings and provisions, cross-referenced.

The corpus is what every evaluator reads. It is built by the loader after
all cross-file references (terms, provision ids, reading ids) have been
checked, so code downstream can index it without defensive lookups.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.errors import Location
from compliance.model.law import Instrument, Provision
from compliance.model.readings import Reading
from compliance.model.taxonomy import Taxonomy


@dataclass(frozen=True)
class LocatedProvision:
    """A provision with its instrument and the file it came from."""

    provision: Provision
    instrument: Instrument
    path: str
    example_locations: tuple[Location, ...] = ()


@dataclass(frozen=True)
class Corpus:
    """Everything a check needs to know about the law, in file order."""

    taxonomy: Taxonomy
    readings: tuple[Reading, ...]
    provisions: tuple[LocatedProvision, ...]

    def reading(self, reading_id: str) -> Reading:
        """A reading by id (ids were checked when the corpus was loaded)."""
        return next(r for r in self.readings if r.id == reading_id)

    def provision(self, provision_id: str) -> LocatedProvision:
        """A provision by id."""
        return next(p for p in self.provisions if p.provision.id == provision_id)

    @property
    def reading_ids(self) -> tuple[str, ...]:
        """Reading ids in file order."""
        return tuple(r.id for r in self.readings)
