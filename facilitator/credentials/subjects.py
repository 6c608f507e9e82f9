"""Who a badge is about, without saying it: an opaque id derived from the card's token.

It lives here, below summaries and sessions, because both need it: summaries to write the
badge, ``forget`` to revoke the player's badges without reading them back.
"""

from __future__ import annotations

import uuid

_SUBJECT_NAMESPACE = uuid.UUID("6f1c2a4e-9b0d-5e3f-8a71-d3c1e0b6a9f2")


def subject_id(token: str) -> str:
    """An opaque, stable id for the player: a one-way function of their card token."""
    return f"urn:uuid:{uuid.uuid5(_SUBJECT_NAMESPACE, token)}"
