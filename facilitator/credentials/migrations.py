"""The signed badges' tables in the workshop file (found by ``facilitator.storage``)."""

from __future__ import annotations

from facilitator.credentials.store import ensure_schema
from facilitator.storage.migrations import Migration

MIGRATIONS = (
    Migration(4, "badges signés : clés, documents DID, listes de révocation", ensure_schema),
)
