"""An installed copy carries the law: the wheel, installed in a clean venv, runs outside the checkout.

Why a real wheel and a real venv: the bundled rules and policies reach an
installed copy only as package data (pyproject.toml maps `rules/` and
`policies/` onto `compliance.bundled.*`), and only a build shows whether they
do. The wheel is built from the checkout's own files, copied to a temporary
directory (so a stale `build/` cannot leak into it), installed with its
dependencies from the package index (pip caches durable-rules' build), once
per session. Every command then runs from a directory outside the checkout,
with no PYTHONPATH, and its output is compared with the checkout's own run of
the same command in the same directory: byte for byte, not against a copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

import cli
from compliance.model.corpus import Corpus
from tests.conftest import ROOT
from tests.test_formats_tutorial import _tutorial_yaml

SOURCES = ("pyproject.toml", "README.md", "cli.py", "compliance", "rules", "policies")
"""What the build reads: the project's metadata, the code and the bundled law."""
POLICY = "nopd-41.6.1-2016.yaml"
DAY = "2017-11-17"


@dataclass(frozen=True)
class Installed:
    """A clean venv with the wheel installed, and a working directory outside the checkout."""

    venv: Path
    workdir: Path

    def run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        return subprocess.run(
            [str(self.venv / "bin" / "compliance"), *argv],
            cwd=self.workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )


def _quiet(*argv: str | Path, cwd: Path | None = None) -> None:
    result = subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(map(str, argv))} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel from the checkout's files, install it into a fresh venv: once per session."""
    base = tmp_path_factory.mktemp("installed")
    source = base / "source"
    source.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    wheels = base / "wheels"
    _quiet(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--disable-pip-version-check",
        "-w",
        wheels,
        ".",
        cwd=source,
    )
    (wheel,) = wheels.glob("compliance-*.whl")
    venv = base / "venv"
    _quiet(sys.executable, "-m", "venv", venv)
    _quiet(venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel)
    workdir = base / "elsewhere"
    workdir.mkdir()
    return Installed(venv, workdir)


def _checkout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cwd: Path, *argv: str
) -> tuple[int, str]:
    """The same command run in-process from the checkout's code, in the same directory."""
    monkeypatch.chdir(cwd)
    code = cli.main(list(argv))
    return code, capsys.readouterr().out


def test_the_package_list_is_every_package() -> None:
    """`packages` is listed by hand (find cannot see the bundled law): it must name every package there is."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.relative_to(ROOT).parts)
        for path in (ROOT / "compliance").rglob("*")
        if path.is_dir() and path.name != "__pycache__" and any(path.glob("*.py"))
    } | {"compliance", "compliance.bundled.rules", "compliance.bundled.policies"}
    assert listed == found


@pytest.mark.wheel
def test_the_installed_copy_finds_its_bundled_law_inside_the_venv(installed: Installed) -> None:
    probe = "from compliance.bundled import policies_dir, rules_dir; print(rules_dir()); print(policies_dir())"
    result = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c", probe],
        cwd=installed.workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rules, policies = (Path(line) for line in result.stdout.splitlines())
    for found in (rules, policies):
        assert found.is_relative_to(installed.venv) and not found.is_relative_to(ROOT), found
    assert (rules / "vocabulary.yaml").is_file() and (rules / "federal" / "usc-8-1373.yaml").is_file()
    bundled = sorted(p.relative_to(ROOT / "policies").as_posix() for p in (ROOT / "policies").rglob("*.y*ml"))
    assert sorted(p.relative_to(policies).as_posix() for p in policies.rglob("*.y*ml")) == bundled
    assert any("/" in name for name in bundled)  # the policies below policies/<state>/ travel too


@pytest.mark.wheel
def test_check_and_dispute_on_a_bundled_policy_copied_outside(
    installed: Installed, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copyfile(ROOT / "policies" / POLICY, installed.workdir / POLICY)
    for command in (["check", POLICY, "--format", "json"], ["dispute", POLICY, "--format", "json"]):
        argv = [*command, "--as-of", DAY]
        result = installed.run(*argv)
        assert result.stderr == ""
        code, out = _checkout(capsys, monkeypatch, installed.workdir, *argv)
        assert (result.returncode, result.stdout) == (code, out)
    # And the verdicts are the reviewed founding case's (tests/golden/founding-case.json, the same date).
    check = json.loads(installed.run("check", POLICY, "--format", "json", "--as-of", DAY).stdout)
    golden = json.loads((ROOT / "tests" / "golden" / "founding-case.json").read_text(encoding="utf-8"))
    (reviewed,) = (d for d in golden["documents"] if d["path"] == f"policies/{POLICY}")
    assert check["exit_code"] == 0 and check["documents"][0]["path"] == POLICY  # only broad conflicts: not counted
    assert check["documents"][0]["verdicts"] == reviewed["verdicts"]


@pytest.mark.wheel
def test_test_runs_every_bundled_example(installed: Installed, corpus: Corpus) -> None:
    result = installed.run("test")
    examples = sum(len(p.provision.examples) for p in corpus.provisions)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", f"{examples} passed, 0 failed\n")


@pytest.mark.wheel
def test_rules_list_names_the_bundled_law_and_a_layer_adds_one_provision(installed: Installed, corpus: Corpus) -> None:
    listed = installed.run("rules", "list", "--format", "json", "--as-of", DAY)
    assert (listed.returncode, listed.stderr) == (0, "")
    provisions = json.loads(listed.stdout)["provisions"]
    assert [p["id"] for p in provisions] == [p.provision.id for p in corpus.provisions]
    assert all(Path(p["path"]).is_relative_to(installed.venv) for p in provisions)
    text = installed.run("rules", "list", "--as-of", DAY)
    assert text.returncode == 0 and "usc-8-1373-b-1  in force  verified  8 U.S.C. § 1373(b)(1)" in text.stdout
    layer = installed.workdir / "my-rules"
    layer.mkdir()
    (layer / "la-act-399-2025.yaml").write_text(_tutorial_yaml(), encoding="utf-8")  # the README tutorial's file
    added = installed.run("rules", "list", "--rules", "my-rules", "--format", "json", "--as-of", DAY)
    assert (added.returncode, added.stderr) == (0, "")
    ids = [p["id"] for p in json.loads(added.stdout)["provisions"]]
    assert ids == [p.provision.id for p in corpus.provisions] + ["la-act-399-2025-thwart"]
