"""The `compliance` subcommands, one module each, discovered by name.

Why discovery: every command lives in its own module with `NAME`, `HELP`,
`register(parser)` and `run(args) -> int`, so a new command is a new file and
never an edit to a shared list. Modules whose names start with `_` are
helpers, not commands. Command modules import only the standard library at
module level; the engine, pydantic models and YAML loader are imported inside
`run`, so start-up loads only what the chosen command needs. `find` imports
the one module a command line names, so running a command never pays for
importing the others (only `--help` and unknown commands discover them all).
"""

from __future__ import annotations

import importlib
import importlib.util
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


def find(name: str) -> ModuleType | None:
    """The command module called `name`, importing only that one; None when no module is.

    A command whose `NAME` differs from its module's name (`test` lives in
    `rule_tests`) is not found here; the caller falls back to `discover`.
    """
    if not name.isidentifier() or name.startswith("_"):
        return None
    qualified = f"{__name__}.{name}"
    if importlib.util.find_spec(qualified) is None:
        return None
    module = importlib.import_module(qualified)
    return module if getattr(module, "NAME", None) == name else None


__all__ = ["discover", "find"]
