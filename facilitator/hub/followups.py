"""Follow-ups on the hub: a counsellor positions a young person on a training, then records
each stage. Every read and write takes ``org_id``; the order of stages is ``stages``' (pure).

Each change refreshes the organisation's follow-up figures (``dashboards.refresh_followups``)
in the same transaction, so a dashboard never counts a stage that was not saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from facilitator.hub import dashboards, stages
from facilitator.hub.schema import followup_steps, followups, players, sessions

MAX_TITLE = 300
MAX_PLACE = 200
MAX_COMMENT = 2000


@dataclass(frozen=True)
class StepShown:
    stage: str
    on: date
    reason: str | None
    comment: str | None  # counsellors only
    user_name: str


@dataclass(frozen=True)
class FollowUp:
    id: int
    player_row: int
    user_name: str
    training_title: str
    training_place: str | None
    stage: str
    stage_on: date
    steps: tuple[StepShown, ...]

    @property
    def label(self) -> str:
        return stages.LABELS[self.stage]

    @property
    def next_stages(self) -> tuple[str, ...]:
        return stages.NEXT[self.stage]


def _player_exists(conn: sa.Connection, org_id: int, player_row: int) -> bool:
    return (
        conn.execute(
            sa.select(players.c.id).where(players.c.id == player_row, players.c.org_id == org_id)
        ).first()
        is not None
    )


def position(
    conn: sa.Connection,
    org_id: int,
    player_row: int,
    user_name: str,
    title: str,
    place: str | None,
    on: date,
    today: date,
    now: float,
    ref: str | None = None,
) -> int | None:
    """Open a follow-up at « positionné »; None when the player is not the organisation's."""
    title = " ".join(title.split())[:MAX_TITLE]
    if not title:
        raise stages.StageError("écrivez le nom de la formation")
    stages.check_first(stages.Step(stages.POSITIONED, on), today)
    if not _player_exists(conn, org_id, player_row):
        return None
    new_id = conn.execute(
        followups.insert().values(
            org_id=org_id,
            player_row=player_row,
            user_name=user_name,
            training_ref=ref,
            training_title=title,
            training_place=(" ".join((place or "").split())[:MAX_PLACE] or None),
            stage=stages.POSITIONED,
            stage_on=on,
            created_at=now,
        )
    ).inserted_primary_key[0]  # type: ignore[index]
    _insert_step(
        conn, org_id, int(new_id), stages.Step(stages.POSITIONED, on), None, user_name, now
    )
    dashboards.refresh_followups(conn, org_id)
    return int(new_id)


def _insert_step(
    conn: sa.Connection,
    org_id: int,
    followup_id: int,
    step: stages.Step,
    comment: str | None,
    user_name: str,
    now: float,
) -> None:
    conn.execute(
        followup_steps.insert().values(
            org_id=org_id,
            followup_id=followup_id,
            stage=step.stage,
            on_date=step.on,
            reason=step.reason,
            comment=(comment or "").strip()[:MAX_COMMENT] or None,
            user_name=user_name,
            at=now,
        )
    )


def history(conn: sa.Connection, org_id: int, followup_id: int) -> list[stages.Step]:
    return [
        stages.Step(r.stage, r.on_date, r.reason)
        for r in conn.execute(
            sa.select(followup_steps.c.stage, followup_steps.c.on_date, followup_steps.c.reason)
            .where(followup_steps.c.org_id == org_id, followup_steps.c.followup_id == followup_id)
            .order_by(followup_steps.c.id)
        )
    ]


def advance(
    conn: sa.Connection,
    org_id: int,
    followup_id: int,
    step: stages.Step,
    comment: str | None,
    user_name: str,
    today: date,
    now: float,
) -> int | None:
    """Record the next stage; returns the player's row, None when not the organisation's."""
    row = conn.execute(
        sa.select(followups.c.player_row)
        .where(followups.c.id == followup_id, followups.c.org_id == org_id)
        .with_for_update()
    ).first()
    if row is None:
        return None
    stages.check_next(history(conn, org_id, followup_id), step, today)
    _insert_step(conn, org_id, followup_id, step, comment, user_name, now)
    conn.execute(
        followups.update()
        .where(followups.c.id == followup_id, followups.c.org_id == org_id)
        .values(stage=step.stage, stage_on=step.on)
    )
    dashboards.refresh_followups(conn, org_id)
    return int(row.player_row)


def _load(conn: sa.Connection, org_id: int, where: list[sa.ColumnElement[bool]]) -> list[FollowUp]:
    rows = conn.execute(
        sa.select(followups).where(followups.c.org_id == org_id, *where).order_by(followups.c.id)
    ).all()
    if not rows:
        return []
    steps: dict[int, list[StepShown]] = {}
    for s in conn.execute(
        sa.select(followup_steps)
        .where(
            followup_steps.c.org_id == org_id,
            followup_steps.c.followup_id.in_([r.id for r in rows]),
        )
        .order_by(followup_steps.c.id)
    ):
        steps.setdefault(s.followup_id, []).append(
            StepShown(s.stage, s.on_date, s.reason, s.comment, s.user_name)
        )
    return [
        FollowUp(
            r.id,
            r.player_row,
            r.user_name,
            r.training_title,
            r.training_place,
            r.stage,
            r.stage_on,
            tuple(steps.get(r.id, ())),
        )
        for r in rows
    ]


def of_player(conn: sa.Connection, org_id: int, player_row: int) -> list[FollowUp]:
    return _load(conn, org_id, [followups.c.player_row == player_row])


@dataclass(frozen=True)
class OpenFollowUp:
    followup: FollowUp
    pseudonym: str
    waiting_days: int
    flagged: bool


def open_of(conn: sa.Connection, org_id: int, user_name: str, today: date) -> list[OpenFollowUp]:
    """A counsellor's open follow-ups, the one waiting longest first."""
    found = _load(
        conn,
        org_id,
        [
            followups.c.user_name == user_name,
            followups.c.stage.in_([s for s in stages.STAGES if stages.is_open(s)]),
        ],
    )
    names = dict(
        conn.execute(
            sa.select(players.c.id, players.c.pseudonym).where(
                players.c.org_id == org_id,
                players.c.id.in_([f.player_row for f in found] or [-1]),
            )
        ).all()
    )
    listed = [
        OpenFollowUp(
            f,
            str(names.get(f.player_row, "?")),
            (today - f.stage_on).days,
            stages.waiting_too_long(stages.Step(f.stage, f.stage_on), today),
        )
        for f in found
    ]
    return sorted(listed, key=lambda o: (o.followup.stage_on, o.followup.id))


@dataclass(frozen=True)
class ForYouth:
    training_title: str
    training_place: str | None
    stage_label: str
    since: date
    next_step: dict[str, str]  # by form of address: the page picks its card's


#: What the young person reads of a follow-up (``for_youth``; ``youth.page_by_token`` joins
#: them to the card's row, so the page is one statement).
YOUTH_COLUMNS = (
    followups.c.training_title,
    followups.c.training_place,
    followups.c.stage,
    followups.c.stage_on,
)


def youth_line(row: Any) -> ForYouth:
    """One training as the young person reads it, from a row with ``YOUTH_COLUMNS``."""
    return ForYouth(
        row.training_title,
        row.training_place,
        stages.LABELS[row.stage],
        row.stage_on,
        stages.FOR_YOUTH[row.stage],
    )


def for_youth(conn: sa.Connection, player_row: int) -> list[ForYouth]:
    """What the young person reads: their trainings and the next step; no comment, no name."""
    rows = conn.execute(
        sa.select(*YOUTH_COLUMNS)
        .where(followups.c.player_row == player_row)
        .order_by(followups.c.id)
    )
    return [youth_line(r) for r in rows]


def forget_player(conn: sa.Connection, org_id: int, player_row: int) -> None:
    """Delete a player's follow-ups (before the player's row) and take them off the figures."""
    ids = sa.select(followups.c.id).where(
        followups.c.org_id == org_id, followups.c.player_row == player_row
    )
    conn.execute(followup_steps.delete().where(followup_steps.c.followup_id.in_(ids)))
    conn.execute(
        followups.delete().where(followups.c.org_id == org_id, followups.c.player_row == player_row)
    )
    dashboards.refresh_followups(conn, org_id)


def workshop_day(conn: sa.Connection, org_id: int, player_row: int) -> date | None:
    found = conn.execute(
        sa.select(sessions.c.created_at)
        .join(players, players.c.session_id == sessions.c.id)
        .where(players.c.id == player_row, players.c.org_id == org_id)
    ).scalar()
    return None if found is None else date.fromtimestamp(float(found))
