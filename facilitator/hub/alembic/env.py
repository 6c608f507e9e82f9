"""Alembic's entry point for the hub: run against the connection ``database.upgrade`` gives."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from facilitator.hub.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # run by the ``alembic`` command itself: a URL in the config
    engine = sa.create_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
