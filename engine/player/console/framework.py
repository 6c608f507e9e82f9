"""The skills framework a scenario uses: its own file when it names one, else Déclic's."""

from __future__ import annotations

from pathlib import Path

from engine.format.scenario import Scenario
from engine.reference.skills import SkillsFramework, load_framework


def scenario_framework(scenario: Scenario, folder: Path) -> SkillsFramework:
    """``check`` already reported a missing or broken file; the game falls back quietly."""
    if scenario.skills_framework:
        try:
            return load_framework(folder / scenario.skills_framework)
        except (OSError, ValueError):
            pass
    return load_framework()
