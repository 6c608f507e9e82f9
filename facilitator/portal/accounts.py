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
from zxcvbn import zxcvbn

COUNSELLORS = "counsellors"
PORTAL_SESSIONS = "portal_sessions"
LOGIN_FAILURES = "portal_login_failures"
AUDIT = "portal_audit"
NOTES = "portal_notes"
LAST_LOGINS = "portal_last_logins"
CARD_IMAGES = "portal_card_images"

MIN_PASSWORD_LENGTH = 12
MIN_PASSWORD_SCORE = 3  # zxcvbn's scale, 0 to 4
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


@dataclass(frozen=True, slots=True)
class CounsellorInfo:
    """One line of `declic portal counsellors`: nothing secret, no password hash."""

    name: str
    created_at: datetime | None  # None if the stored text cannot be read
    last_login: datetime | None  # None when no login is recorded


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
    # Its own table rather than a column, so that an existing database gains it with
    # CREATE TABLE IF NOT EXISTS; logins before it existed are not known.
    f"""CREATE TABLE IF NOT EXISTS {LAST_LOGINS} (
        counsellor_id INTEGER PRIMARY KEY REFERENCES {COUNSELLORS} (id) ON DELETE CASCADE,
        at REAL NOT NULL
    )""",
)

#: Migration 5 (facilitator/portal/migrations.py): a database at migration 3 or 4 gains it.
_CARD_IMAGES_SCHEMA = (
    # The young person's card as PNG, drawn once and served from here. `made_from` says what
    # it was drawn from (the session's log, the scenario file, the portal's address): when
    # it differs the card is drawn again. It goes with the player row when that is erased.
    f"""CREATE TABLE IF NOT EXISTS {CARD_IMAGES} (
        player_id INTEGER PRIMARY KEY REFERENCES players (id) ON DELETE CASCADE,
        made_from TEXT NOT NULL,
        png BLOB NOT NULL
    )""",
)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the portal's tables if missing. Idempotent, and it never commits: run inside
    a storage migration, it belongs to that migration's transaction."""
    ensure_accounts_schema(db)
    ensure_card_images(db)


def ensure_accounts_schema(db: sqlite_utils.Database) -> None:
    """Migration 3: accounts, sessions, logins, access log, notes."""
    for statement in _SCHEMA:
        db.conn.execute(statement)


def ensure_card_images(db: sqlite_utils.Database) -> None:
    """Migration 5: the cards' pictures, drawn once."""
    for statement in _CARD_IMAGES_SCHEMA:
        db.conn.execute(statement)


def name_key(name: str) -> str:
    """The form of a name used for lookups: one person cannot be both "Anne" and "anne "."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def local_time(moment: datetime) -> str:
    """« 01/09/2026 à 09:05 » in this computer's time zone (the Mission Locale's)."""
    shown = moment.astimezone()
    return f"{shown:%d/%m/%Y} à {shown:%H:%M}"


def password_problem(password: str, name: str) -> str | None:
    """Why a new password is refused, in French for the person choosing it; None if it is fine.

    At least MIN_PASSWORD_LENGTH characters, not only spaces, not the account's name nor
    containing it, and not easy to guess: zxcvbn (Dropbox's estimator, MIT licence) knows the
    30,000 most common passwords, keyboard rows, repeats, sequences and dates, and we ask
    for a score of 3 out of 4 ("safely unguessable" for an online attack)."""
    if not password:
        return f"mot de passe vide : tapez-en un d'au moins {MIN_PASSWORD_LENGTH} caractères"
    if len(password) < MIN_PASSWORD_LENGTH:
        return (
            f"mot de passe trop court : au moins {MIN_PASSWORD_LENGTH} caractères "
            "(une phrase facile à retenir convient très bien)"
        )
    if not password.strip():
        return "mot de passe refusé : il n'a que des espaces ; tapez une phrase facile à retenir"
    key = name_key(name)
    if key and key in name_key(password):
        return (
            "mot de passe refusé : il ne doit pas contenir le nom du compte ; "
            "choisissez une phrase qui n'a rien à voir avec lui"
        )
    # zxcvbn refuses more than 72 characters; a longer sentence is judged on its beginning.
    if zxcvbn(password[:72], user_inputs=[name])["score"] < MIN_PASSWORD_SCORE:
        return (
            "mot de passe trop facile à deviner (mot de passe courant, suite de touches "
            "comme azerty, répétition ou date) : choisissez une phrase de quelques mots "
            "qui ne va pas ensemble, par ex. « girafe bleue sous la pluie »"
        )
    return None


def _check_new_password(password: str, name: str) -> None:
    problem = password_problem(password, name)
    if problem is not None:
        raise AccountError(problem)


def add_counsellor(db: sqlite_utils.Database, name: str, password: str) -> Counsellor:
    """Create an account; raises AccountError on a bad name, short password or duplicate."""
    ensure_schema(db)
    clean = unicodedata.normalize("NFKC", name).strip()
    if not clean or len(clean) > MAX_NAME_LENGTH or any(not c.isprintable() for c in clean):
        raise AccountError(
            f"nom invalide : de 1 à {MAX_NAME_LENGTH} caractères imprimables, par ex. « anne.martin »"
        )
    _check_new_password(password, clean)
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


def find_counsellor(db: sqlite_utils.Database, name: str) -> Counsellor:
    """The account login would open for `name`; AccountError (saying where to look) if none."""
    row = db.execute(
        f"SELECT id, name FROM {COUNSELLORS} WHERE name_key = ?", [name_key(name)]
    ).fetchone()
    if row is None:
        shown = unicodedata.normalize("NFKC", name).strip()
        raise AccountError(
            f"aucun compte « {shown} » ; la liste des comptes : declic portal counsellors"
        )
    return Counsellor(int(row[0]), str(row[1]))


def _end_sessions(db: sqlite_utils.Database, counsellor: Counsellor, now: float) -> int:
    """Delete every login session of the account (inside the caller's transaction); returns
    how many were still open, so that a stolen cookie stops working at once."""
    still_open = db.conn.execute(
        f"SELECT COUNT(*) FROM {PORTAL_SESSIONS} WHERE counsellor_id = ? AND expires_at > ?",
        [counsellor.id, now],
    ).fetchone()[0]
    db.conn.execute(f"DELETE FROM {PORTAL_SESSIONS} WHERE counsellor_id = ?", [counsellor.id])
    return int(still_open)


def reset_password(
    db: sqlite_utils.Database, name: str, password: str, now: float
) -> tuple[Counsellor, int]:
    """Give the account a new password and end its sessions; returns it and the number of
    sessions ended. AccountError on an unknown name or a refused password."""
    counsellor = find_counsellor(db, name)
    _check_new_password(password, counsellor.name)
    with db.conn:
        db.conn.execute(
            f"UPDATE {COUNSELLORS} SET password_hash = ? WHERE id = ?",
            [_HASHER.hash(password), counsellor.id],
        )
        ended = _end_sessions(db, counsellor, now)
    return counsellor, ended


def remove_counsellor(db: sqlite_utils.Database, name: str, now: float) -> tuple[Counsellor, int]:
    """Delete the account and its sessions; returns it and the number of sessions ended.

    Notes and audit entries keep the author's name as text: they are the agency's record of
    who did what, and they stay readable after the person has left."""
    counsellor = find_counsellor(db, name)
    with db.conn:
        ended = _end_sessions(db, counsellor, now)
        db.conn.execute(f"DELETE FROM {LAST_LOGINS} WHERE counsellor_id = ?", [counsellor.id])
        db.conn.execute(f"DELETE FROM {COUNSELLORS} WHERE id = ?", [counsellor.id])
    return counsellor, ended


def _read_time(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None


def list_counsellors(db: sqlite_utils.Database) -> list[CounsellorInfo]:
    """Every account, in alphabetical order. The last login is the one recorded at login, or
    else the newest session still in the table (a database from before that record)."""
    rows = db.execute(
        f"SELECT c.name, c.created_at, l.at, "
        f"(SELECT MAX(s.created_at) FROM {PORTAL_SESSIONS} s WHERE s.counsellor_id = c.id) "
        f"FROM {COUNSELLORS} c LEFT JOIN {LAST_LOGINS} l ON l.counsellor_id = c.id "
        "ORDER BY c.name_key"
    ).fetchall()
    accounts = []
    for name, created_at, recorded, session in rows:
        known = [float(t) for t in (recorded, session) if t is not None]
        last = datetime.fromtimestamp(max(known), UTC) if known else None
        accounts.append(CounsellorInfo(str(name), _read_time(created_at), last))
    return accounts
