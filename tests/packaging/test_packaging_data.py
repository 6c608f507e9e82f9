"""``pip install .`` ships every file the program reads: a data file that no pattern of
``[tool.setuptools.package-data]`` names is left out of the installed copy, and only a
fresh install finds out (the badges' JSON-LD context did: ``declic summary --badges``
crashed there, never in a checkout). Unlike test_packaging_wheel.py, no build: it reads
``pyproject.toml`` and what git tracks."""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_every_tracked_data_file_is_in_the_package_data() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout: the files it tracks are those to ship")
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = [name.rstrip("*") for name in setuptools["packages"]["find"]["include"]]
    patterns = [p.rsplit("/", 1)[-1] for p in setuptools["package-data"]["*"]]
    tracked = (
        subprocess.run(
            ["git", "ls-files", "-z", *folders], cwd=ROOT, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    data = [f for f in tracked if f and not f.endswith(".py")]
    assert data, "git lists the packages' files"
    left_out = [f for f in data if not any(fnmatch.fnmatch(Path(f).name, p) for p in patterns)]
    assert not left_out, f"add their pattern to package-data in pyproject.toml: {left_out}"
