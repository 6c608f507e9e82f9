"""The push's faster ways of reading and checking give exactly what the plain ways give:
orjson against the standard library's JSON, an event row taken as it is against one
converted, an event filled in directly against one built by its dataclass."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hub_helpers import play
from hypothesis import given
from hypothesis import strategies as st

from engine.core.events import EVENT_TYPES, event_from_dict
from facilitator.hub import jsonio, local
from facilitator.hub.people import HubError
from facilitator.hub.sync_server import event_row
from facilitator.storage.db import open_database

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_jsonio_reads_and_writes_what_the_standard_library_does(value: Any) -> None:
    written = jsonio.dumps(value)
    assert json.loads(written) == value
    assert jsonio.loads(written) == json.loads(written)
    assert jsonio.loads(written.encode()) == value


@pytest.mark.parametrize(
    "text",
    ["NaN", "[1e400]", str(2**70), '"\\ud800"', '{"a": 1, "a": 2}', " [1] "],
)
def test_jsonio_reads_what_orjson_refuses_as_the_standard_library_does(text: str) -> None:
    expected = json.loads(text)
    found = jsonio.loads(text)
    if isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(found)
    else:
        assert found == expected


@pytest.mark.parametrize("text", ["", "[1,", "{'a': 1}", "[1] x"])
def test_jsonio_refuses_what_the_standard_library_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        jsonio.loads(text)


def test_jsonio_writes_an_integer_beyond_64_bits() -> None:
    assert jsonio.dumps([2**70, "é"]) == f'[{2**70},"é"]'


@given(
    st.tuples(
        st.integers(min_value=1, max_value=2**62),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(),
        st.none() | st.text(),
        st.none() | st.text(),
        st.text(),
    )
)
def test_a_well_typed_event_row_is_taken_as_the_conversions_give_it(raw: tuple[Any, ...]) -> None:
    checked = event_row(_Row(raw))  # not a list or a tuple: every value converted, checked
    assert event_row(list(raw)) == checked
    assert [type(v) for v in checked.values()] == [type(v) for v in raw]


class _Row(tuple):  # type: ignore[type-arg]
    """A row of another type than JSON gives: ``event_row`` converts each of its values."""


def test_other_event_rows_are_converted_or_refused_as_before() -> None:
    assert event_row([3, 2, "said", None, "t1", "{}"])["at"] == 2.0  # an int time
    assert event_row([True, 1.5, "said", None, None, "{}"])["seq"] == 1
    for bad in (
        [0, 1.5, "said", None, None, "{}"],
        [1, math.inf, "said", None, None, "{}"],
        [1, 1.5, "said", None, None],
        "not a row",
    ):
        with pytest.raises(HubError):
            event_row(bad)


def test_events_filled_in_directly_equal_those_built_by_their_class(tmp_path: Path) -> None:
    session_id = play(tmp_path / "w.db")
    db = open_database(tmp_path / "w.db")
    push = local.build_push(db, session_id)
    db.close()
    for row in push.rows:
        data = json.loads(row[5])
        made = event_from_dict(data)
        cls = EVENT_TYPES[data["kind"]]
        built = cls(**{k: _tuples(v) for k, v in data.items() if k != "kind"})
        assert made == built
        assert type(made) is cls
        assert dataclasses.asdict(made) == dataclasses.asdict(built)


def _tuples(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def test_an_event_with_a_missing_or_unknown_field_is_refused_as_before() -> None:
    with pytest.raises(TypeError):
        event_from_dict({"kind": "game_started", "t": 1.0})  # no ``at``
    with pytest.raises(TypeError):
        event_from_dict({"kind": "game_started", "t": 1.0, "at": 2.0, "colour": "red"})
    defaulted = event_from_dict({"kind": "game_started", "t": 1.0, "at": 2.0})
    assert defaulted == EVENT_TYPES["game_started"](t=1.0, at=2.0)
    assert (defaulted.player, defaulted.team) == (None, None)
