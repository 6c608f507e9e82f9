"""The hub's schema: Alembic's migrations give exactly the tables of ``schema.py``."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from facilitator.hub import schema
from facilitator.hub.database import current_revision, head_revision, open_hub, upgrade


def test_migrations_reach_head_and_match_the_schema(hub: sa.Engine) -> None:
    assert current_revision(hub) == head_revision() == "0006_hubsync"
    with hub.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert differences == []


def test_opening_twice_changes_nothing(hub_url: str) -> None:
    first = open_hub(hub_url)
    with first.begin() as conn:
        conn.execute(
            schema.organisations.insert().values(slug="rouen", name="ML de Rouen", created_at=1.0)
        )
    first.dispose()
    again = open_hub(hub_url)
    upgrade(again)
    with again.connect() as conn:
        assert conn.execute(sa.select(schema.organisations.c.slug)).scalars().all() == ["rouen"]
    again.dispose()


def test_foreign_keys_are_enforced(hub: sa.Engine) -> None:
    with hub.connect() as conn, conn.begin():
        try:
            conn.execute(
                schema.devices.insert().values(
                    org_id=999, secret_hash="x", label="pc", enrolled_at=1.0
                )
            )
        except sa.exc.IntegrityError:
            return
    raise AssertionError("a device of an unknown organisation was accepted")
