"""The law that ships with the package: the bundled rules and policies, found as package resources.

Why packages: `rules/` and `policies/` stay at the top of the checkout, where rules
authors and reviewers look for them, and `pyproject.toml` maps them onto the packages
`compliance.bundled.rules` and `compliance.bundled.policies` (each directory holds an
`__init__.py` for that). A wheel then carries the YAML inside the installed package,
and an editable install resolves the same names to the checkout, so one
`importlib.resources` call finds the law wherever the package runs from, whatever the
working directory.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

RULES = "compliance.bundled.rules"
POLICIES = "compliance.bundled.policies"


def _directory(package: str) -> Path:
    """The directory of a bundled-law package, as a file-system path the loader can walk."""
    found = files(package)
    if not isinstance(found, Path):  # a zip import: the loader reads files by path, not by resource
        raise RuntimeError(f"the bundled law ({package}) is not on the file system: install the package unzipped")
    return found


def rules_dir() -> Path:
    """The bundled rules: vocabulary.yaml, readings.yaml and one file per instrument below."""
    return _directory(RULES)


def policies_dir() -> Path:
    """The bundled policy files (the founding case's NOPD chapter, the Sheriff's 2013 detainer policy)."""
    return _directory(POLICIES)


__all__ = ["POLICIES", "RULES", "policies_dir", "rules_dir"]
