"""Every player on their own phone: a small web app served by the laptop beside the game.

``protocol`` validates what a phone sends (pure), ``view`` says what a phone shows from the
game state (pure), ``room`` keeps who holds which phone, ``server`` is the aiohttp server in
its own thread, and ``link`` hands the phones' actions to the pygame loop through a queue.
"""
