"""Screens: each builds the list of widgets for one moment of the game.

``current.screen_name`` says which screen the game phase and the room call for;
``current.build_screen`` builds it. Screens only read the window (``App``) and its UI state:
their widgets return intents (``engine/player/intents.py``) that ``engine/player/perform.py``
applies. The chrome (top bar, "Qui joue ?" strip, bag) is shared by the play screens.
"""
