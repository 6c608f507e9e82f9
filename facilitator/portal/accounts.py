"""Counsellor accounts: names and argon2id password hashes, in the workshop database.

Why argon2 (argon2-cffi): it is memory-hard, so a stolen database file does not give the
passwords away to a GPU; the library also tells us when a hash needs upgrading.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

COUNSELLORS = "counsellors"
PORTAL_SESSIONS = "portal_sessions"
LOGIN_FAILURES = "portal_login_failures"
AUDIT = "portal_audit"
NOTES = "portal_notes"

MIN_PASSWORD_LENGTH = 10
MAX_NAME_LENGTH = 40

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified when the name is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("declic-dummy-password")


class AccountError(ValueError):
    """A refused account change, with a French message for the person at the keyboard."""


@dataclass(frozen=True, slots=True)
class Counsellor:
    id: int
    name: str


_SCHEMA = (
    f"""CREATE TABLE IF NOT EXISTS {COUNSELLORS} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    # `id` is the SHA-256 of the cookie value: a copy of the database opens no session.
    f"""CREATE TABLE IF NOT EXISTS {PORTAL_SESSIONS} (
        id TEXT PRIMARY KEY,
        counsellor_id INTEGER NOT NULL REFERENCES {COUNSELLORS} (id) ON DELETE CASCADE,
        csrf TEXT NOT NULL,
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL
    )""",
    f"""CREATE TABLE IF NOT EXISTS {LOGIN_FAILURES} (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        blocked_until REAL,
        last_failure REAL NOT NULL
    )""",
    f"""CREATE TABLE IF NOT EXISTS {AUDIT} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        counsellor TEXT NOT NULL,
        player_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        ip TEXT
    )""",
    f"CREATE INDEX IF NOT EXISTS {AUDIT}_player ON {AUDIT} (player_id)",
    # Notes may say personal things: they go with the player row when it is erased.
    f"""CREATE TABLE IF NOT EXISTS {NOTES} (
        player_id INTEGER PRIMARY KEY REFERENCES players (id) ON DELETE CASCADE,
        notes TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
    )""",
)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the portal's tables if missing. Idempotent, and it never commits: run inside
    a storage migration, it belongs to that migration's transaction."""
    for statement in _SCHEMA:
        db.conn.execute(statement)


def name_key(name: str) -> str:
    """The form of a name used for lookups: one person cannot be both "Anne" and "anne "."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def add_counsellor(db: sqlite_utils.Database, name: str, password: str) -> Counsellor:
    """Create an account; raises AccountError on a bad name, short password or duplicate."""
    ensure_schema(db)
    clean = unicodedata.normalize("NFKC", name).strip()
    if not clean or len(clean) > MAX_NAME_LENGTH or any(not c.isprintable() for c in clean):
        raise AccountError(
            f"nom invalide : de 1 à {MAX_NAME_LENGTH} caractères imprimables, par ex. « anne.martin »"
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"mot de passe trop court : au moins {MIN_PASSWORD_LENGTH} caractères "
            "(une phrase facile à retenir convient très bien)"
        )
    key = name_key(clean)
    if db.execute(f"SELECT 1 FROM {COUNSELLORS} WHERE name_key = ?", [key]).fetchone():
        raise AccountError(f"le compte « {clean} » existe déjà")
    with db.conn:
        cursor = db.conn.execute(
            f"INSERT INTO {COUNSELLORS} (name, name_key, password_hash, created_at) "
            "VALUES (?, ?, ?, ?)",
            [clean, key, _HASHER.hash(password), datetime.now(UTC).isoformat(timespec="seconds")],
        )
    return Counsellor(int(cursor.lastrowid or 0), clean)


def check_password(db: sqlite_utils.Database, name: str, password: str) -> Counsellor | None:
    """The counsellor when name and password match, else None (same cost either way)."""
    row = db.execute(
        f"SELECT id, name, password_hash FROM {COUNSELLORS} WHERE name_key = ?", [name_key(name)]
    ).fetchone()
    stored = row[2] if row else _DUMMY_HASH
    try:
        _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _HASHER.check_needs_rehash(stored):
        db.execute(
            f"UPDATE {COUNSELLORS} SET password_hash = ? WHERE id = ?",
            [_HASHER.hash(password), row[0]],
        )
        db.conn.commit()
    return Counsellor(int(row[0]), str(row[1]))
