"""Garbage is collected in still frames, not in the frame that answers a tap."""

from __future__ import annotations

import gc
from pathlib import Path

from engine.shipped import scenarios_dir


def test_collection_waits_for_a_still_frame_and_the_threshold_comes_back(make_app) -> None:
    usual = gc.get_threshold()
    path: Path = scenarios_dir() / "demo-escape" / "demo-escape.yaml"
    app = make_app(path, (640, 360))
    assert gc.get_threshold()[0] == usual[0] * 20  # a rebuild no longer triggers CPython's
    app.frame()
    app.frame()
    kept = [[i] for i in range(usual[0] * 2)]  # many young objects: a collection is due
    assert app.idle.garbage.due
    app.frame()  # nothing changed on screen: this frame collects
    assert not app.idle.garbage.due
    assert gc.get_count()[0] < usual[0]
    app.close()
    assert gc.get_threshold() == usual
    assert len(kept) == usual[0] * 2
