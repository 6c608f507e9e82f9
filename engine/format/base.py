"""Shared building blocks of the scenario format."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

FORMAT_VERSION = 1

#: Author-given stable identifier. Lower-case so that ids survive copy-paste and file names.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]

#: A ROME 4.0 job code such as ``G1602``.
RomeCode = Annotated[str, StringConstraints(pattern=r"^[A-N][0-9]{4}$")]

#: A player-facing text; short and non-empty.
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]


class Model(BaseModel):
    """Base of every format object: unknown keys are errors, objects are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        coerce_numbers_to_str=True,
        defer_build=True,
    )
