"""Where this laptop's hub is: its address, this device's credential, the organisation.

Kept in the workshop database's ``settings`` table. Light on purpose (no SQLAlchemy, no
card code), and in storage rather than in ``facilitator.hub``: the game reads it at every game
end, the summaries for the QR address and the portal for the Mission Locale's name, and the
hub itself builds on those packages.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

URL_KEY = "hub.url"
CREDENTIAL_KEY = "hub.credential"
ORGANISATION_KEY = "hub.organisation"
FORGOTTEN_KEY = "hub.forgotten_after"


@dataclass(frozen=True)
class HubLink:
    url: str
    credential: str
    organisation: str


def _setting(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def read_link(db: sqlite_utils.Database) -> HubLink | None:
    url, credential = _setting(db, URL_KEY), _setting(db, CREDENTIAL_KEY)
    if not url or not credential:
        return None
    return HubLink(url, credential, _setting(db, ORGANISATION_KEY) or "")


def save_link(db: sqlite_utils.Database, link: HubLink) -> None:
    with db.atomic():
        _set(db, URL_KEY, link.url)
        _set(db, CREDENTIAL_KEY, link.credential)
        _set(db, ORGANISATION_KEY, link.organisation)
        _set(db, FORGOTTEN_KEY, "0")


def forgotten_after(db: sqlite_utils.Database) -> int:
    return int(_setting(db, FORGOTTEN_KEY) or 0)


def set_forgotten_after(db: sqlite_utils.Database, after: int) -> None:
    with db.atomic():
        _set(db, FORGOTTEN_KEY, str(after))
