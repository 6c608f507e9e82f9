"""What the summaries do when a session changes (called by ``facilitator/sessions/hooks.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils


def write_evidence_trail(db: sqlite_utils.Database, session_id: int, path: Path) -> None:
    """The trail as ``declic summary`` writes it, from the log as it is now (atomically):
    after a forget it keeps every other player's "why"."""
    from facilitator.summaries.inputs import load_session_inputs
    from facilitator.summaries.session import build_cards, evidence_trail

    inputs, _warnings = load_session_inputs(db, session_id)
    cards, evidence, _missing = build_cards(inputs)
    tmp = path.with_name(path.name + ".tmp")
    text = json.dumps(evidence_trail(cards, evidence), ensure_ascii=False, indent=2) + "\n"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
