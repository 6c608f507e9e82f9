"""Several whole sessions pushed in one request and one transaction (``/sessions/batch``).

A laptop with many finished sessions sends them together: the hub checks each one as a
single push would (its digest, every card rebuilt from its events with the engine's code),
then writes all the accepted ones with one statement per table, one update of the
organisation's dashboard figures and one commit. Per session the answer is ``committed``,
``need_scenario`` or a French refusal; a refused session does not stop the others. The batch
commits entirely or not at all, and a session already held with the same digest is simply
acknowledged, so a cut connection is sent again without making a second copy.

Each session's cards come as JSON values (``cards``) or, once a hub has said it takes them
(``"cards_text": true`` in its answer), as the JSON text the laptop stored (``cards_text``):
the hub then compares that text with its rebuilt cards written out, and reads it only when
the two differ. An older hub never says so and keeps getting values. Once a hub has said
``"cards_sha256": true``, a batch carries only the SHA-256 of that text: the hub compares it
with its rebuild's, and answers ``send_cards`` for a session whose digest differs, which the
laptop sends again with its text (read, compared, refused with the players who differ).
The text was half of a batch's bytes and of the hub's reading of it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from engine.arguments import LARGEST_NUMBER
from facilitator.hub import dashboards, sync_server
from facilitator.hub.cards import EventRow, events_digest, parsed_scenario
from facilitator.hub.people import Device, HubError
from facilitator.hub.schema import devices, events, players, scenarios, sessions

MAX_SESSIONS = 50  # per request: a bounded transaction, a bounded body
MAX_EVENTS = 20_000


@dataclass(frozen=True)
class Checked:
    """One session of the batch, checked and rebuilt, ready to be written."""

    laptop_session: int
    values: dict[str, Any]
    rows: list[EventRow]
    #: the same events as ``rows``, as the columns ``_write_fresh`` inserts (made once)
    columns: list[dict[str, Any]]
    people: list[dict[str, Any]]
    cards: dict[str, Any]
    digest: str


def commit_batch(
    conn: sa.Connection, device: Device, body: dict[str, Any], now: float
) -> dict[str, Any]:
    """Check every session of ``body["sessions"]``, write the accepted ones, say per session
    what became of it."""
    items = body.get("sessions")
    if not isinstance(items, list) or not items or len(items) > MAX_SESSIONS:
        raise HubError(f"liste de séances attendue (de 1 à {MAX_SESSIONS})")
    if not all(isinstance(i, dict) and isinstance(i.get("meta", {}), dict) for i in items):
        raise HubError("séance mal formée dans l'envoi groupé")
    if sum(len(i["events"]) for i in items if isinstance(i.get("events"), list)) > MAX_EVENTS:
        raise HubError(f"trop d'événements dans un envoi groupé ({MAX_EVENTS} au plus)")
    numbers = [_number(item) for item in items]
    if len(set(numbers)) != len(numbers):
        raise HubError("une même séance figure deux fois dans l'envoi")
    held = {
        int(r.laptop_session): r
        for r in conn.execute(
            sa.select(sessions).where(
                sessions.c.device_id == device.id, sessions.c.laptop_session.in_(numbers)
            )
        )
    }
    wanted = {str((i.get("meta") or {}).get("scenario_hash")) for i in items}
    known = set(
        conn.execute(sa.select(scenarios.c.hash).where(scenarios.c.hash.in_(wanted))).scalars()
    )
    results: list[dict[str, Any]] = []
    fresh: list[Checked] = []
    for number, item in zip(numbers, items, strict=True):
        row = held.get(number)
        if row is not None and row.state == "committed" and row.digest == item.get("digest"):
            results.append({"session": number, "state": "committed"})
            continue
        if row is not None:  # held before (a push in steps cut, a forget): as a single push
            results.append(_as_single_push(conn, device, number, item, now))
            continue
        try:
            checked = _check(conn, number, item, known)
        except sync_server.CardsWanted:
            results.append({"session": number, "send_cards": True})
            continue
        except HubError as exc:
            results.append({"session": number, "error": str(exc)})
            continue
        if checked is None:
            results.append({"session": number, "need_scenario": True})
        else:
            fresh.append(checked)
            results.append({"session": number, "state": "committed"})
    _write_fresh(conn, device, fresh, now)
    if any(r.get("state") == "committed" for r in results):
        conn.execute(devices.update().where(devices.c.id == device.id).values(last_push_at=now))
    # the next batches may send cards as text, or as the digest of that text
    return {"results": results, "cards_text": True, "cards_sha256": True}


def _number(item: Any) -> int:
    try:
        number = int(item["session"])
    except (KeyError, TypeError, ValueError):
        raise HubError("séance mal formée dans l'envoi groupé") from None
    if not 1 <= number <= LARGEST_NUMBER:  # a bigger one overflows the database's integer
        raise HubError("séance mal formée dans l'envoi groupé")
    return number


def _check(
    conn: sa.Connection, number: int, item: dict[str, Any], known: set[str]
) -> Checked | None:
    """The session as a single push checks it: well formed, the digest of what was sent equal
    to the laptop's, every card rebuilt from the events equal to the laptop's. None when the
    hub lacks the scenario."""
    values = sync_server.meta_values(item.get("meta"))
    if values["scenario_hash"] not in known:
        return None
    sent = item.get("events")
    people = item.get("players")
    if not isinstance(sent, list) or not isinstance(people, list):
        raise HubError("séance mal formée dans l'envoi groupé")
    by_seq: dict[int, dict[str, Any]] = {}
    for raw in sent:
        event = sync_server.event_row(raw)
        by_seq.setdefault(event["seq"], event)
    columns = [by_seq[seq] for seq in sorted(by_seq)]
    rows: list[EventRow] = [
        (e["seq"], e["at"], e["kind"], e["player"], e["team"], e["data"]) for e in columns
    ]
    people = [dict(p) for p in people if isinstance(p, dict)]
    digest = sync_server.push_digest(events_digest(rows), values["scenario_hash"], people)
    if digest != item.get("digest"):
        raise HubError("les événements reçus diffèrent de ceux du poste : renvoyez la séance")
    scenario = parsed_scenario(
        values["scenario_hash"],
        lambda: conn.execute(
            sa.select(scenarios.c.content).where(scenarios.c.hash == values["scenario_hash"])
        ).scalar_one(),
    )
    cards, texts = sync_server.rebuilt_card_texts(
        rows, scenario, item.get("cards", {}), item.get("cards_text"), item.get("cards_sha256")
    )
    people = [_player(p, texts) for p in people]
    return Checked(number, values, rows, columns, people, cards, digest)


def _as_single_push(
    conn: sa.Connection, device: Device, number: int, item: dict[str, Any], now: float
) -> dict[str, Any]:
    """A session the hub already holds in part or in another version goes through the single
    push's ``commit`` (which continues, resets or updates it), inside a savepoint so that its
    refusal leaves the rest of the batch alone."""
    try:
        with conn.begin_nested():
            answer = sync_server.commit(conn, device, number, item, now)
    except sync_server.Restart as exc:
        return {"session": number, "error": str(exc), "restart": True}
    except sync_server.CardsWanted:
        return {"session": number, "send_cards": True}
    except HubError as exc:
        return {"session": number, "error": str(exc)}
    return {"session": number, **answer}


def _write_fresh(conn: sa.Connection, device: Device, fresh: list[Checked], now: float) -> None:
    """Sessions new to the hub: one statement per table, and their dashboard figures added
    with one update. The players an admin of the hub erased are not brought back."""
    if not fresh:
        return
    made = (
        conn.execute(
            sessions.insert().returning(sessions.c.id, sort_by_parameter_order=True),
            [
                {
                    "org_id": device.org_id,
                    "device_id": device.id,
                    "laptop_session": c.laptop_session,
                    "state": "committed",
                    "digest": c.digest,
                    "committed_at": now,
                    **c.values,
                }
                for c in fresh
            ],
        )
        .scalars()
        .all()
    )
    erased = sync_server.erased_on_hub(
        conn, device.org_id, {p["token"] for c in fresh for p in c.people}
    )
    event_rows: list[dict[str, Any]] = []
    player_rows: list[dict[str, Any]] = []
    figures: dict[int, Counter[dashboards.Key]] = {}
    for session_id, checked in zip(made, fresh, strict=True):
        for event in checked.columns:  # dicts of this batch alone: completed in place
            event["session_id"] = session_id
        event_rows += checked.columns
        kept = [p for p in checked.people if p["token"] not in erased]
        player_rows += [{"org_id": device.org_id, "session_id": session_id, **p} for p in kept]
        figures[session_id] = dashboards.session_figures(
            checked.values["created_at"],
            checked.values["scenario_title"],
            (checked.cards[p["player_id"]] for p in kept),
        )
    sync_server.insert_rows(conn, events, event_rows)
    sync_server.insert_rows(conn, players, player_rows)
    dashboards.count_new_sessions(conn, device.org_id, figures)


def _player(person: dict[str, Any], cards: dict[str, str]) -> dict[str, Any]:
    """A player's columns, checked, with the card the hub rebuilt (its text)."""
    player_id = str(person.get("player_id"))
    if player_id not in cards:
        raise HubError(f"le joueur {player_id} n'apparaît pas dans les événements")
    try:
        town = person.get("home_town")
        return {
            "player_id": player_id,
            "pseudonym": str(person["pseudonym"])[:200],
            "home_town": None if town is None else str(town)[:200],
            "token": str(person["token"]),
            "short_code": str(person["short_code"]),
            "joined_at": sync_server.finite(person["joined_at"]),
            "card": cards[player_id],
        }
    except KeyError:
        raise HubError("joueur mal formé dans l'envoi") from None
