"""Kept for code written before the catalogue moved to ``engine.shipped``; import from there."""

from engine.shipped import DEFAULT_SCENARIO, resolve_scenario, scenarios_dir, shipped_scenarios

__all__ = ["DEFAULT_SCENARIO", "resolve_scenario", "scenarios_dir", "shipped_scenarios"]
