"""The training catalogue's tables in the workshop file (found by ``facilitator.storage``)."""

from __future__ import annotations

from facilitator.storage.migrations import Migration
from facilitator.trainings.store import ensure_schema

MIGRATIONS = (Migration(2, "catalogue des formations", ensure_schema),)
