"""The hub as the facilitator's home sees it: the same functions as ``declic hub enrol``,
``declic hub push`` and ``declic hub status`` (``client.enrol``, ``client.push_waiting``,
``local.session_state``), with their answers as one French line.

``facilitator.sessions`` cannot import the hub (the hub builds on sessions), so ``declic``
hands an ``HubForHome`` to ``facilitator.sessions.home.WorkshopHome``. Enrolling and pushing
wait on the network: the home calls them away from its window's loop, so each call opens
its own connection to the workshop file (``database``) rather than sharing the window's.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from engine.player.home_port import HomeError
from engine.typography import counted
from facilitator.hub import local
from facilitator.hub.client import HubRefused, HubUnreachable, enrol, push_waiting
from facilitator.storage import hub_link
from facilitator.storage.db import StorageError, open_database

OFFLINE = (
    "Le hub ne répond pas ({why}). Vérifiez l'adresse et la connexion à internet, puis "
    "réessayez. Rien n'est perdu : les ateliers marchent sans le hub."
)


class HubForHome:
    """The laptop's hub link, over the workshop file at ``database``."""

    def __init__(self, database: Path) -> None:
        self.database = database

    def _open(self) -> sqlite_utils.Database:
        try:
            return open_database(self.database)
        except StorageError as exc:
            raise HomeError(str(exc)) from None

    def enrol(self, url: str, code: str) -> str:
        url, code = url.strip(), code.strip()
        if not url or not code:
            raise HomeError("Tapez l'adresse du hub et le code donné par son administrateur.")
        db = self._open()
        try:
            link = enrol(db, url, code)
        except HubUnreachable as exc:
            raise HomeError(OFFLINE.format(why=exc)) from None
        except HubRefused as exc:
            raise HomeError(f"Le hub refuse : {exc}") from None
        finally:
            db.close()
        return (
            f"Ordinateur inscrit auprès de {link.url} ({link.organisation}). Les ateliers "
            "terminés y seront envoyés."
        )

    def push(self) -> str:
        db = self._open()
        try:
            report = push_waiting(db)
        except HubRefused as exc:
            raise HomeError(f"Rien n'est envoyé : {exc}") from None
        finally:
            db.close()
        if report.refused:
            raise HomeError(f"Le hub refuse cet ordinateur : {report.refused}")
        if report.unreachable:
            raise HomeError(OFFLINE.format(why=report.unreachable))
        n = len(report.pushed)
        said = [
            f"{n} atelier{'s' if n > 1 else ''} envoyé{'s' if n > 1 else ''} au hub."
            if n
            else "Rien à envoyer : tout est déjà sur le hub."
        ]
        said += [f"Atelier n° {n} non envoyé : {problem}" for n, problem in report.failed]
        if report.forgotten:
            said.append(
                f"{counted(report.forgotten, 'joueur effacé', 'joueurs effacés')} ici, comme sur le hub."
            )
        return " ".join(said)

    def status(self, db: sqlite_utils.Database) -> dict[int, tuple[bool, str]] | None:
        """Per finished session: (on the hub as it is now, the last problem); None when
        this laptop is not enrolled. Reads only the workshop file (no network)."""
        if hub_link.read_link(db) is None:
            return None
        return {s.session_id: (s.pushed, s.problem or "") for s in local.session_state(db)}
