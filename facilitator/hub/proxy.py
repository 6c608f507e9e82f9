"""Believe ``X-Forwarded-For`` / ``X-Forwarded-Proto`` only from the HTTPS proxies listed.

werkzeug's ``ProxyFix`` trusts a number of hops, whoever sent them; here a request counts as
proxied only when it comes from an address inside one of the ``--trusted-proxy`` networks.
The client is then the right-most forwarded address that is not itself a trusted proxy.
From anywhere else the headers are removed, so a client cannot pose as another address
(and escape throttling) or claim HTTPS.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> list[Network]:
    """``127.0.0.1``, ``10.0.0.0/8``...; ValueError (French) for anything else."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"« {value} » n'est pas une adresse ou un réseau (ex. 127.0.0.1 ou 10.0.0.0/8)"
            ) from None
    return networks


class TrustedProxies:
    """WSGI middleware: fix ``REMOTE_ADDR`` and the scheme from listed proxies only."""

    def __init__(self, app: Any, networks: Iterable[Network]) -> None:
        self.app = app
        self.networks = tuple(networks)

    def trusts(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.strip())
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        forwarded_for = environ.pop("HTTP_X_FORWARDED_FOR", "")
        proto = environ.pop("HTTP_X_FORWARDED_PROTO", "")
        environ.pop("HTTP_X_FORWARDED_HOST", None)
        remote = str(environ.get("REMOTE_ADDR", ""))
        if self.networks and self.trusts(remote):
            client = remote
            for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
                try:
                    ipaddress.ip_address(hop)
                except ValueError:
                    break  # garbage in the chain: keep the last address we could check
                client = hop
                if not self.trusts(hop):
                    break
            environ["REMOTE_ADDR"] = client
            scheme = proto.split(",")[-1].strip().lower()
            if scheme in ("http", "https"):
                environ["wsgi.url_scheme"] = scheme
        return self.app(environ, start_response)
