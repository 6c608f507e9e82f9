"""Open the hub database from a URL: a SQLite file by default, PostgreSQL for a region.

``--db`` takes ``sqlite:///PATH`` or ``postgresql://USER@HOST/NAME`` (the psycopg 3 driver is
chosen for it). Opening always brings the schema to Alembic's head, so a new version of Déclic
upgrades the hub the first time it starts (``declic hub upgrade`` does only that).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_path

from facilitator.hub import schema
from facilitator.storage.players import check_fields

HUB_DB_ENV = "DECLIC_HUB_DB"
MIGRATIONS = Path(__file__).with_name("alembic")


class HubDatabaseError(Exception):
    """The hub database cannot be used; the message says why in French and what to do."""


def default_url() -> str:
    return f"sqlite:///{user_data_path('declic', appauthor=False) / 'hub.db'}"


def hub_url(cli_value: str | None) -> str:
    """``--db``, else ``$DECLIC_HUB_DB``, else ``hub.db`` in the user's data folder."""
    return (cli_value or "").strip() or os.environ.get(HUB_DB_ENV, "").strip() or default_url()


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` use psycopg 3; a bare path is a SQLite file."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    return url


def _sqlite_settings(engine: sa.Engine) -> None:
    """WAL, full sync, foreign keys; every transaction takes the write lock at BEGIN, so two
    pushes never deadlock upgrading a read lock (SQLAlchemy's documented pysqlite recipe)."""

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            "busy_timeout = 30000",
            "secure_delete = ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


#: Pooled PostgreSQL connections when the caller does not say: the server asks for one per
#: thread (``declic hub serve --threads``), so no request waits for a connection or opens one.
POOL_SIZE = 16


def create_hub_engine(url: str, *, pool_size: int = POOL_SIZE) -> sa.Engine:
    """An engine for ``url`` (not migrated: see ``open_hub``).

    On PostgreSQL the pool keeps ``pool_size`` connections open: a connection opened beyond
    the pool is closed again when given back, so a pool smaller than the server's threads
    made every busy request start a PostgreSQL backend (measured: the youth page's main
    cost under 32 clients). No ping before each checkout (one round trip per request): a
    connection found dead raises ``OperationalError``, SQLAlchemy then drops the whole pool,
    and the sync API retries its transaction (``api._transaction``)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = sa.make_url(url).database
        if path and path != ":memory:":
            try:
                Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise HubDatabaseError(
                    f"impossible de créer le dossier de {path} ({exc.strerror})."
                ) from None
        engine = sa.create_engine(url, connect_args={"check_same_thread": False})
        _sqlite_settings(engine)
        return engine
    if url.startswith("postgresql"):
        return sa.create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=3600)
    raise HubDatabaseError(
        f"adresse de base inconnue : {url}. Utilisez sqlite:///CHEMIN ou postgresql://…"
    )


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Apply the pending Alembic migrations in one transaction."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def open_hub(url: str, *, pool_size: int = POOL_SIZE) -> sa.Engine:
    """The hub's engine with its schema at head and the privacy guard checked."""
    engine = create_hub_engine(url, pool_size=pool_size)
    try:
        upgrade(engine)
        check_privacy(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise HubDatabaseError(
            f"base du hub inutilisable ({exc.orig}). Vérifiez l'adresse donnée à --db."
        ) from None
    except sa.exc.SQLAlchemyError as exc:  # a file that is not a database, a refused schema
        engine.dispose()
        raise HubDatabaseError(f"base du hub inutilisable ({exc}).") from None
    return engine


def check_privacy(engine: sa.Engine) -> None:
    """No column of a player table is meant for personal data (as in the laptop's database)."""
    inspector = sa.inspect(engine)
    for table in schema.PLAYER_TABLES:
        check_fields(column["name"] for column in inspector.get_columns(table.name))
