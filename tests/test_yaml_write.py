"""Every bundled file survives YAML → model → YAML → model unchanged.

Why: `suggest`, `draft` and the property suite write YAML that users then
load; if the writer lost or retyped anything (a clause number "5.10", a date)
the file they get back would not mean what the model meant.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from compliance.loader.locate import validate
from compliance.loader.yaml_safe import load_yaml_file, load_yaml_text
from compliance.loader.yaml_write import dump_yaml, model_data
from compliance.model.law import ProvisionFile
from compliance.model.policy import Clause, PolicyDocument
from compliance.model.readings import ReadingsFile
from compliance.model.vocabulary import VocabularyFile
from tests.conftest import POLICIES, RULES


def _bundled() -> list[tuple[Path, type[BaseModel]]]:
    files: list[tuple[Path, type[BaseModel]]] = [
        (RULES / "vocabulary.yaml", VocabularyFile),
        (RULES / "readings.yaml", ReadingsFile),
    ]
    files += [(path, ProvisionFile) for path in sorted(RULES.glob("*/*.yaml"))]
    files += [(path, PolicyDocument) for path in sorted(POLICIES.glob("*.yaml"))]
    return files


@pytest.mark.parametrize(("path", "model"), _bundled(), ids=lambda value: getattr(value, "name", ""))
def test_bundled_file_round_trips(path: Path, model: type[BaseModel]) -> None:
    original = validate(load_yaml_file(path), model)
    written = dump_yaml(model_data(original), header=f"written from {path.name}")
    assert written.startswith(f"# written from {path.name}\n")
    assert validate(load_yaml_text(written, "written.yaml"), model) == original


def test_strings_that_yaml_1_1_would_retype_stay_strings() -> None:
    clause = Clause(number="5.10", part="NO", text="on", modality="prohibits", action=("inquire-status",))
    written = dump_yaml(model_data(clause))
    assert validate(load_yaml_text(written, "clause.yaml"), Clause) == clause
    assert "'5.10'" in written and "'NO'" in written


def test_shared_objects_are_written_twice_not_as_an_alias() -> None:
    shared = {"action": ["inquire-status"]}
    written = dump_yaml({"first": shared, "second": shared})
    assert "&" not in written and "*" not in written
    assert load_yaml_text(written, "shared.yaml").value == {"first": shared, "second": shared}
