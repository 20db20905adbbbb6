"""Write models back as YAML in the project's own formats (policies, provisions, patches).

Why here: the loader package is the only place that imports PyYAML. Why
`safe_dump`: it emits plain data only (no tags), and it quotes any string a
YAML 1.1 reader would retype (`"5.10"`, `"NO"`, `"2016-02-28"`), so what we
write reads back through `yaml_safe` as the same strings. Key order is the
model's field order, so output is deterministic and reads like the bundled
files.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import BaseModel


def model_data(model: BaseModel) -> dict[str, Any]:
    """A model as plain YAML-ready data: kebab-case keys, defaults left out, tuples as lists."""
    return model.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def dump_yaml(data: Any, header: str = "") -> str:
    """Plain block-style YAML for `data`, optionally after a comment header (each line prefixed `# `)."""
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comment + body
