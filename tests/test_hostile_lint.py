"""The code-execution bans of SECURITY.md are enforced by ruff, not by good intentions.

Runs the project's ruff configuration over a file that does each banned thing
and checks that every one is reported, so a change to pyproject.toml that drops
a ban fails here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OFFENDER = """\
import yaml
from yaml import CLoader

yaml.load("a: 1", Loader=yaml.Loader)
yaml.unsafe_load("a: 1")
eval("1 + 1")
exec("x = 1")
print(CLoader)
"""


def test_ruff_bans_unsafe_yaml_eval_and_exec(tmp_path: Path) -> None:
    ruff = Path(sys.executable).with_name("ruff")
    command = str(ruff) if ruff.exists() else shutil.which("ruff")
    assert command, "ruff is a test dependency: pip install -e '.[test]'"
    offender = tmp_path / "offender.py"
    offender.write_text(OFFENDER, encoding="utf-8")
    result = subprocess.run(
        [
            command,
            "check",
            "--no-cache",
            "--config",
            str(ROOT / "pyproject.toml"),
            "--output-format=concise",
            str(offender),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    report = result.stdout
    for banned in ("yaml.CLoader", "yaml.load", "yaml.Loader", "yaml.unsafe_load"):
        assert f"TID251 `{banned}` is banned" in report, report
    assert "S307" in report, report  # eval
    assert "S102" in report, report  # exec
