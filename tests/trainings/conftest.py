"""Shared fixtures for the training catalogue tests: sample files and a fixed 'today'."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
TODAY = date(2026, 3, 2)  # a Monday; the hand-written samples are dated around it


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def today() -> date:
    return TODAY
