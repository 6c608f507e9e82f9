"""The pygame player: what a group sees on the projector. The only package importing pygame.

The core decides, the player draws: every input becomes an ``engine.core.actions`` action
carrying the acting player, is stepped by ``Rules.step`` and its events are handed to the
``EventSink`` before the screen shows their effect. Entry points live in ``run``.
"""
