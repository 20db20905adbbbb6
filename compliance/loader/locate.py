"""Validate a loaded YAML tree with pydantic and point every error at the file.

Why: pydantic reports *where in the data* a value is wrong (`loc`), not where
in the file. `yaml_safe` recorded a line and column for every node, so each
error is mapped to the deepest recorded node on its `loc`, and rewritten in
the author's terms (kebab-case keys, `true`/`false`, lists and mappings) with
a suggestion of what to write instead. All errors are reported at once.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from compliance.errors import InputError, Location, Problem, suggestion_for
from compliance.loader.yaml_safe import Loaded, NodePath
from compliance.model.jurisdiction import PATTERN as JURISDICTION_PATTERN

M = TypeVar("M", bound=BaseModel)

_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")
_PATTERNS = {
    r"^[a-z0-9][a-z0-9-]*$": "is not a valid id: write it in kebab-case, lower-case letters, digits and hyphens, "
    "starting with a letter or digit (such as 'held-by')",
    r"^https?://\S+$": "is not a web address: write a URL starting with http:// or https://, without spaces",
    JURISDICTION_PATTERN: "is not a jurisdiction: write a path of lower-case segments separated by '/', "
    "broadest first (such as 'us', 'us/la' or 'us/la/orleans'), or 'unknown'",
    r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY where the sources "
    "say no more",
}
_MAX_KEYS_LISTED = 20


def validate(loaded: Loaded, model: type[M]) -> M:
    """Validate `loaded.value` as `model`; on failure raise one `InputError` with every problem located."""
    problems = set(_python_spellings(loaded, model))
    try:
        validated = model.model_validate(_tuples(loaded.value))
    except ValidationError as error:
        problems |= {_problem(loaded, model, item) for item in error.errors(include_url=False)}
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.location, p.message))) from None
    return validated


def _python_spellings(loaded: Loaded, model: type[BaseModel]) -> list[Problem]:
    """Keys written with the Python field name (`issuer_kind`) where the format says `issuer-kind`.

    Why here: the models accept field names too (`populate_by_name`, so Python
    code can build them), which would let a YAML author's snake_case pass
    silently while the published JSON Schema refuses it. Only the loader reads
    YAML, so only it holds authors to the written spelling.
    """
    problems: list[Problem] = []
    pending: list[tuple[NodePath, object, object]] = [((), loaded.value, model)]
    while pending:
        path, value, annotation = pending.pop()
        if isinstance(value, list):
            item = _item_type(annotation)
            if item is not None:
                pending.extend(((*path, i), v, item) for i, v in enumerate(value))
            continue
        cls = _as_model(annotation)
        if not isinstance(value, dict) or cls is None:
            continue
        fields = {(field.alias or name): field.annotation for name, field in cls.model_fields.items()}
        for key, child in value.items():
            if key in fields:
                pending.append(((*path, key), child, fields[key]))
            elif isinstance(key, str) and "_" in key and key.replace("_", "-") in fields:
                where = _location(loaded, (*path, key), prefer_key=True)
                problems.append(
                    Problem(where, f"unknown key {key!r} (did you mean {key.replace('_', '-')!r}?)", "schema")
                )
    return problems


def _tuples(root: object) -> object:
    """A copy with lists as tuples: strict models accept only tuples for `tuple[...]` fields.

    Iterative (children before parents) so a deep tree cannot exhaust the stack.
    """
    order: list[dict[Any, Any] | list[Any]] = []
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, dict | list):
            order.append(node)
            pending.extend(node.values() if isinstance(node, dict) else node)
    done: dict[int, object] = {}

    def converted(value: object) -> object:
        return done[id(value)] if isinstance(value, dict | list) else value

    for node in reversed(order):
        if isinstance(node, dict):
            done[id(node)] = {key: converted(value) for key, value in node.items()}
        else:
            done[id(node)] = tuple(converted(value) for value in node)
    return converted(root)


def _data_path(value: object, loc: tuple[str | int, ...]) -> NodePath:
    """The longest path through the actual data along `loc`, skipping pydantic's internal names."""
    path: list[str | int] = []
    for part in loc:
        in_mapping = isinstance(value, dict) and isinstance(part, str) and part in value
        in_list = isinstance(value, list) and type(part) is int and 0 <= part < len(value)
        if not (in_mapping or in_list):
            continue  # a union member or validator name such as 'function-after[...]'
        value = value[part]  # type: ignore[index]
        path.append(part)
    return tuple(path)


def _location(loaded: Loaded, path: NodePath, prefer_key: bool) -> Location:
    """The mark of the deepest recorded node on `path` (its key's mark if `prefer_key`)."""
    while True:
        if prefer_key and path in loaded.key_marks:
            return loaded.key_marks[path]
        if path in loaded.marks:
            return loaded.marks[path]
        if not path:
            return Location(loaded.path, 1, 1)
        path = path[:-1]


def _candidates(annotation: object) -> list[object]:
    """The types an annotation may hold: `Annotated` stripped, unions split, None dropped."""
    result: list[object] = []
    pending = [annotation]
    while pending:
        current = pending.pop(0)
        origin = typing.get_origin(current)
        if origin is typing.Annotated:
            pending.append(typing.get_args(current)[0])
        elif origin is typing.Union or origin is types.UnionType:
            pending.extend(typing.get_args(current))
        elif current is not type(None):
            result.append(current)
    return result


def _as_model(annotation: object) -> type[BaseModel] | None:
    for candidate in _candidates(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _item_type(annotation: object) -> object | None:
    for candidate in _candidates(annotation):
        if typing.get_origin(candidate) in (tuple, list) and typing.get_args(candidate):
            return typing.get_args(candidate)[0]
    return None


def _model_at(model: type[BaseModel], path: NodePath) -> type[BaseModel] | None:
    """The sub-model describing the mapping at `path`, found by walking field annotations."""
    current: object = model
    for part in path:
        if isinstance(part, int):
            current = _item_type(current)
        else:
            cls = _as_model(current)
            fields = cls.model_fields.items() if cls is not None else ()
            current = next((f.annotation for n, f in fields if (f.alias or n) == part or n == part), None)
        if current is None:
            return None
    return _as_model(current)


def _keys(model: type[BaseModel] | None) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()] if model is not None else []


def _show(value: object) -> str:
    """A value as it appears in YAML, for messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _suggestion(model: type[BaseModel], path: NodePath, error: Any) -> str | None:
    """The known word a misspelt key or choice was probably meant to be (data, shown as "did you mean")."""
    kind, loc, given = error["type"], error["loc"], error.get("input")
    if kind == "extra_forbidden":
        return suggestion_for(str(loc[-1]), _keys(_model_at(model, path[:-1])))
    ctx = error.get("ctx") or {}
    if kind in ("literal_error", "enum") and "expected" in ctx:
        word = given if isinstance(given, str) else _show(given)
        return suggestion_for(word.lower(), _QUOTED.findall(str(ctx["expected"])))
    return None


def _message(model: type[BaseModel], path: NodePath, error: Any) -> str:
    """The author-facing message for one pydantic error: what is wrong and what to write (no suggestion)."""
    kind, loc, given = error["type"], error["loc"], error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        name = str(loc[-1])
        keys = _keys(_model_at(model, path[:-1]))
        hint = ""
        if _suggestion(model, path, error) is None and 0 < len(keys) <= _MAX_KEYS_LISTED:
            hint = "; expected one of: " + ", ".join(keys)
        return f"unknown key {name!r}{hint}"
    if kind == "missing":
        name = str(loc[-1])
        return f"missing required key {name!r}; add `{name}:` to this mapping"
    if kind in ("literal_error", "enum") and "expected" in ctx:
        choices = _QUOTED.findall(str(ctx["expected"]))
        return f"{_show(given)} is not one of: {', '.join(choices)}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERNS:
        return f"{_show(given)} {_PATTERNS[ctx['pattern']]}"
    if kind == "bool_type":
        return f"expected true or false, found {_show(given)}; write true or false without quotes"
    if kind == "string_type":
        advice = "write the text after the colon" if given is None else "quote it if it is meant as text"
        return f"expected text, found {_show(given)}; {advice}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, found {_show(given)}; write each item on its own line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping, found {_show(given)}; write `key: value` lines indented under it"
    message = str(error["msg"])
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _problem(loaded: Loaded, model: type[BaseModel], error: Any) -> Problem:
    # a model-wide check may name the node it is about (`at`, relative to its own place), as history order does
    at = tuple((error.get("ctx") or {}).get("at", ()))
    path = _data_path(loaded.value, tuple(error["loc"]) + at)
    prefer_key = error["type"] in ("extra_forbidden", "missing")
    where = _location(loaded, path, prefer_key)
    return Problem(where, _message(model, path, error), "schema", _suggestion(model, path, error))
