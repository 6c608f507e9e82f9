"""A plain, non-editable install ships the scenarios and assets and runs from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel and unpacked into a folder of its own."""
    repo = Path(__file__).resolve().parents[2]
    wheels = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(repo)],
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode != 0:
        pytest.fail(f"wheel build failed:\n{build.stderr[-2000:]}")
    wheel = next(wheels.glob("declic-*.whl"))
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def run(installed: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    return subprocess.run(
        [sys.executable, "-m", "declic", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def test_wheel_contains_scenarios_and_assets(installed: Path) -> None:
    assert (installed / "scenarios" / "demo-escape" / "demo-escape.yaml").is_file()
    assert (installed / "scenarios" / "demo-escape" / "demo-escape.walkthrough.yaml").is_file()
    assert (installed / "assets" / "skills" / "savoir-etre.yaml").is_file()
    assert (installed / "assets" / "geo" / "towns.csv").is_file()


def test_installed_copy_checks_and_replays_shipped_scenarios(
    installed: Path, tmp_path: Path
) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", "import declic, engine; print(declic.__file__, engine.__file__)"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(installed)},
        cwd=tmp_path,
        check=True,
    )
    assert str(installed) in probe.stdout, "the test must run the installed copy, not the repo"
    scenarios = sorted(
        p
        for p in (installed / "scenarios").glob("*/*.yaml")
        if not p.name.endswith(".walkthrough.yaml")
    )
    assert scenarios
    checked = run(installed, "check", *map(str, scenarios), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    for scenario in scenarios:
        replayed = run(installed, "replay", scenario.stem, cwd=tmp_path)
        assert replayed.returncode == 0, replayed.stderr
        assert "fin «" in replayed.stdout
