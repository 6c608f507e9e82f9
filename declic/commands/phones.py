"""``--phones/--no-phones`` and ``--phones-port`` for ``declic play`` and ``declic session new``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

DEFAULT_PORT = 8765


def add_phone_arguments(p: Any) -> None:
    p.add_argument(
        "--phones",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="les joueurs rejoignent et jouent avec leur téléphone "
        "(par défaut : oui quand l'ordinateur est sur un réseau)",
    )
    p.add_argument(
        "--phones-port",
        type=int,
        default=DEFAULT_PORT,
        metavar="PORT",
        help=f"port du serveur des téléphones (par défaut {DEFAULT_PORT} ; 0 : un port libre)",
    )
    p.add_argument(
        "--phones-host",
        metavar="ADRESSE",
        help="adresse où écouter (par défaut : celle de l'ordinateur sur le réseau local)",
    )


def phone_attachers(
    args: argparse.Namespace,
    card: Callable[[str], dict[str, str] | None] | None = None,
    remembered: Any = None,
) -> list[Callable[[Any], Callable[[], None]]]:
    """What ``run_game`` attaches: the phones' server on the laptop's network address, or
    on 127.0.0.1 when ``--phones`` is asked without a network (tests, a lone laptop).
    ``remembered``: a session's room code and phones (``engine.phones.link.Remembered``)."""
    wanted = getattr(args, "phones", None)
    if wanted is False:
        return []
    try:
        from engine.phones.link import attach_phones
        from engine.phones.server import lan_address
    except ImportError as exc:
        print(f"declic : pas de téléphones ({exc}). Installez aiohttp.", file=sys.stderr)
        return []
    address = getattr(args, "phones_host", None) or lan_address()
    if address is None and wanted is None:
        return []
    return [
        attach_phones(address or "127.0.0.1", int(args.phones_port), card, remembered=remembered)
    ]
