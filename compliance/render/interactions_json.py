"""The interactions of `compliance interactions` as JSON (sorted keys: byte-identical for the same input)."""

from __future__ import annotations

import json

from compliance.analysis.interactions import InteractionsResult
from compliance.render import Context
from compliance.render._escape import json_text


def render(result: InteractionsResult, context: Context | None = None) -> str:
    """The whole result's data as one JSON document."""
    return json_text(json.dumps(result.to_data(), indent=2, sort_keys=True, ensure_ascii=False) + "\n")
