"""The scenario: metadata, scenes (rooms, stations or places), items, puzzles, endings, timer.

One model for the three kinds: a *scene* is a room in an escape game, a station in a rally and
a place on the map in a tour. What differs between kinds is checked by ``engine.load.check``.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, model_validator

from engine.format.base import Id, Model, RomeCode, Text
from engine.format.conditions import All, Condition, Has
from engine.format.effects import Effects
from engine.format.glossary import GlossaryEntry
from engine.format.kinds import Kind
from engine.format.puzzles import Puzzle
from engine.format.sheet import Sheet

TeamMode = Literal["together", "turns"]
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]


class Range(Model):
    min: int = Field(ge=1)
    max: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError("min must not be greater than max")
        return self


class Prop(Model):
    """One shape or icon of a generated drawing, placed in fractions of the picture."""

    icon: str
    at: tuple[float, float]
    size: float = Field(default=0.12, gt=0, le=1)
    colour: Colour | None = None
    label: str | None = None


class Drawing(Model):
    """A picture the engine draws itself: a gradient, a motif and props."""

    gradient: tuple[Colour, Colour] = ("#1d3557", "#457b9d")
    motif: str | None = None
    props: list[Prop] = Field(default_factory=list)


class Picture(Model):
    """Either an image file (relative to the scenario's folder) or a drawing."""

    file: str | None = None
    draw: Drawing | None = None

    @model_validator(mode="after")
    def _one(self) -> Picture:
        if (self.file is None) == (self.draw is None):
            raise ValueError("give exactly one of 'file' or 'draw'")
        return self


class Location(Model):
    """Where a tour place is: a town from the shipped list, or coordinates."""

    town: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)

    @model_validator(mode="after")
    def _some(self) -> Location:
        if self.town is None and (self.lat is None or self.lon is None):
            raise ValueError("give a 'town' or both 'lat' and 'lon'")
        return self


class Hotspot(Model):
    """Something to click in a scene: it says a text, runs effects and/or opens a puzzle."""

    id: Id
    label: Text
    text: Text | None = None
    area: tuple[float, float, float, float] | None = None
    icon: str | None = None
    when: Condition | None = None
    locked: bool = False
    locked_text: Text = "C'est fermé."
    needs_item: Id | None = None
    puzzle: Id | None = None
    effects: Effects
    once: bool = True


class Exit(Model):
    """A way to another scene; for tours, the travel between two places."""

    to: Id
    id: Id | None = None
    label: Text | None = None
    when: Condition | None = None
    locked: bool = False
    locked_text: Text = "Ce chemin est fermé pour l'instant."
    travel_minutes: int | None = Field(default=None, ge=0)
    #: Items the team must hold to go this way (kept); without them the way stays visible and
    #: the rules refuse with ``missing_items``, naming what is missing.
    requires_items: list[Id] = Field(default_factory=list)

    @cached_property
    def passable(self) -> Condition | None:
        """When a team can go this way (``when`` and every required item): what the lint reads.

        Worked out once (the lint asks it in its inner loops) and kept in the instance's dict;
        not a field: neither written in YAML nor in the schema, nor compared.
        """
        if not self.requires_items:
            return self.when
        held: list[Condition] = [Has(has=item) for item in self.requires_items]
        return All(all=[self.when, *held] if self.when else held)

    @model_validator(mode="after")
    def _locked_needs_id(self) -> Exit:
        if self.locked and self.id is None:
            raise ValueError("a locked exit needs an 'id' so that an 'unlock' effect can name it")
        return self


class Scene(Model):
    id: Id
    title: Text
    text: Text
    image: Picture | None = None
    location: Location | None = None
    hotspots: list[Hotspot] = Field(default_factory=list)
    exits: list[Exit] = Field(default_factory=list)
    on_first_visit: Effects


class Item(Model):
    id: Id
    name: Text
    description: Text
    icon: str | None = None
    on_examine: Effects
    keepsake: bool = False  # kept as a souvenir on purpose: W121 does not ask what it is for


class Ending(Model):
    id: Id
    title: Text
    text: Text
    success: bool = True


class TimedEvent(Model):
    id: Id
    at_minutes: float = Field(gt=0)
    effects: Effects


class Timer(Model):
    limit_minutes: float | None = Field(default=None, gt=0)
    timeout_ending: Id | None = None
    events: list[TimedEvent] = Field(default_factory=list)


class DebriefQuestion(Model):
    skill: str
    question: Text
    job: RomeCode | None = None
    #: The message to bring out; questions with one are the sheet's core questions.
    message: Text | None = None


class Debrief(Model):
    intro: Text | None = None
    questions: list[DebriefQuestion] = Field(default_factory=list)


class RoleClue(Model):
    """A clue only the holder of a role reads, on their own phone."""

    text: Text
    #: shown from the moment this holds for the team (always, without ``when``)
    when: Condition | None = None


class Role(Model):
    """A part a player gets on their phone: a name, what it is, and its private clues.

    Roles are dealt in turn to the team's phones, in the order they joined; with fewer
    phones than roles a phone holds several. Teammates must tell each other what they read.
    """

    id: Id
    name: Text
    text: Text | None = None
    clues: list[RoleClue] = Field(default_factory=list)


class Scenario(Model):
    """A whole game. ``format`` lets later Déclic versions read old files."""

    schema_: str | None = Field(default=None, alias="$schema")
    format: Literal[1] = 1
    id: Id
    title: Text
    kind: Kind
    language: Literal["fr", "en"] = "fr"
    #: How the game speaks to the players: « vous » (the default: the shipped scenarios,
    #: templates and tutorial speak to the team so) or « tu ». The lint warns on a text in
    #: the other form (W116); the engine's own texts follow it (``key.tu``/``key.vous``).
    address: Literal["tu", "vous"] = "vous"
    version: str = "1"
    summary: Text | None = None
    duration_minutes: int = Field(ge=5, le=240)
    players: Range
    team_mode: TeamMode = "together"
    teams: Range | None = None
    jobs: list[RomeCode] = Field(default_factory=list)
    skills_framework: str | None = None
    start: Id
    team_starts: list[Id] = Field(default_factory=list)
    timer: Timer = Timer.model_construct()  # defaults, no validator built at import
    scenes: list[Scene] = Field(min_length=1)
    items: list[Item] = Field(default_factory=list)
    puzzles: list[Puzzle] = Field(default_factory=list)
    endings: list[Ending] = Field(min_length=1)
    debrief: Debrief = Debrief.model_construct()
    sheet: Sheet = Sheet.model_construct()
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
