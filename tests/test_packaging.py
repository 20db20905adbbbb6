"""The package's shape: every package has an `__init__.py` whose `__all__` resolves, and one version string.

Why: a directory without `__init__.py` is a namespace package, which mypy maps
to two module names and setuptools may leave out of a wheel; an `__all__`
naming a module that was renamed goes stale silently. The version is written
once, in `compliance/__init__.py`, and pyproject.toml reads it from there.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import compliance

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "compliance"
PACKAGE_DIRS = sorted({p.parent for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts})


def _name(directory: Path) -> str:
    return ".".join(directory.relative_to(ROOT).parts)


@pytest.mark.parametrize("directory", PACKAGE_DIRS, ids=_name)
def test_every_package_has_an_init_with_an_all_that_resolves(directory: Path) -> None:
    assert (directory / "__init__.py").is_file(), f"{directory} has Python files but no __init__.py"
    module = importlib.import_module(_name(directory))
    names = getattr(module, "__all__", None)
    assert isinstance(names, list) and names, f"{module.__name__} has no __all__"
    assert len(set(names)) == len(names), f"{module.__name__}.__all__ repeats a name"
    for name in names:
        resolves = hasattr(module, name) or importlib.util.find_spec(f"{module.__name__}.{name}") is not None
        assert resolves, f"{module.__name__}.__all__ names {name!r}, which is neither defined there nor a submodule"


def test_the_version_is_written_once_and_read_by_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "compliance.__version__"}
    assert metadata.version("compliance") == compliance.__version__  # this checkout, installed with pip -e


def test_importing_compliance_costs_no_import() -> None:
    """Every command imports the top package: it must stay a literal, not importlib.metadata or anything else."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]
    assert imports == [], f"compliance/__init__.py imports at line {imports[0].lineno}"
    assert compliance.__version__.count(".") == 2 and compliance.__version__.replace(".", "").isdigit()


UNPINNED_IN_MIN = {"ruff", "mypy", "types-pyyaml", "types-tabulate"}
"""Tools only the main run of .ci/run uses (lint and type check): the lowest-versions run does not install them."""


def _bounds(requirement: str) -> tuple[str, dict[str, str]]:
    """The normalised name and the bounds of `name>=1,<2` (`==` for an exact pin)."""
    match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", requirement.strip())
    assert match is not None, requirement
    bounds: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in match[2].split(","))):
        bound = re.fullmatch(r"(==|>=|<)\s*(\S+)", part)
        assert bound is not None, f"{requirement!r}: bounds are written >=LOW,<HIGH (or ==V)"
        bounds[bound[1]] = bound[2]
    return re.sub(r"[-_.]+", "-", match[1]).lower(), bounds


def _release(version: str) -> tuple[int, ...]:
    numbers = [int(n) for n in version.split(".")]
    return tuple(numbers + [0] * (4 - len(numbers)))


def test_every_dependency_has_a_lower_and_an_upper_bound_and_min_constraints_pin_the_lower() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pins = {}
    for line in (ROOT / "constraints-min.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, bounds = _bounds(line)
            assert set(bounds) == {"=="}, f"constraints-min.txt: {line!r} is not an exact pin"
            pins[name] = bounds["=="]
    for requirement in requirements:
        name, bounds = _bounds(requirement)
        assert set(bounds) in ({"=="}, {">=", "<"}), f"{requirement!r} needs a lower and an upper bound"
        low = bounds.get("==") or bounds[">="]
        if name in UNPINNED_IN_MIN:
            continue
        assert name in pins, f"constraints-min.txt does not pin {name}"
        assert _release(pins[name]) == _release(low), f"constraints-min.txt pins {name}=={pins[name]}, not {low}"
    assert set(pins) <= {_bounds(r)[0] for r in requirements}, "constraints-min.txt pins a package nobody asks for"


def test_the_readme_test_command_is_the_one_ci_runs() -> None:
    """The README's test command (the line that installs `.[test]`) is a line of .ci/run, character for character."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    commands = [line.strip() for line in readme if "pip install -q -e '.[test]'" in line]
    assert commands, "the README shows no test command"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in commands:
        assert command in ci, f".ci/run does not run the README's {command!r}"
