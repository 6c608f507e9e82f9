"""Where a web server of Déclic listens (``declic portal``, ``declic hub serve``): the port and
thread options, and why the system refused the address, in French, before anything is printed.
"""

from __future__ import annotations

import errno
import socket

from engine.arguments import whole_number
from engine.folders import os_reason


def port_number(text: str) -> int:
    """argparse would take -1 or 99999 (the system then listens on 99999 modulo 65536)."""
    return whole_number(text, 1, 65535, "un numéro de port")


def thread_count(text: str) -> int:
    return whole_number(text, 1, 64, "le nombre de fils")


def worker_count(text: str) -> int:
    return whole_number(text, 1, 32, "le nombre de processus")


def listen_problem(host: str, port: int, error: OSError) -> str:
    """Why the server cannot listen there, and what to do (in French)."""
    if isinstance(error, socket.gaierror):
        return f"adresse d'écoute « {host} » inconnue ; laissez --host vide pour ce poste seul."
    if error.errno == errno.EADDRINUSE:
        return (
            f"le port {port} est déjà utilisé (un autre portail ou hub est peut-être ouvert) : "
            "fermez-le, ou choisissez un autre port avec --port."
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"le port {port} est réservé : choisissez-en un au-dessus de 1024 avec --port."
    if error.errno == errno.EADDRNOTAVAIL:
        return f"l'adresse « {host} » n'est pas celle de ce poste : vérifiez --host."
    return f"impossible d'écouter sur {host}:{port} ({os_reason(error)})."
