"""Fixtures of the player tests: a headless window per test, closed afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.load.check import load_scenario


@pytest.fixture
def make_app() -> Iterator[object]:
    from engine.player.app import App

    opened: list[App] = []

    def make(path: Path, size: tuple[int, int] = (1280, 720), **kwargs: object) -> App:
        loaded = load_scenario(path)
        assert loaded.scenario is not None, [d.format() for d in loaded.diagnostics]
        app = App(loaded.scenario, path.parent, size=size, headless=True, **kwargs)  # type: ignore[arg-type]
        opened.append(app)
        return app

    yield make
    for app in opened:
        app.close()
