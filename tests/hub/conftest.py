"""Hub fixtures: every hub test runs on SQLite and on a real PostgreSQL 15 started here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from facilitator.hub.database import open_hub
from facilitator.hub.pgcluster import Cluster, start_cluster
from facilitator.hub.web import ServerThread, create_hub_app


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throwaway cluster for the whole run (never skipped: CI installs PostgreSQL)."""
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty hub database URL on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.db'}"
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


@pytest.fixture
def hub(hub_url: str) -> Iterator[sa.Engine]:
    engine = open_hub(hub_url)
    yield engine
    engine.dispose()


@pytest.fixture
def served(hub: sa.Engine) -> Iterator[ServerThread]:
    """The hub's web app on a loopback port, for laptops to push to."""
    with ServerThread(create_hub_app(hub)) as server:
        yield server
