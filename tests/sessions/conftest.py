"""Shared fixtures of the session tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.storage.location import DB_ENV


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh database file, also the default one of ``declic session`` (``$DECLIC_DB``)."""
    path = tmp_path / "atelier.db"
    monkeypatch.setenv(DB_ENV, str(path))
    return path
