"""The portal's tables in the workshop file (found by ``facilitator.storage``)."""

from __future__ import annotations

from facilitator.portal.accounts import ensure_accounts_schema, ensure_card_images
from facilitator.storage.migrations import Migration

MIGRATIONS = (
    Migration(
        3, "portail : comptes, sessions, connexions, journal d'accès, notes", ensure_accounts_schema
    ),
    Migration(5, "portail : images des cartes, dessinées une fois", ensure_card_images),
)
