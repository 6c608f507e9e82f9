"""Puzzle types, one module each: its model, how an answer is checked, its right and a wrong
answer (for the lint), the answers its clue must give and the ids it names (for the loader).

``engine.puzzles.registry.PUZZLE_TYPES`` maps each YAML ``type:`` tag to its unit. Adding a
type is writing ``engine/puzzles/<tag>.py``, registering it there, and writing its view in
``engine/player/puzzle_views/`` (see docs/architecture.md).

The models are part of the scenario format: ``engine.format`` builds its ``Puzzle`` union
from this registry. Importing the format first keeps one import order, whichever of the two
packages a program names first.
"""

import engine.format  # noqa: F401  (loads base, conditions and effects before the units)
