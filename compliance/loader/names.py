"""Which file names are YAML files: one set of extensions for rules and policies alike.

Why one module: rules directories once read only `*.yaml` while policies
accepted `*.yml` too, so a rules file named `x.yml` was silently skipped and
a verdict flipped from conflict to none. Every place that looks for YAML
files asks here; a name that looks like YAML but is not read (`X.YAML`,
`x.yaml.bak`, `x.yml~`) is for the rules loader an error, never silence.
"""

from __future__ import annotations

import re
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
"""The suffixes of the files read, exactly (lower case)."""

_LOOKS_LIKE_YAML = re.compile(r"\.ya?ml(?![a-z0-9])", re.IGNORECASE)


def is_yaml(path: Path) -> bool:
    """A file name that is read as YAML."""
    return path.suffix in YAML_SUFFIXES


def looks_like_yaml(path: Path) -> bool:
    """A name with `.yaml`/`.yml` in it, in any case or followed by more (a backup, a copy): is it meant as one?"""
    return bool(_LOOKS_LIKE_YAML.search(path.name))
