"""Player rows: a pseudonym and game looks, a link token and a code to type — nothing personal.

Privacy by design: the schema has no place for a real name, a birth date, a phone number or an
e-mail, and ``check_fields`` refuses any field whose name says it would hold one (the list is
``personal_fields.txt``). The home town, when given, must be a town of the shipped list, so it
stays a coarse place and never becomes an address.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources

import sqlite_utils

from engine.core.events import PlayerJoined
from engine.reference.geo import find_town
from engine.typography import agree

PEOPLE_TABLES = ("sessions", "teams", "players", "events", "exports", "settings")
SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, no 1/I: easy to copy by hand
SHORT_CODE_LENGTH = 8
TOKEN_BYTES = 24  # 192 bits: the QR link /s/TOKEN cannot be guessed
EDITABLE = ("colour", "avatar", "home_town")

_EMAIL = re.compile(r"\S+@\S+\.\S+")
_PHONE = re.compile(r"(?:\+?\d[\s.\-/]?){8,}")


class PrivacyError(ValueError):
    """A field or a value that would store personal data; the message is for the facilitator."""


@dataclass(frozen=True)
class PlayerRow:
    id: int
    session_id: int
    player_id: str
    pseudonym: str
    colour: str
    avatar: str
    team: str
    home_town: str | None
    token: str
    short_code: str
    joined_at: float


_COLUMNS = ", ".join(f.name for f in fields(PlayerRow))


# --- the guard --------------------------------------------------------------------------------


def _norm(name: str) -> str:
    bare = unicodedata.normalize("NFKD", name)
    return re.sub(
        r"[^a-z0-9]", "", "".join(c for c in bare if not unicodedata.combining(c)).lower()
    )


@cache
def _personal_words() -> tuple[frozenset[str], tuple[str, ...]]:
    text = resources.files("facilitator.storage").joinpath("personal_fields.txt").read_text("utf-8")
    exact: set[str] = set()
    inside: list[str] = []
    for line in text.splitlines():
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if word.startswith("="):
            exact.add(_norm(word[1:]))
        else:
            inside.append(_norm(word))
    return frozenset(exact), tuple(inside)


def is_personal_field(name: str) -> bool:
    exact, inside = _personal_words()
    key = _norm(name)
    return key in exact or any(word in key for word in inside)


def check_fields(names: Iterable[str]) -> None:
    """Refuse field names meant for personal data (real name, birth date, phone, e-mail…)."""
    bad = sorted(n for n in names if is_personal_field(n))
    if bad:
        raise PrivacyError(
            f"Déclic ne garde pas de données personnelles ({agree(len(bad), 'champ refusé', 'champs refusés')} : {', '.join(bad)}). "
            "Un joueur n'a qu'un pseudo, une couleur, un avatar et, s'il le veut, sa commune."
        )


def check_schema(db: sqlite_utils.Database) -> None:
    """The workshop tables have no column for personal data (checked at every opening)."""
    for table in PEOPLE_TABLES:
        if db.table(table).exists():
            check_fields(db.table(table).columns_dict)


def looks_personal(text: str) -> str | None:
    """Why a pseudonym looks like an e-mail or a phone number, else None (for the lobby)."""
    if _EMAIL.search(text):
        return "Un pseudo, pas une adresse e-mail : inventez un nom de joueur."
    if _PHONE.search(text):
        return "Un pseudo, pas un numéro de téléphone : inventez un nom de joueur."
    return None


def town_name(text: str) -> str:
    """The shipped-list spelling of a town, or ``PrivacyError`` with what to do."""
    town = find_town(text)
    if town is None:
        raise PrivacyError(
            f"« {text} » n'est pas dans la liste des communes. Choisissez une commune de la liste "
            "(nom ou code postal), ou laissez vide."
        )
    return town.name


# --- codes ------------------------------------------------------------------------------------


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_short_code() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def normalise_short_code(text: str) -> str:
    """``abcd-efgh`` → ``ABCDEFGH`` (spaces and dashes are for reading only)."""
    return re.sub(r"[\s\-]", "", text).upper()


def format_short_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


# --- rows -------------------------------------------------------------------------------------


def record_join(conn: sqlite3.Connection, session_id: int, event: PlayerJoined, now: float) -> None:
    """Insert or update the player row of a ``PlayerJoined``; run inside the event transaction."""
    assert event.player is not None and event.team is not None
    conn.execute(
        "INSERT INTO teams (session_id, id, name) VALUES (?, ?, ?) "
        "ON CONFLICT (session_id, id) DO NOTHING",
        (session_id, event.team, event.team_name),
    )
    for _ in range(8):  # a short-code collision is rare (40 bits); draw again
        try:
            conn.execute(
                "INSERT INTO players (session_id, player_id, pseudonym, colour, avatar, team, "
                "token, short_code, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, player_id) DO UPDATE SET pseudonym = excluded.pseudonym, "
                "colour = excluded.colour, avatar = excluded.avatar, team = excluded.team",
                (
                    session_id,
                    event.player,
                    event.pseudonym,
                    event.colour,
                    event.avatar,
                    event.team,
                    new_token(),
                    new_short_code(),
                    now,
                ),
            )
            return
        except sqlite3.IntegrityError as exc:
            if "short_code" not in str(exc) and "token" not in str(exc):
                raise
    raise sqlite3.IntegrityError("could not draw a unique short code")


def _row(values: tuple[object, ...]) -> PlayerRow:
    return PlayerRow(*values)  # type: ignore[arg-type]


def session_players(db: sqlite_utils.Database, session_id: int) -> list[PlayerRow]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM players WHERE session_id = ? ORDER BY joined_at, id", (session_id,)
    ).fetchall()
    return [_row(r) for r in rows]


def find_players(db: sqlite_utils.Database, ref: str) -> list[PlayerRow]:
    """Players matching a short code, a link token, ``SESSION:PLAYER_ID`` or a pseudonym."""
    ref = ref.strip()
    queries: list[tuple[str, tuple[object, ...]]] = [
        ("short_code = ?", (normalise_short_code(ref),)),
        ("token = ?", (ref,)),
    ]
    session, _, player = ref.partition(":")
    if session.isdecimal() and len(session) < 19 and player:  # an id SQLite can hold
        queries.append(("session_id = ? AND player_id = ?", (int(session), player)))
    queries.append(("pseudonym = ? COLLATE NOCASE", (ref,)))
    for where, params in queries:
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM players WHERE {where} ORDER BY session_id, id", params
        ).fetchall()
        if rows:
            return [_row(r) for r in rows]
    return []


def update_player(db: sqlite_utils.Database, row_id: int, **values: str | None) -> None:
    """Change a player's looks or home town; personal fields are refused, not ignored."""
    check_fields(values)
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise PrivacyError(
            f"{agree(len(unknown), 'champ inconnu', 'champs inconnus')} : {', '.join(unknown)} (possibles : {', '.join(EDITABLE)})."
        )
    if values.get("home_town"):
        values["home_town"] = town_name(str(values["home_town"]))
    if not values:
        return
    with db.atomic():
        db.execute(
            f"UPDATE players SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
            (*values.values(), row_id),
        )
