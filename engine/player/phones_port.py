"""What the facilitator's console needs from the phones, as a small port.

``engine.phones`` sits above the player: the console (F9) never imports it and reads the
phones through ``App.phone_link``, which ``engine.phones.link.PhoneLink`` implements.
"""

from __future__ import annotations

from typing import Protocol


class PhonesPort(Protocol):
    def offline(self) -> frozenset[str]:
        """The players who play on a phone that is not connected now."""
        ...

    def joining(self) -> bool:
        """Whether a new phone can join now."""
        ...

    def reopen(self, open_: bool) -> None:
        """Let new phones join after the start (True), or close the join again."""
        ...
