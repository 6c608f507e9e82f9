"""The credential tables in the workshop database: signing keys, DID documents, status lists.

Created by storage migration 4. Private keys stay in this local file (like the counsellors'
password hashes): the laptop that signs is the laptop that holds them.
"""

from __future__ import annotations

import sqlite_utils

_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS signing_keys (
        organisation_key TEXT NOT NULL,
        organisation TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('local', 'hub')),
        did TEXT NOT NULL,
        verification_method TEXT NOT NULL UNIQUE,
        private_seed BLOB NOT NULL,
        created_at REAL NOT NULL,
        PRIMARY KEY (organisation_key, kind)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE IF NOT EXISTS did_documents (
        did TEXT PRIMARY KEY,
        document TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS status_lists (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        issuer_did TEXT NOT NULL UNIQUE,
        slug TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        length INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS status_entries (
        list_id INTEGER NOT NULL REFERENCES status_lists (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        credential_id TEXT NOT NULL UNIQUE,
        subject TEXT,
        revoked_at REAL,
        PRIMARY KEY (list_id, idx)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX IF NOT EXISTS status_entries_subject ON status_entries (subject)",
)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables if missing; idempotent and never commits (runs inside a migration)."""
    for statement in _SCHEMA:
        db.conn.execute(statement)
