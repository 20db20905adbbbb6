"""Edits to a policy as JSON Patch (RFC 6902) operations on its YAML data, and how to apply them.

Why RFC 6902: it is a standard a user can apply with tools they already have
(`kubectl patch --type json`, kustomize's patchesJson6902, the `jsonpatch`
library), it reads plainly when printed as YAML, and its `test` operation lets
a patch refuse a file whose clause at that index is not the one it was made
for. Why one source of truth: `suggest` builds the edited policy by applying
the very operations it prints, so the patch a user sees is exactly what the
engine verified.

Only the subset `suggest` emits is implemented: `test`, `add`, `replace` and
`remove`, on object members and list items (`-` appends).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from compliance.errors import PatchError

Op = dict[str, Any]
"""One RFC 6902 operation: `{"op": ..., "path": ..., "value"?: ...}`."""


def _tokens(path: str) -> list[str]:
    if not path.startswith("/"):
        raise PatchError(f"a JSON Pointer starts with '/': {path!r}")
    return [token.replace("~1", "/").replace("~0", "~") for token in path[1:].split("/")]


def _index(container: list[Any], token: str, path: str, *, append: bool = False) -> int:
    if append and token == "-":
        return len(container)
    if not token.isdigit() or (len(token) > 1 and token.startswith("0")):
        raise PatchError(f"{path}: {token!r} is not a list index")
    index = int(token)
    if index > len(container) or (index == len(container) and not append):
        raise PatchError(f"{path}: index {index} is out of range")
    return index


def _parent(document: Any, path: str, copied: set[int]) -> tuple[Any, str]:
    """The container `path` ends in, each container on the way copied (once) before it is changed.

    Copy on write, not a deep copy of the whole document per patch: `suggest` applies one
    patch per candidate edit, and copying every clause for each made it quadratic in them.
    """
    tokens = _tokens(path)
    node = document
    for token in tokens[:-1]:
        if isinstance(node, dict):
            if token not in node:
                raise PatchError(f"{path}: no member {token!r}")
            node[token] = child = _own(node[token], copied)
        elif isinstance(node, list):
            index = _index(node, token, path)
            node[index] = child = _own(node[index], copied)
        else:
            raise PatchError(f"{path}: cannot descend into a scalar")
        node = child
    return node, tokens[-1]


def _own(node: Any, copied: set[int]) -> Any:
    """`node` itself if this patch already copied it, else a shallow copy that it owns."""
    if not isinstance(node, (dict, list)) or id(node) in copied:
        return node
    mine = copy.copy(node)
    copied.add(id(mine))
    return mine


def _get(parent: Any, token: str, path: str) -> Any:
    if isinstance(parent, dict):
        if token not in parent:
            raise PatchError(f"{path}: no member {token!r}")
        return parent[token]
    if isinstance(parent, list):
        return parent[_index(parent, token, path)]
    raise PatchError(f"{path}: cannot index a scalar")


def apply_patch(document: Any, ops: Sequence[Op]) -> Any:
    """The document with every operation applied in order; the input is not changed."""
    copied: set[int] = set()
    out = _own(document, copied)
    for op in ops:
        kind, path = op["op"], op["path"]
        parent, token = _parent(out, path, copied)
        if kind == "test":
            if _get(parent, token, path) != op["value"]:
                raise PatchError(f"{path}: expected {op['value']!r}, found {_get(parent, token, path)!r}")
        elif kind == "add":
            if isinstance(parent, dict):
                parent[token] = copy.deepcopy(op["value"])
            elif isinstance(parent, list):
                parent.insert(_index(parent, token, path, append=True), copy.deepcopy(op["value"]))
            else:
                raise PatchError(f"{path}: cannot add into a scalar")
        elif kind == "replace":
            _get(parent, token, path)
            if isinstance(parent, dict):
                parent[token] = copy.deepcopy(op["value"])
            else:
                parent[_index(parent, token, path)] = copy.deepcopy(op["value"])
        elif kind == "remove":
            _get(parent, token, path)
            if isinstance(parent, dict):
                del parent[token]
            else:
                del parent[_index(parent, token, path)]
        else:
            raise PatchError(f"{path}: unsupported operation {kind!r}")
    return out


def identify(index: int, clause: dict[str, Any]) -> list[Op]:
    """`test` operations pinning clause `index` to its number (and part), so a patch refuses another file."""
    ops: list[Op] = [{"op": "test", "path": f"/clauses/{index}/number", "value": clause["number"]}]
    if "part" in clause:
        ops.append({"op": "test", "path": f"/clauses/{index}/part", "value": clause["part"]})
    return ops


def set_field(index: int, clause: dict[str, Any], field: str, value: Any) -> list[Op]:
    """Set one field of clause `index` (`add` when the file leaves it out, as RFC 6902 requires)."""
    kind = "replace" if field in clause else "add"
    return [*identify(index, clause), {"op": kind, "path": f"/clauses/{index}/{field}", "value": value}]


def append_clause(value: dict[str, Any]) -> list[Op]:
    """Add a clause at the end of the policy."""
    return [{"op": "add", "path": "/clauses/-", "value": value}]


def remove_clause(index: int, clause: dict[str, Any]) -> list[Op]:
    """Remove clause `index`, after checking it is the clause meant."""
    return [*identify(index, clause), {"op": "remove", "path": f"/clauses/{index}"}]
