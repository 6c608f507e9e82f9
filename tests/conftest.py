"""Test setup shared by every test: headless SDL, the repo's reference data."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

REPO = Path(__file__).resolve().parents[1]
SHARED_REFERENCE = REPO.parent / "shared" / "reference"
SCREENSHOTS = REPO / "docs" / "screenshots"


@pytest.fixture(scope="session")
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the run: validated scenarios (engine/cache.py) are shared
    between tests, as between two starts of the game, and never the real user's."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _private_data_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _cache_folder: Path
) -> None:
    """Never touch the real user's database: the default location points into a temp folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_folder))
    monkeypatch.delenv("DECLIC_DB", raising=False)


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def shared_reference() -> Path:
    if not SHARED_REFERENCE.is_dir():
        pytest.skip(f"real reference data not found at {SHARED_REFERENCE}")
    return SHARED_REFERENCE


def _save_shot(surface_owner: Callable[[Path], object], tmp_path: Path, name: str) -> Path:
    """Save to tmp; with DECLIC_UPDATE_DOCS=1 also refresh the curated copy in docs/, so that
    running the tests never changes a tracked file."""
    path = tmp_path / f"{name}.png"
    surface_owner(path)
    assert path.stat().st_size > 10_000
    if os.environ.get("DECLIC_UPDATE_DOCS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SCREENSHOTS / f"{name}.png")
    return path


@pytest.fixture
def save_shot() -> Callable[[Callable[[Path], object], Path, str], Path]:
    return _save_shot
