"""Is a card's QR address reachable from a young person's phone at home? (``declic summary``)"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

_LOCAL_NAMES = ("localhost", "localhost.localdomain")
_LOCAL_SUFFIXES = (".localhost", ".local", ".lan", ".home", ".internal")


def is_local_address(url: str) -> bool:
    """True for loopback, private, link-local addresses and names only a local network knows."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host or host in _LOCAL_NAMES or host.endswith(_LOCAL_SUFFIXES):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host  # a bare machine name ("portail") resolves only on the local network
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_unspecified
        or address.is_reserved
    )


def local_address_warning(url: str) -> str | None:
    """The French warning ``declic summary`` prints in red, or None for a public address."""
    if not is_local_address(url):
        return None
    return (
        f"les QR codes des cartes mènent à {url}, une adresse de cet ordinateur ou du réseau "
        "local : un jeune qui scanne sa carte chez lui, ou un conseiller sur un autre poste, "
        "n'y arrivera pas. Inscrivez ce poste auprès du hub de la Mission Locale "
        "(declic hub enrol ADRESSE CODE) ou donnez --base-url https://…"
    )
