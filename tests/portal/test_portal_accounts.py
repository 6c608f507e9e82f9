"""Counsellor accounts and the portal's tables, on real SQLite files."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from facilitator.portal.accounts import AccountError, add_counsellor, check_password, ensure_schema

PORTAL_TABLES = {
    "counsellors",
    "portal_sessions",
    "portal_login_failures",
    "portal_audit",
    "portal_notes",
}


def test_schema_belongs_to_the_callers_transaction(tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "declic.db")
    db.conn.execute("BEGIN IMMEDIATE")  # as a storage migration does
    ensure_schema(db)
    db.conn.execute("ROLLBACK")
    assert not PORTAL_TABLES & set(db.table_names())
    ensure_schema(db)
    ensure_schema(db)  # idempotent
    assert set(db.table_names()) >= PORTAL_TABLES


def test_passwords_are_stored_as_argon2id_and_checked(tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "declic.db")
    ensure_schema(db)
    anne = add_counsellor(db, "  Anne  ", "un mot de passe long")
    stored = db.execute("SELECT name, password_hash FROM counsellors").fetchone()
    assert stored[0] == "Anne" and stored[1].startswith("$argon2id$")
    assert "un mot de passe long" not in stored[1]
    assert check_password(db, "ANNE", "un mot de passe long") == anne
    assert check_password(db, "anne", "un mot de passe lonG") is None
    assert check_password(db, "personne", "un mot de passe long") is None
    with pytest.raises(AccountError, match="existe déjà"):
        add_counsellor(db, "anne", "un autre mot de passe")
    with pytest.raises(AccountError, match="trop court"):
        add_counsellor(db, "léa", "court")
