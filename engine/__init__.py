"""Déclic's engine: the scenario format, the pure game core, lint, and the pygame player.

The stages live in sub-packages named after what they do: ``format`` (what a scenario is),
``load`` (YAML to a validated scenario with located errors), ``core`` (the pure rules),
``lint`` (proving a scenario can be finished) and ``player`` (pygame, the only one that draws).
Only ``player`` may import pygame.
"""
