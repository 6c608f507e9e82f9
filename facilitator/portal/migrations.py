"""The portal's tables in the workshop file (found by ``facilitator.storage``)."""

from __future__ import annotations

from facilitator.portal.accounts import ensure_schema
from facilitator.storage.migrations import Migration

MIGRATIONS = (
    Migration(3, "portail : comptes, sessions, connexions, journal d'accès, notes", ensure_schema),
)
