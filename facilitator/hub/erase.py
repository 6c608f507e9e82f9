"""Privacy on the hub: erase one player (an admin's ``forget``) and apply retention.

Erasing deletes the player's row and cleans their pseudonym out of the session's stored
events with the laptop's own cleaning functions, then leaves a tombstone (origin ``hub``)
that the laptop pulls at its next sync and applies locally. Retention is set per
organisation (``organisation_settings``: ``retention_days``) and deletes whole sessions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from facilitator.hub import dashboards, followups
from facilitator.hub.org_keys import revoke_player
from facilitator.hub.people import HubError, require_organisation
from facilitator.hub.schema import events, organisation_settings, players, sessions, tombstones
from facilitator.sessions.privacy import clean_event, cleaner
from facilitator.storage.players import normalise_short_code

RETENTION_KEY = "retention_days"
DAY = 86_400.0


@dataclass(frozen=True)
class Erased:
    pseudonym: str
    session_id: int
    events_changed: int


def forget_player(conn: sa.Connection, org_slug: str, ref: str, now: float) -> Erased:
    """Erase the player of ``org_slug`` whose link token or short code is ``ref``."""
    org = require_organisation(conn, org_slug)
    row = conn.execute(
        sa.select(players).where(
            players.c.org_id == org.id,
            sa.or_(
                players.c.token == ref.strip(),
                players.c.short_code == normalise_short_code(ref),
            ),
        )
    ).first()
    if row is None:
        raise HubError(f"aucun joueur « {ref} » dans {org.slug} (code à 8 signes ou lien)")
    clean = cleaner(row.pseudonym)
    changed = 0
    for seq, data in conn.execute(
        sa.select(events.c.seq, events.c.data).where(events.c.session_id == row.session_id)
    ).all():
        new = json.dumps(
            clean_event(json.loads(data), row.player_id, clean),
            ensure_ascii=False,
            separators=(",", ":"),
        )
        if new != data:
            conn.execute(
                events.update()
                .where(events.c.session_id == row.session_id, events.c.seq == seq)
                .values(data=new)
            )
            changed += 1
    followups.forget_player(conn, org.id, row.id)
    conn.execute(players.delete().where(players.c.id == row.id))
    revoke_player(conn, org.id, row.token, now)  # their badges: revoked in the status lists
    dashboards.count_session(conn, row.session_id)
    conn.execute(tombstones.insert().values(org_id=org.id, token=row.token, origin="hub", at=now))
    return Erased(row.pseudonym, row.session_id, changed)


def set_retention(conn: sa.Connection, org_slug: str, days: int | None) -> None:
    org = require_organisation(conn, org_slug)
    if days is not None and days < 1:
        raise HubError("la durée de conservation est d'au moins 1 jour")
    conn.execute(
        organisation_settings.delete().where(
            organisation_settings.c.org_id == org.id,
            organisation_settings.c.key == RETENTION_KEY,
        )
    )
    if days is not None:
        conn.execute(
            organisation_settings.insert().values(org_id=org.id, key=RETENTION_KEY, value=str(days))
        )


def apply_retention(conn: sa.Connection, now: float) -> int:
    """Delete every organisation's sessions older than its retention; returns how many."""
    deleted = 0
    for org_id, value in conn.execute(
        sa.select(organisation_settings.c.org_id, organisation_settings.c.value).where(
            organisation_settings.c.key == RETENTION_KEY
        )
    ).all():
        cutoff = now - int(value) * DAY
        result = conn.execute(
            sessions.delete().where(sessions.c.org_id == org_id, sessions.c.created_at < cutoff)
        )
        deleted += result.rowcount
        if result.rowcount:
            dashboards.rebuild(conn, org_id)
    return deleted
