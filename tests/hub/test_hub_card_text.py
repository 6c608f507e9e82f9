"""The digest and card forms every laptop and hub compute must stay the same text and values,
whatever way the code takes to write them: an older laptop and a newer hub agree."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from hub_helpers import play
from hypothesis import given
from hypothesis import strategies as st

from engine.core.events import EVENT_TYPES, event_from_dict
from facilitator.hub import cards, local
from facilitator.hub.cards import (
    CARD_TEXT,
    COMPACT,
    canonical,
    events_digest,
    scenario_from_bytes,
    session_cards,
)
from facilitator.storage.db import open_database


def _as_first_written(rows: list[Any]) -> str:
    """The digest as the first hub and laptops wrote it: one ``encode`` per row."""
    lines = "".join(COMPACT.encode(list(row)) + "\n" for row in rows)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


SHIPPED = (
    "demo-escape",
    "demo-rally",
    "demo-tour",
    "cuisine",
    "glass-vallee",
    "rallye",
    "tour-normandie",
)
texts = st.text(st.characters(blacklist_categories=("Cs",)))  # what UTF-8 can carry
floats = st.floats(allow_nan=True, allow_infinity=True)
rows = st.tuples(
    st.one_of(st.integers(), st.booleans()),
    st.one_of(floats, st.integers(min_value=-(10**20), max_value=10**20)),
    texts,
    st.one_of(st.none(), texts),
    st.one_of(st.none(), texts),
    texts,
)


@given(st.lists(rows, max_size=8))
def test_the_events_digest_is_the_text_it_always_was(given_rows: list[Any]) -> None:
    """Quotes, backslashes, control characters, accents, emoji, 1e16, -0.0, NaN, huge or
    boolean numbers: the same digest as one ``COMPACT.encode`` per row."""
    assert events_digest(given_rows) == _as_first_written(given_rows)


def test_the_digest_of_a_played_session_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "laptop.db"
    play(path, "demo-escape")
    play(path, "demo-rally", tag="-r")
    db = open_database(path)
    pushes = [local.build_push(db, sid) for sid in (1, 2)]
    db.close()
    for push in pushes:
        assert events_digest(push.rows) == _as_first_written(push.rows)
        cards = session_cards(push.rows, scenario_from_bytes(push.scenario))
        assert canonical(cards) == json.loads(CARD_TEXT.encode(cards))  # as JSON gives them
        events = [event_from_dict(json.loads(row[5])) for row in push.rows]
        assert [
            json.dumps(e.to_dict(), ensure_ascii=False, separators=(",", ":")) for e in events
        ] == [row[5] for row in push.rows]


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), texts),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(texts, inner, max_size=4),
    ),
    max_leaves=20,
)


@given(json_values)
def test_canonical_gives_what_json_gives_back(value: Any) -> None:
    assert canonical(value) == json.loads(CARD_TEXT.encode(value))


def test_cards_made_from_the_kinds_read_equal_cards_made_from_every_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``session_cards`` decodes only the kinds ``compute_evidence`` reads: the cards are
    those made by decoding the whole log, for every shipped game played to its end."""
    path = tmp_path / "laptop.db"
    played = [play(path, name, tag=f"-{n}") for n, name in enumerate(SHIPPED)]
    db = open_database(path)
    pushes = [local.build_push(db, sid) for sid in played]
    db.close()
    skipped = set()
    for push in pushes:
        scenario = scenario_from_bytes(push.scenario)
        assert scenario is not None
        read = session_cards(push.rows, scenario)
        with monkeypatch.context() as every:
            every.setattr(cards, "READ_KINDS", frozenset(EVENT_TYPES))
            assert session_cards(push.rows, scenario) == read
        skipped |= {row[2] for row in push.rows} - cards.READ_KINDS
        assert all(json.loads(row[5])["kind"] == row[2] for row in push.rows)
    assert skipped  # the logs did hold kinds that change no card
