"""Login sessions, CSRF tokens, login throttling and the audit log (written and read).

Sessions live server-side (table `portal_sessions`): the browser only holds a random value in
an HttpOnly SameSite=Strict cookie and the table keeps its SHA-256, so logging out or deleting
the row ends the session at once. Every function takes the clock as an argument: the tests
step time instead of sleeping.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from facilitator.portal.accounts import (
    AUDIT,
    COUNSELLORS,
    LAST_LOGINS,
    LOGIN_FAILURES,
    PORTAL_SESSIONS,
    Counsellor,
    local_time,
    name_key,
)

SESSION_COOKIE = "declic_session"
CSRF_COOKIE = "declic_csrf"  # double-submit token for the forms shown before login
SESSION_SECONDS = 8 * 3600  # one working day; then log in again

# Throttling: a few free mistakes, then a wait that doubles with every further failure.
# Counted per IP and name, and per IP alone (so that trying many names does not help).
FREE_FAILURES = 3
FREE_FAILURES_PER_IP = 20
FIRST_WAIT_SECONDS = 2.0
MAX_WAIT_SECONDS = 15 * 60.0
FORGET_FAILURES_AFTER = 24 * 3600.0

# What the audit log records, and how the audit page says it.
CONSULTED = "consultation"
WROTE_NOTES = "notes"
ACTION_TEXTS = {CONSULTED: "a consulté", WROTE_NOTES: "a écrit une note"}


@dataclass(frozen=True, slots=True)
class LoginSession:
    counsellor: Counsellor
    csrf: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log. The address it came from is stored, never shown: the
    counsellor pages show nothing more about anybody than a name, a pseudonym and a code."""

    id: int
    at: str  # ISO 8601 in UTC, as audit() writes it
    counsellor: str  # the name at the time: it stays after the account is removed
    player_id: int
    action: str

    @property
    def shown_at(self) -> str:
        try:
            return local_time(datetime.fromisoformat(self.at))
        except ValueError:
            return self.at

    @property
    def action_text(self) -> str:
        return ACTION_TEXTS.get(self.action, self.action)


def new_token() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def tokens_match(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; a missing value never matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def open_session(db: sqlite_utils.Database, counsellor: Counsellor, now: float) -> str:
    """Store a new session and return the cookie value (never stored as such)."""
    cookie = new_token()
    db.table(PORTAL_SESSIONS).insert(
        {
            "id": _digest(cookie),
            "counsellor_id": counsellor.id,
            "csrf": new_token(),
            "created_at": now,
            "expires_at": now + SESSION_SECONDS,
        }
    )
    db.execute(
        f"INSERT INTO {LAST_LOGINS} (counsellor_id, at) VALUES (?, ?) "
        "ON CONFLICT(counsellor_id) DO UPDATE SET at = excluded.at",
        [counsellor.id, now],
    )
    # Old sessions are swept here rather than by a timer.
    db.execute(f"DELETE FROM {PORTAL_SESSIONS} WHERE expires_at < ?", [now])
    db.conn.commit()
    return cookie


def current_session(
    db: sqlite_utils.Database, cookie: str | None, now: float
) -> LoginSession | None:
    if not cookie or len(cookie) > 200:
        return None
    row = db.execute(
        f"SELECT c.id, c.name, s.csrf FROM {PORTAL_SESSIONS} s "
        f"JOIN {COUNSELLORS} c ON c.id = s.counsellor_id WHERE s.id = ? AND s.expires_at > ?",
        [_digest(cookie), now],
    ).fetchone()
    if row is None:
        return None
    return LoginSession(Counsellor(int(row[0]), str(row[1])), str(row[2]))


def close_session(db: sqlite_utils.Database, cookie: str | None) -> None:
    if cookie:
        db.execute(f"DELETE FROM {PORTAL_SESSIONS} WHERE id = ?", [_digest(cookie)])
        db.conn.commit()


def throttle_key(ip: str, name: str) -> str:
    return f"{ip}\n{name_key(name)}"


def _ip_key(key: str) -> str:
    return key.split("\n", 1)[0] + "\n*"


def wait_before_retry(db: sqlite_utils.Database, key: str, now: float) -> float:
    """Seconds this IP+name (or this IP) must still wait before trying again (0: may try)."""
    rows = db.execute(
        f"SELECT blocked_until FROM {LOGIN_FAILURES} WHERE key IN (?, ?)", [key, _ip_key(key)]
    ).fetchall()
    return max([0.0] + [float(r[0]) - now for r in rows if r[0] is not None])


def record_failure(db: sqlite_utils.Database, key: str, now: float) -> float:
    """Count a failed attempt for IP+name and for the IP; returns the wait now imposed."""
    wait = _count(db, key, now, FREE_FAILURES)
    return max(wait, _count(db, _ip_key(key), now, FREE_FAILURES_PER_IP))


def _count(db: sqlite_utils.Database, key: str, now: float, free: int) -> float:
    row = db.execute(
        f"SELECT failures, last_failure FROM {LOGIN_FAILURES} WHERE key = ?", [key]
    ).fetchone()
    failures = 1
    if row is not None and now - float(row[1]) < FORGET_FAILURES_AFTER:
        failures = int(row[0]) + 1
    extra = failures - free
    wait = 0.0 if extra <= 0 else min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (extra - 1))
    db.execute(
        f"INSERT INTO {LOGIN_FAILURES} (key, failures, blocked_until, last_failure) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, "
        "blocked_until = excluded.blocked_until, last_failure = excluded.last_failure",
        [key, failures, now + wait, now],
    )
    db.conn.commit()
    return wait


def clear_failures(db: sqlite_utils.Database, key: str) -> None:
    db.execute(f"DELETE FROM {LOGIN_FAILURES} WHERE key = ?", [key])
    db.conn.commit()


def audit(db: sqlite_utils.Database, counsellor: str, player_id: int, action: str, ip: str) -> None:
    """Record who looked at (or wrote about) which player, and when."""
    db.table(AUDIT).insert(
        {
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "counsellor": counsellor,
            "player_id": player_id,
            "action": action,
            "ip": ip,
        }
    )


def audit_names(db: sqlite_utils.Database) -> list[str]:
    """Each counsellor named in the log, once (names compared as login compares them), in
    alphabetical order: the choices of the audit page's filter, removed accounts included."""
    names: dict[str, str] = {}
    for (name,) in db.execute(f"SELECT DISTINCT counsellor FROM {AUDIT} ORDER BY counsellor"):
        names.setdefault(name_key(str(name)), str(name))
    return [names[key] for key in sorted(names)]


def audit_entries(
    db: sqlite_utils.Database, counsellor: str = "", before: int | None = None, limit: int = 200
) -> list[AuditEntry]:
    """The newest entries first, at most `limit`: ids follow the order of writing, so
    `before` (an entry's id) gives the next page and stays right while new entries arrive.
    `counsellor`, when given, keeps one person's entries, the name matched as login does."""
    where: list[str] = []
    params: list[object] = []
    if counsellor.strip():
        key = name_key(counsellor)
        stored = db.execute(f"SELECT DISTINCT counsellor FROM {AUDIT}").fetchall()
        spellings = [str(name) for (name,) in stored if name_key(str(name)) == key]
        if not spellings:
            return []
        where.append(f"counsellor IN ({', '.join('?' * len(spellings))})")
        params.extend(spellings)
    if before is not None:
        where.append("id < ?")
        params.append(before)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = db.execute(
        f"SELECT id, at, counsellor, player_id, action FROM {AUDIT}{clause} "
        "ORDER BY id DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [AuditEntry(int(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4])) for r in rows]
