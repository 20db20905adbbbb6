"""The law as versioned JSON: `rules list` and `rules show` carry the same facts as the text report."""

from __future__ import annotations

import json
from typing import Any

from compliance.analysis.as_of import AsOf
from compliance.analysis.catalogue import Catalogue, Detail, Entry

FORMAT_VERSION = "1.0"


def _as_of(as_of: AsOf) -> dict[str, Any]:
    return {"date": as_of.day.isoformat(), "given": as_of.given}


def _entry(entry: Entry) -> dict[str, Any]:
    provision, instrument = entry.located.provision, entry.located.instrument
    return {
        "id": provision.id,
        "cite": provision.cite,
        "instrument": instrument.id,
        "status": entry.status.status,
        "status_label": entry.status.label(),
        "in_force": entry.status.in_force,
        "verified": provision.verified,
        "source": provision.source,
        "path": entry.located.path,
    }


def _list(result: Catalogue) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "report": "rules-list",
        "as_of": _as_of(result.as_of),
        "instrument": result.instrument,
        "provisions": [_entry(entry) for entry in result.entries],
    }


def _detail(result: Detail) -> dict[str, Any]:
    located = result.entry.located
    provision, instrument = located.provision, located.instrument
    return {
        "version": FORMAT_VERSION,
        "report": "rules-show",
        "as_of": _as_of(result.as_of),
        "provision": {
            **_entry(result.entry),
            "text": provision.text,
            "note": provision.note,
            "binds": list(provision.binds),
            "norm": provision.norm.model_dump(mode="json", by_alias=True),
            "norm_in_words": result.norm,
        },
        "instrument": {
            "id": instrument.id,
            "kind": instrument.kind,
            "title": instrument.title,
            "source": instrument.source,
            "history": [event.model_dump(mode="json", by_alias=True) for event in instrument.history],
        },
        "readings": [{"reading": t.reading.id, "what": t.what, "why": t.why} for t in result.touches],
        "examples": [
            {
                **example.model_dump(mode="json", by_alias=True, exclude_none=True),
                "reading": example.reading or result.base_reading,
                "location": str(where) if where is not None else None,
            }
            for example, where in result.examples
        ],
    }


def render(result: Catalogue | Detail, context: object = None) -> str:
    """`rules list` or `rules show` as one JSON document (sorted keys: byte-identical for the same input)."""
    payload = _list(result) if isinstance(result, Catalogue) else _detail(result)
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
