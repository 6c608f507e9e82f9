"""Where the phones' server listens: the laptop's address on the room's network.

Apart from the server so that ``declic play`` can decide whether phones are on without
importing aiohttp before the game's first frame.
"""

from __future__ import annotations

import socket


def lan_address() -> str | None:
    """The laptop's address on the local network, or None when it has only loopback.
    (A UDP "connect" sends nothing: it only asks the system which interface it would use.)"""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address
