"""Every event class builds the same value as its dataclass did, and keeps its JSON form.

``engine.core.events`` gives each event class an ``__init__`` that fills the instance dict
directly (the lint builds tens of thousands of events); these tests hold it to what the
frozen dataclass's own ``__init__`` did: the same fields, defaults, equality, hash, ``repr``,
``to_dict`` and ``event_from_dict`` round trip, and the same refusals.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.core import events as ev

CLASSES = sorted(ev.EVENT_TYPES.values(), key=lambda cls: cls.kind)
SCALARS: st.SearchStrategy[Any] = (
    st.none()
    | st.booleans()
    | st.integers(-(10**9), 10**9)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6)
)
#: any value a field may hold once read back from JSON (tuples, not lists, at any depth)
VALUES: st.SearchStrategy[Any] = SCALARS | st.lists(
    SCALARS | st.lists(SCALARS, max_size=2).map(tuple), max_size=3
).map(tuple)


def by_dataclass(cls: type[ev.Event], values: dict[str, Any]) -> ev.Event:
    """What the frozen dataclass's ``__init__`` did: defaults, then each field set in turn."""
    event = object.__new__(cls)
    for f in dataclasses.fields(cls):
        object.__setattr__(event, f.name, values.get(f.name, f.default))
    return event


def test_every_event_class_has_the_quick_init() -> None:
    assert len(CLASSES) > 25
    for cls in CLASSES:
        assert cls.__init__.__qualname__ == f"{cls.__name__}.__init__"
        assert "__setattr__" not in cls.__init__.__code__.co_names  # the dataclass's calls it


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.kind)
@given(data=st.data())
def test_an_event_is_what_its_dataclass_built(cls: type[ev.Event], data: st.DataObject) -> None:
    fields = dataclasses.fields(cls)
    values: dict[str, Any] = {
        f.name: data.draw(VALUES, label=f.name)
        for f in fields
        if f.default is dataclasses.MISSING or data.draw(st.booleans(), label=f"give {f.name}")
    }
    event = cls(**values)
    expected = by_dataclass(cls, values)
    assert event == expected and hash(event) == hash(expected)
    assert repr(event) == repr(expected)
    assert vars(event) == vars(expected)
    assert list(event.to_dict()) == ["kind", *(f.name for f in fields)]
    assert event.to_dict() == expected.to_dict()
    text = json.dumps(event.to_dict(), ensure_ascii=False)
    back = ev.event_from_dict(json.loads(text))
    assert back == event and type(back) is cls
    assert json.dumps(back.to_dict(), ensure_ascii=False) == text
    assert dataclasses.replace(event) == event


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.kind)
def test_an_event_refuses_what_its_dataclass_refused(cls: type[ev.Event]) -> None:
    fields = dataclasses.fields(cls)
    required: dict[str, Any] = {f.name: "x" for f in fields if f.default is dataclasses.MISSING}
    event = cls(**required)
    for f in fields:
        if f.default is not dataclasses.MISSING:
            assert getattr(event, f.name) == f.default
    for name in required:
        with pytest.raises(TypeError, match=f"{cls.__name__}.__init__.*'{name}'"):
            cls(**{k: v for k, v in required.items() if k != name})
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour_of_the_sky'"):
        cls(**required, colour_of_the_sky="bleu")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        cls(1.0)  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.t = 2.0  # type: ignore[misc]
