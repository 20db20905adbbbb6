"""The `compliance` subcommands, one module each, discovered by name.

Why discovery: every command lives in its own module with `NAME`, `HELP`,
`register(parser)` and `run(args) -> int`, so a new command is a new file and
never an edit to a shared list. Modules whose names start with `_` are
helpers, not commands. Command modules import only the standard library at
module level; the engine, pydantic models and YAML loader are imported inside
`run`, so start-up loads only what the chosen command needs.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def discover() -> list[ModuleType]:
    """Every command module, sorted by command name so `--help` is stable."""
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
    return sorted(modules, key=lambda module: module.NAME)
