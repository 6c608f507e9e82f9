"""``declic lint``: prove that a scenario can be finished from every state a team can reach.

Pure (no pygame): ``explore`` searches the states through the real core, ``checks`` turns the
result into located diagnostics, ``graph`` draws what unlocks what, ``autoplay`` plays random
games. ``cli.register`` adds the ``lint``, ``graph`` and ``autoplay`` sub-commands.
"""
