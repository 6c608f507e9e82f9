"""The hub's side of a push, one short transaction per request.

A push is ``begin`` (the hub says how far it got), the scenario by hash if the hub lacks it,
events in chunks (inserted with "on conflict do nothing" on ``(session, seq)``), then
``commit``: the hub checks the digest of what it holds against the laptop's, rebuilds every
card from the events with the same code, and only then writes the players and marks the
session committed. A connection cut anywhere leaves either nothing or a prefix that the next
``begin`` continues from: pushing again never makes a second copy.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from engine.typography import agree
from facilitator.hub import dashboards, jsonio
from facilitator.hub.cards import (
    COMPACT,
    EventRow,
    canonical,
    card_texts,
    cards_digest,
    cards_text,
    events_digest,
    parsed_scenario,
    scenario_hash,
    session_cards,
    well_typed,
)
from facilitator.hub.people import Device, HubError
from facilitator.hub.schema import devices, events, players, scenarios, sessions, tombstones

MAX_SCENARIO_BYTES = 5_000_000
PLAYER_FIELDS = ("player_id", "pseudonym", "home_town", "token", "short_code", "joined_at")


class Restart(HubError):
    """The events the hub holds are not a prefix of the laptop's: send them all again."""


class CardsWanted(HubError):
    """The digest of the laptop's cards differs from that of the hub's rebuild: send the
    cards themselves, which say which players differ (or are the same cards, written
    another way)."""


def push_digest(log_digest: str, scenario: str, people: Sequence[dict[str, Any]]) -> str:
    """What a push is: its events, its scenario and its players (a forget changes it)."""
    listed = sorted([p.get(f) for f in PLAYER_FIELDS] for p in people)
    text = COMPACT.encode([log_digest, scenario, listed])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def insert_ignoring_duplicates(conn: sa.Connection, table: sa.Table, rows: list[dict]) -> None:  # type: ignore[type-arg]
    """INSERT ... ON CONFLICT DO NOTHING on either database (any column type)."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


def insert_rows(
    conn: sa.Connection,
    table: sa.Table,
    rows: list[dict],  # type: ignore[type-arg]
    *,
    ignore_duplicates: bool = False,
) -> None:
    """Insert ``rows`` (all with the same keys) with one statement on PostgreSQL: ``INSERT ...
    SELECT ... FROM json_to_recordset(the rows as one JSON text)``, whose text depends only on
    the columns, so psycopg prepares it once per connection; psycopg's executemany sends one
    statement per row, which cost the hub more than the rest of a push. SQLite, in the same
    process, takes an executemany. Values are ints, finite floats, strings or None."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        insert = sqlite.insert(table)
        conn.execute(insert.on_conflict_do_nothing() if ignore_duplicates else insert, rows)
        return
    names = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    listed = ", ".join(quote(name) for name in names)
    typed = ", ".join(
        f"{quote(name)} {table.c[name].type.compile(dialect=conn.dialect)}" for name in names
    )
    sql = (
        f"INSERT INTO {quote(table.name)} ({listed}) SELECT {listed} "
        f"FROM json_to_recordset(%(rows)s::json) AS given({typed})"
        + (" ON CONFLICT DO NOTHING" if ignore_duplicates else "")
    )
    conn.exec_driver_sql(sql, {"rows": jsonio.dumps(rows)})


def _session_row(conn: sa.Connection, device: Device, laptop_session: int) -> Any:
    return conn.execute(
        sa.select(sessions).where(
            sessions.c.device_id == device.id, sessions.c.laptop_session == laptop_session
        )
    ).first()


def _received(conn: sa.Connection, session_id: int) -> int:
    found = conn.execute(
        sa.select(sa.func.max(events.c.seq)).where(events.c.session_id == session_id)
    ).scalar()
    return int(found or 0)


def begin(
    conn: sa.Connection, device: Device, laptop_session: int, meta: dict[str, Any], now: float
) -> dict[str, Any]:
    """Open (or find) the session; say whether the scenario is needed and how far the events got."""
    opened = _open_session(conn, device, laptop_session, meta)
    if opened is None:
        return {"need_scenario": True}
    row, how = opened
    received = 0 if how in ("created", "reset") else _received(conn, row.id)
    return {"state": row.state, "received": received}


def meta_values(meta: Any) -> dict[str, Any]:
    """The session's columns from a push's ``meta``, checked."""
    try:
        return {
            "scenario_hash": str(meta["scenario_hash"]),
            "scenario_id": str(meta["scenario_id"])[:200],
            "scenario_title": str(meta["scenario_title"])[:300],
            "created_at": finite(meta["created_at"]),
        }
    except (KeyError, TypeError, ValueError, HubError):
        raise HubError("description de la séance mal formée dans l'envoi") from None


def _open_session(
    conn: sa.Connection, device: Device, laptop_session: int, meta: dict[str, Any]
) -> tuple[Any, str] | None:
    """The session's row and what was done to it: ``created`` (no events, no players yet),
    ``reset`` (changed on the laptop: its events dropped, to be sent again) or ``kept``;
    None when the hub lacks the scenario."""
    values = meta_values(meta)
    wanted_hash = values["scenario_hash"]
    have = conn.execute(sa.select(scenarios.c.hash).where(scenarios.c.hash == wanted_hash)).first()
    if have is None:
        return None
    row = _session_row(conn, device, laptop_session)
    if row is None:
        created = conn.execute(
            sessions.insert()
            .values(
                org_id=device.org_id,
                device_id=device.id,
                laptop_session=laptop_session,
                state="uploading",
                **values,
            )
            .returning(*sessions.c)
        ).one()
        return created, "created"
    if row.state == "committed" and row.digest == meta.get("digest"):
        return row, "kept"
    if row.state == "committed":  # the laptop's session changed (a forget, a late note)
        conn.execute(events.delete().where(events.c.session_id == row.id))
        reset = conn.execute(
            sessions.update()
            .where(sessions.c.id == row.id)
            .values(state="uploading", **values)
            .returning(*sessions.c)
        ).one()
        return reset, "reset"
    updated = conn.execute(
        sessions.update().where(sessions.c.id == row.id).values(**values).returning(*sessions.c)
    ).one()
    return updated, "kept"


def store_scenario(conn: sa.Connection, expected: str, content: bytes, now: float) -> None:
    if len(content) > MAX_SCENARIO_BYTES:
        raise HubError("scénario trop gros (5 Mo au plus)")
    if scenario_hash(content) != expected:
        raise HubError("le contenu du scénario ne correspond pas à son empreinte")
    insert_ignoring_duplicates(
        conn, scenarios, [{"hash": expected, "content": content, "stored_at": now}]
    )


def event_row(raw: Any) -> dict[str, Any]:
    """One event of a push as its columns, checked. What a laptop sends (a list of an int
    >= 1, a finite float, strings or None) is taken as it is; anything else is converted
    or refused."""
    if well_typed(raw) and raw[0] >= 1:
        seq, at, kind, player, team, data = raw
        return {"seq": seq, "at": at, "kind": kind, "player": player, "team": team, "data": data}
    try:
        seq, at, kind, player, team, data = raw
        row = {
            "seq": int(seq),
            "at": float(at),
            "kind": str(kind),
            "player": None if player is None else str(player),
            "team": None if team is None else str(team),
            "data": str(data),
        }
    except (TypeError, ValueError):
        raise HubError("événement mal formé dans l'envoi") from None
    if int(row["seq"]) < 1:  # type: ignore[call-overload]
        raise HubError("numéro d'événement invalide")
    if not math.isfinite(row["at"]):  # type: ignore[arg-type]
        raise HubError("événement mal formé dans l'envoi")
    return row


def store_events(
    conn: sa.Connection, device: Device, laptop_session: int, batch: Sequence[Any]
) -> int:
    """Add a chunk of events (those already held are ignored); return the highest seq held."""
    row = _session_row(conn, device, laptop_session)
    _insert_events(conn, row, batch)
    return _received(conn, row.id)


def _insert_events(conn: sa.Connection, row: Any, batch: Sequence[Any]) -> None:
    """One multi-row statement for the chunk (an executemany: one round trip on PostgreSQL)."""
    if row is None or row.state != "uploading":
        raise Restart("session inconnue ou déjà reçue : recommencez l'envoi")
    if not isinstance(batch, list):
        raise HubError("événements mal formés dans l'envoi")
    rows = [{"session_id": row.id, **event_row(raw)} for raw in batch]
    insert_rows(conn, events, rows, ignore_duplicates=True)


def stored_rows(conn: sa.Connection, session_id: int) -> list[EventRow]:
    result = conn.execute(
        sa.select(
            events.c.seq, events.c.at, events.c.kind, events.c.player, events.c.team, events.c.data
        )
        .where(events.c.session_id == session_id)
        .order_by(events.c.seq)
    )
    return [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in result]


def commit(
    conn: sa.Connection, device: Device, laptop_session: int, body: dict[str, Any], now: float
) -> dict[str, Any]:
    """Check, rebuild, then write the players: the push is complete only when this succeeds.

    With ``meta`` (what ``begin`` takes) the commit opens the session itself: a whole session
    (``events``, players, cards) in one request and one transaction, which either commits
    entirely or leaves nothing, so a cut connection is simply sent again. Without it, the
    session was opened by ``begin`` and its events may have come in chunks before."""
    people = [dict(p) for p in body.get("players", [])]
    meta = body.get("meta")
    if meta is not None:
        if not isinstance(meta, dict):
            raise HubError("description de la séance mal formée dans l'envoi")
        opened = _open_session(conn, device, laptop_session, meta)
        if opened is None:
            return {"need_scenario": True}
        row, how = opened
    else:
        row, how = _session_row(conn, device, laptop_session), "kept"
    if row is None:
        raise Restart("session inconnue : recommencez l'envoi")
    if row.state == "committed" and row.digest == body.get("digest"):
        return {"state": "committed", "players": len(people)}
    if body.get("events"):  # the last chunk may come with the commit: one request fewer
        _insert_events(conn, row, body["events"])
    rows = stored_rows(conn, row.id)
    held = push_digest(events_digest(rows), row.scenario_hash, people)
    if held != body.get("digest"):
        conn.execute(events.delete().where(events.c.session_id == row.id))
        conn.execute(sessions.update().where(sessions.c.id == row.id).values(state="uploading"))
        raise Restart("les événements reçus diffèrent de ceux du poste : renvoi complet")
    scenario = parsed_scenario(
        row.scenario_hash,
        lambda: conn.execute(
            sa.select(scenarios.c.content).where(scenarios.c.hash == row.scenario_hash)
        ).scalar_one(),
    )
    _cards, texts = rebuilt_card_texts(
        rows, scenario, body.get("cards", {}), body.get("cards_text"), body.get("cards_sha256")
    )
    _write_players(conn, device, row.id, people, texts, now, fresh=how == "created")
    dashboards.after_push(conn, row.id)
    conn.execute(
        sessions.update()
        .where(sessions.c.id == row.id)
        .values(state="committed", digest=held, committed_at=now)
    )
    conn.execute(devices.update().where(devices.c.id == device.id).values(last_push_at=now))
    return {"state": "committed", "players": len(people)}


def rebuilt_cards(
    rows: Sequence[EventRow], scenario: Any, sent: Any, text: Any = None
) -> dict[str, Any]:
    """Every card rebuilt from the events with the engine's code; refuse the push when one
    differs from what the laptop computed (another engine version, a tampered log)."""
    return rebuilt_card_texts(rows, scenario, sent, text)[0]


def rebuilt_card_texts(
    rows: Sequence[EventRow], scenario: Any, sent: Any, text: Any = None, digest: Any = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """``rebuilt_cards``, and each player's card as the text the hub stores.

    ``text``: the laptop's cards as the JSON text it stored (a batch's ``cards_text``). The
    same text as the rebuilt cards written out is the same cards, without reading them;
    another text is read and compared value by value, as ``sent`` is. ``digest``: the
    SHA-256 of that text (a batch's ``cards_sha256``); another digest raises
    ``CardsWanted``, for the laptop to send the text."""
    made = session_cards(rows, scenario)
    texts = card_texts(made)
    if digest is not None:
        if digest != cards_digest(cards_text(texts)):
            raise CardsWanted("cartes différentes de celles du hub : renvoyez-les")
        return made, texts
    if text is not None:
        if not isinstance(text, str):
            raise HubError("cartes mal formées dans l'envoi")
        if cards_text(texts) == text:
            return made, texts
        try:
            sent = json.loads(text)
        except ValueError:
            raise HubError("cartes mal formées dans l'envoi") from None
    rebuilt = canonical(made)  # tuples become lists, as in JSON
    if rebuilt != sent:  # ``sent`` comes from the request's JSON: nothing to convert
        keys = set(rebuilt) | set(sent) if isinstance(sent, dict) else set(rebuilt)
        differing = sorted(
            k for k in keys if not isinstance(sent, dict) or rebuilt.get(k) != sent.get(k)
        )
        raise HubError(
            "envoi refusé : les cartes recalculées par le hub à partir des événements ne "
            "correspondent pas à celles du poste "
            f"({agree(len(differing), 'joueur', 'joueurs')} {', '.join(differing[:5])}). "
            "Mettez Déclic à la même version sur le poste et sur le hub, puis renvoyez."
        )
    return dict(rebuilt), texts


def erased_on_hub(conn: sa.Connection, org_id: int, tokens: set[str]) -> set[str]:
    """Those of ``tokens`` an admin of the hub erased: a push never brings them back."""
    if not tokens:
        return set()
    listed = sorted(tokens)
    if conn.dialect.name == "postgresql":  # one array parameter: the same statement each time
        among = tombstones.c.token == sa.any_(
            sa.cast(sa.literal(listed), postgresql.ARRAY(sa.Text))
        )
    else:  # SQLite: one parameter a token
        among = tombstones.c.token.in_(listed)
    return set(
        conn.execute(
            sa.select(tombstones.c.token).where(
                tombstones.c.org_id == org_id, tombstones.c.origin == "hub", among
            )
        ).scalars()
    )


def _write_players(
    conn: sa.Connection,
    device: Device,
    session_id: int,
    people: list[dict[str, Any]],
    cards: dict[str, str],
    now: float,
    *,
    fresh: bool = False,
) -> None:
    """Insert new players, update the others, drop (with a tombstone) those the laptop forgot;
    a player the hub's admin erased is never brought back (``cards``: each card's text). New and changed players are
    written with one statement each (executemany); a ``fresh`` session has no players yet."""
    erased_here = erased_on_hub(conn, device.org_id, {str(p.get("token")) for p in people})
    existing = (
        {}
        if fresh
        else {
            r.player_id: r
            for r in conn.execute(sa.select(players).where(players.c.session_id == session_id))
        }
    )
    listed = set()
    added: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for person in people:
        player_id = str(person["player_id"])
        if player_id not in cards:
            raise HubError(f"le joueur {player_id} n'apparaît pas dans les événements")
        if str(person["token"]) in erased_here:
            continue
        listed.add(player_id)
        values = {
            "pseudonym": str(person["pseudonym"])[:200],
            "home_town": person.get("home_town"),
            "card": cards[player_id],
        }
        if player_id in existing:
            changed.append({"row": existing[player_id].id, **values})
        else:
            added.append(
                {
                    "org_id": device.org_id,
                    "session_id": session_id,
                    "player_id": player_id,
                    "token": str(person["token"]),
                    "short_code": str(person["short_code"]),
                    "joined_at": finite(person["joined_at"]),
                    **values,
                }
            )
    if changed:
        conn.execute(
            players.update()
            .where(players.c.id == sa.bindparam("row"))
            .values(
                pseudonym=sa.bindparam("pseudonym"),
                home_town=sa.bindparam("home_town"),
                card=sa.bindparam("card"),
            ),
            changed,
        )
    insert_rows(conn, players, added)
    for player_id, gone in existing.items():
        if player_id not in listed:
            conn.execute(players.delete().where(players.c.id == gone.id))
            conn.execute(
                tombstones.insert().values(
                    org_id=device.org_id, token=gone.token, origin="laptop", at=now
                )
            )
            from facilitator.hub.org_keys import revoke_player  # and their badges

            revoke_player(conn, device.org_id, gone.token, now)


def finite(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise HubError("joueur mal formé dans l'envoi")
    return number


def forgotten_on_hub(conn: sa.Connection, device: Device, after: int) -> list[tuple[int, str]]:
    """Tokens the hub's admins erased since ``after``, for the laptop to erase too."""
    rows = conn.execute(
        sa.select(tombstones.c.id, tombstones.c.token)
        .where(
            tombstones.c.org_id == device.org_id,
            tombstones.c.origin == "hub",
            tombstones.c.id > after,
        )
        .order_by(tombstones.c.id)
        .limit(1000)
    )
    return [(int(r[0]), str(r[1])) for r in rows]
