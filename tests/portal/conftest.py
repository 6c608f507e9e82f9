"""Fixtures of the portal tests (helpers in portal_helpers.py, a name unique in the repo)."""

from __future__ import annotations

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
