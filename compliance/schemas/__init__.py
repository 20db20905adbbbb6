"""JSON Schemas of the YAML formats, emitted from the pydantic models, for editors and validators.

Why from the models: the loader validates with these same models, so an
editor that validates against the schema (the `yaml-language-server` comment
at the top of every bundled file) agrees with `compliance validate` on keys,
kebab-case aliases, enumerations and patterns. The emitted schemas are also
committed beside this module (`<kind>.schema.json`), so that the comment can
point at a file; a test keeps them equal to what the models emit.

Cross-file rules (does a term exist in the vocabulary?) are not expressible
in JSON Schema; `compliance validate` checks those.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DIALECT = "https://json-schema.org/draft/2020-12/schema"

KINDS: dict[str, tuple[str, str, str]] = {
    "rules": (
        "compliance.model.law",
        "ProvisionFile",
        "A rules file: one instrument and its provisions (rules/**/*.yaml)",
    ),
    "policy": (
        "compliance.model.policy",
        "PolicyDocument",
        "A policy document as structured clauses (policies/*.yaml)",
    ),
    "vocabulary": ("compliance.model.vocabulary", "VocabularyFile", "The controlled terms (rules/vocabulary.yaml)"),
    "readings": ("compliance.model.readings", "ReadingsFile", "Named interpretations of the law (rules/readings.yaml)"),
}
"""Schema kinds, in the order `compliance schema` lists them: (module, model, title)."""


def path(kind: str) -> Path:
    """Where the committed schema of a kind lives."""
    return HERE / f"{kind}.schema.json"


def emit(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one YAML format, as the YAML is written (kebab-case keys)."""
    import importlib

    module, model, title = KINDS[kind]
    cls = getattr(importlib.import_module(module), model)
    body = cls.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": DIALECT, **body, "title": title}


def dumps(schema: dict[str, Any]) -> str:
    """The text the command prints and the committed file holds (field order kept: editors complete in it)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


__all__ = ["DIALECT", "HERE", "KINDS", "dumps", "emit", "path"]
