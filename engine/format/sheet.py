"""What a facilitator sheet needs that a scenario cannot derive from its play: goals, the
five-minute introduction, timings, materials and next steps (``sheet:`` in a scenario).

The answer key, the jobs and the debrief come from the scenario itself; see
``facilitator.sheets``.
"""

from __future__ import annotations

from pydantic import Field

from engine.format.base import Model, Text


class Timing(Model):
    """One part of the workshop and how long it takes."""

    minutes: int = Field(ge=1, le=240)
    step: Text


class Sheet(Model):
    goals: list[Text] = Field(default_factory=list)
    introduction: list[Text] = Field(default_factory=list)
    timings: list[Timing] = Field(default_factory=list)
    materials: list[Text] = Field(default_factory=list)
    next_steps: list[Text] = Field(default_factory=list)
