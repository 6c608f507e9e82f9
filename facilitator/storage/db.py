"""Open the workshop database: WAL, full sync, foreign keys, schema brought up to date.

Durability choice: ``journal_mode=WAL`` with ``synchronous=FULL``. In WAL mode a commit is one
append to the ``-wal`` file; FULL adds one fsync of that file per commit, so a committed event
survives a power cut or a dead battery, not only a crashed process (NORMAL would survive a
``kill -9`` but may lose the last commits on power loss). The cost is measured by
``bench/events.py``. ``secure_delete`` overwrites deleted rows, so an erased pseudonym does not
linger in free pages.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from facilitator.storage.migrations import Migration, all_migrations
from facilitator.storage.players import PrivacyError, check_schema


class StorageError(Exception):
    """The database cannot be used; the message says why in French and what to do."""


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"impossible de créer le dossier {path.parent} ({exc.strerror})."
        ) from None
    if path.is_dir():
        raise StorageError(
            f"{path} est un dossier ; indiquez un fichier, par exemple {path / 'declic.db'}."
        )
    if path.exists() and not path.is_file():  # /dev/null: SQLite would write beside it
        raise StorageError(
            f"{path} n'est pas un fichier ordinaire (périphérique ou fichier spécial) ; "
            "indiquez un fichier, par exemple declic.db."
        )
    try:
        db = sqlite_utils.Database(path, execute_plugins=False)  # none used; saves ~0.2 s
    except sqlite3.Error as exc:
        raise StorageError(f"impossible d'ouvrir la base {path} ({exc}).") from None
    try:
        configure(db)
        migrate(db)
        check_schema(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StorageError(
            f"{path} n'est pas une base Déclic utilisable ({exc}). "
            "Vérifiez le chemin (--db ou DECLIC_DB)."
        ) from None
    except (StorageError, PrivacyError):
        db.close()
        raise
    return db


def configure(db: sqlite_utils.Database) -> None:
    """Per-connection settings; WAL is stored in the file, the others must be set each time."""
    db.enable_wal()
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA secure_delete = ON")
    db.execute("PRAGMA busy_timeout = 5000")


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def latest_version(migrations: tuple[Migration, ...] | None = None) -> int:
    migrations = all_migrations() if migrations is None else migrations
    return migrations[-1].version if migrations else 0


def migrate(
    db: sqlite_utils.Database,
    up_to: int | None = None,
    migrations: tuple[Migration, ...] | None = None,
) -> int:
    """Apply the pending migrations in order, all in one transaction; return the new version.

    ``BEGIN IMMEDIATE`` takes the write lock before reading the version, so two programs
    opening a fresh file at once do not both migrate it.
    """
    migrations = all_migrations() if migrations is None else migrations
    target = latest_version(migrations) if up_to is None else up_to
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(db)
        if current > latest_version(migrations):
            raise StorageError(
                f"cette base a été créée par une version plus récente de Déclic "
                f"(schéma {current}, connu : {latest_version(migrations)}). Mettez Déclic à jour."
            )
        for migration in migrations:
            if current < migration.version <= target:
                migration.apply(db)
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")
                current = migration.version
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return current


def scrub(db: sqlite_utils.Database) -> bool:
    """Leave no erased data in the files: VACUUM, then fold the WAL back and truncate it.

    Returns False when another program (an open game window) kept the WAL from being emptied;
    the caller tells the facilitator to close it and run the command again.
    """
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with db.ensure_autocommit_on():
        db.conn.execute("VACUUM")
    busy, _log, _done = db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy
