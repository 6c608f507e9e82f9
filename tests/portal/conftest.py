"""Fixtures of the portal tests (helpers in portal_helpers.py, a name unique in the repo)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from portal_helpers import TODAY, Clock, Seeded, log_in, seed

from facilitator.portal.app import create_app


@pytest.fixture
def seeded(tmp_path: Path) -> Seeded:
    return seed(tmp_path / "declic.db")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(seeded: Seeded, clock: Clock) -> Flask:
    application = create_app(seeded.path, clock=clock, today=lambda: TODAY)
    application.testing = True
    return application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def logged_in(client: FlaskClient) -> FlaskClient:
    log_in(client)
    return client


@pytest.fixture
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process in French time (CET/CEST, written as a POSIX rule: no tzdata needed), so
    that dates shown in local time are known in advance."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is Unix only")
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
