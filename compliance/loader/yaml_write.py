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


class _Dumper(yaml.SafeDumper):
    """`safe_dump`, except that a string holding NEL (U+0085) is double-quoted, so NEL is escaped.

    Why: PyYAML writes NEL raw (it counts as a line break in a quoted scalar), and `yaml_safe`
    refuses raw control characters, so the file would not load back. Found by the property suite
    (tests/test_properties_formats.py); other breaks (U+2028/9) load back as written.
    Aliases are never written either: data that shares one object twice would otherwise come
    out as `&id001` / `*id001`, which `yaml_safe` refuses.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\x85" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _string)


def dump_yaml(data: Any, header: str = "") -> str:
    """Plain block-style YAML for `data`, optionally after a comment header (each line prefixed `# `)."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comment + body
