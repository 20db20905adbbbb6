"""`compliance schema`: JSON Schemas from the models, committed, and agreeing with every bundled file.

The committed schemas (compliance/schemas/*.schema.json) are what the
`yaml-language-server` comments of the bundled files point at; they must equal
what the models emit. Regenerate on purpose with
`COMPLIANCE_UPDATE_GOLDEN=1 pytest tests/test_schema.py`.
"""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import cli
from compliance import schemas
from compliance.loader.yaml_safe import Limits, load_yaml_file
from tests.conftest import ROOT

COMMENT = re.compile(r"^# yaml-language-server: \$schema=(?P<target>\S+)\n")
BUNDLED = sorted([*(ROOT / "rules").rglob("*.yaml"), *(ROOT / "policies").rglob("*.yaml")])


def kind_of(path: Path) -> str:
    """Which format a bundled file is in, from where it lives."""
    relative = path.relative_to(ROOT)
    if relative.parts[0] == "policies":
        return "policy"
    if len(relative.parts) == 2 and relative.stem in ("vocabulary", "readings"):
        return relative.stem
    return "rules"


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(schemas.path(kind).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def tree(path: Path) -> Any:
    """A file as the loader reads it (every scalar a string except true/false), as an editor would see it."""
    return load_yaml_file(path, Limits(), display=str(path)).value


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_committed_schema_is_what_the_models_emit(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema", kind]) == 0
    emitted = capsys.readouterr().out
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        schemas.path(kind).write_text(emitted, encoding="utf-8")
    assert emitted == schemas.path(kind).read_text(encoding="utf-8")
    assert json.loads(emitted)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_bundled_file_names_its_schema_in_the_editor_comment() -> None:
    assert len(BUNDLED) >= 10
    for path in BUNDLED:
        match = COMMENT.match(path.read_text(encoding="utf-8"))
        assert match, f"{path.relative_to(ROOT)} lacks the first line '# yaml-language-server: $schema=...'"
        target = (path.parent / match["target"]).resolve()
        assert target == schemas.path(kind_of(path)), f"{path.relative_to(ROOT)} points at {match['target']}"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_bundled_file_validates_against_its_schema(path: Path) -> None:
    validator(kind_of(path)).validate(tree(path))


def _errors(kind: str, data: Any) -> list[str]:
    return [error.message for error in validator(kind).iter_errors(data)]


def test_a_misspelt_policy_key_fails_validation() -> None:
    data = copy.deepcopy(tree(ROOT / "policies" / "nopd-41.6.1-2016.yaml"))
    assert _errors("policy", data) == []
    data["issuer-knd"] = data.pop("issuer-kind")
    assert _errors("policy", data) == [
        "Additional properties are not allowed ('issuer-knd' was unexpected)",
        "'issuer-kind' is a required property",
    ]
    clause = copy.deepcopy(tree(ROOT / "policies" / "nopd-41.6.1-2016.yaml"))
    clause["clauses"][0]["modalty"] = clause["clauses"][0].pop("modality")
    assert "Additional properties are not allowed ('modalty' was unexpected)" in _errors("policy", clause)


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    rules = copy.deepcopy(tree(ROOT / "rules" / "federal" / "usc-8-1373.yaml"))
    rules["provisions"][0]["norm"]["must"] = "forbid"
    rules["provisions"][1]["norm"]["action"] = "Send Status"  # not a kebab-case term
    messages = _errors("rules", rules)
    assert any("'forbid' is not one of" in m for m in messages)
    assert any("Send Status" in m for m in messages)
    readings = copy.deepcopy(tree(ROOT / "rules" / "readings.yaml"))
    readings["readings"][0]["held_by"] = readings["readings"][0].pop("held-by")  # snake_case is not the YAML key
    assert any("'held_by' was unexpected" in m for m in _errors("readings", readings))


def test_one_term_or_a_list_of_terms_both_validate() -> None:
    data = copy.deepcopy(tree(ROOT / "policies" / "opso-detainers-2013.yaml"))
    data["clauses"][0]["action"] = "honor-detainer"
    assert _errors("policy", data) == []
    data["clauses"][0]["action"] = ["honor-detainer", "inquire-status"]
    assert _errors("policy", data) == []
    data["clauses"][0]["action"] = 5
    assert _errors("policy", data)


def test_schema_of_an_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema", "polcy"]) == 2
    assert "invalid choice: 'polcy'" in capsys.readouterr().err
