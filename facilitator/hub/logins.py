"""Counsellors' logins on the hub: sessions, CSRF tokens, throttling per account and address.

Throttling counts failures under two keys and refuses while either asks to wait:
``user:NAME`` (5 free failures from anywhere, then waits doubling from 2 s to 15 min) stops
guessing one account; ``ip:ADDRESS`` (100 free) stops one address spraying many names.
Because names are counted apart, 21 wrong logins with random names from one address do not
lock out a real counsellor, who has their own counter.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from facilitator.hub.people import User, name_key
from facilitator.hub.schema import login_failures, login_sessions, users

SESSION_SECONDS = 8 * 3600.0
FREE_PER_ACCOUNT = 5
FREE_PER_ADDRESS = 100
FREE_CODES = 20
FIRST_WAIT = 2.0
MAX_WAIT = 15 * 60.0
FORGET_AFTER = 24 * 3600.0


@dataclass(frozen=True)
class Counsellor:
    name: str


@dataclass(frozen=True)
class Login:
    """What the templates read: ``login.counsellor.name`` and ``login.csrf``."""

    user: User
    csrf: str

    @property
    def counsellor(self) -> Counsellor:
        return Counsellor(self.user.name)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(expected: str | None, given: str | None) -> bool:
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))


def open_session(conn: sa.Connection, user: User, now: float) -> str:
    cookie = new_token()
    conn.execute(
        login_sessions.insert().values(
            token_hash=_digest(cookie),
            user_id=user.id,
            csrf=new_token(),
            created_at=now,
            expires_at=now + SESSION_SECONDS,
        )
    )
    conn.execute(users.update().where(users.c.id == user.id).values(last_login_at=now))
    return cookie


def current_login(conn: sa.Connection, cookie: str | None, now: float) -> Login | None:
    if not cookie or len(cookie) > 200:
        return None
    row = conn.execute(
        sa.select(users, login_sessions.c.csrf, login_sessions.c.expires_at)
        .join(login_sessions, login_sessions.c.user_id == users.c.id)
        .where(login_sessions.c.token_hash == _digest(cookie), users.c.disabled_at.is_(None))
    ).first()
    if row is None or row.expires_at < now:
        return None
    return Login(User(row.id, row.org_id, row.name, row.role), row.csrf)


def close_session(conn: sa.Connection, cookie: str | None) -> None:
    if cookie:
        conn.execute(login_sessions.delete().where(login_sessions.c.token_hash == _digest(cookie)))


def login_limits(address: str, name: str) -> dict[str, int]:
    """The counters a login attempt is checked against, each with its free failures."""
    return {f"user:{name_key(name)[:80]}": FREE_PER_ACCOUNT, f"ip:{address[:60]}": FREE_PER_ADDRESS}


def code_limits(address: str) -> dict[str, int]:
    """Typing card codes: one counter per address (young people have no account)."""
    return {f"code:{address[:60]}": FREE_CODES}


def _wait(failures: int, last_at: float, free: int, now: float) -> float:
    if failures < free or now - last_at > FORGET_AFTER:
        return 0.0
    wait = min(FIRST_WAIT * 2.0 ** (failures - free), MAX_WAIT)
    return max(0.0, last_at + wait - now)


def wait_before_retry(conn: sa.Connection, limits: dict[str, int], now: float) -> float:
    """Seconds to wait before the next attempt (0: go ahead): the longest of the counters."""
    rows = conn.execute(sa.select(login_failures).where(login_failures.c.key.in_(list(limits))))
    return max(
        [0.0, *(_wait(r.failures, r.last_at, limits[r.key], now) for r in rows)],
    )


def record_failure(conn: sa.Connection, limits: dict[str, int], now: float) -> None:
    for key in limits:
        row = conn.execute(sa.select(login_failures).where(login_failures.c.key == key)).first()
        if row is None:
            conn.execute(login_failures.insert().values(key=key, failures=1, last_at=now))
        else:
            failures = 1 if now - row.last_at > FORGET_AFTER else row.failures + 1
            conn.execute(
                login_failures.update()
                .where(login_failures.c.key == key)
                .values(failures=failures, last_at=now)
            )


def clear_account(conn: sa.Connection, limits: dict[str, int]) -> None:
    """A right password clears the account's counter (the address's keeps counting)."""
    accounts = [key for key in limits if key.startswith("user:")]
    conn.execute(login_failures.delete().where(login_failures.c.key.in_(accounts)))
