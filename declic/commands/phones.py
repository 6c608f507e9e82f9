"""``--phones/--no-phones`` and ``--phones-port`` for ``declic play`` and ``declic session new``."""

from __future__ import annotations

import argparse
import importlib.util
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
    ``remembered``: a session's room code and phones (``engine.phones.link.Remembered``).
    The server (and aiohttp) starts right after the game's first frame, not before it."""
    wanted = getattr(args, "phones", None)
    if wanted is False:
        return []
    if importlib.util.find_spec("aiohttp") is None:
        print("declic : pas de téléphones (aiohttp manque). Installez aiohttp.", file=sys.stderr)
        return []
    from engine.phones.network import lan_address

    address = getattr(args, "phones_host", None) or lan_address()
    if address is None and wanted is None:
        return []
    host, port = address or "127.0.0.1", int(args.phones_port)

    def attach(app: Any) -> Callable[[], None]:
        from engine.phones.link import attach_phones

        return attach_phones(host, port, card, remembered=remembered)(app)

    return [after_first_frame(attach)]


def after_first_frame(
    plug: Callable[[Any], Callable[[], None]],
) -> Callable[[Any], Callable[[], None]]:
    """``plug`` run by the window once its first screen is shown (``App.after_first_frame``);
    what it returns is called by the stop, if it ran."""

    def attach(app: Any) -> Callable[[], None]:
        stops: list[Callable[[], None]] = []
        app.after_first_frame.append(lambda: stops.append(plug(app)))

        def stop() -> None:
            for started in stops:
                started()

        return stop

    return attach
