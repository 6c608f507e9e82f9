"""``declic hub …``: run a hub (serve, organisations, people, devices) and sync a laptop to it.

On the hub's server: ``serve``, ``upgrade``, ``add-organisation``, ``add-user``,
``device-code``, ``devices``, ``revoke-device``, ``forget``, ``retention`` (``--db`` is the
hub's database URL). On a facilitator's laptop: ``enrol``, ``push``, ``status`` (``--db`` is
the workshop database file). Exit codes: 0 success, 1 refused (a French line says why),
2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa

from engine.arguments import FrenchParser, read_password, record_number
from engine.folders import os_reason
from engine.typography import counted
from facilitator.hub.database import HUB_DB_ENV, HubDatabaseError, hub_url, open_hub
from facilitator.hub.people import HubError
from facilitator.portal.listen import port_number, thread_count, worker_count
from facilitator.storage.location import DB_ENV

HUB_DB_HELP = f"base du hub : sqlite:///CHEMIN ou postgresql://… (défaut : ${HUB_DB_ENV}, sinon hub.db dans le dossier de données)"
LAPTOP_DB_HELP = f"base des séances de ce poste (défaut : ${DB_ENV}, sinon le dossier de données)"
ORG_HELP = "l'identifiant de l'organisation, ex. ml-rouen (celui de declic hub add-organisation)"
DEFAULT_PORT = 8766
T = TypeVar("T")


def register(subparsers: Any) -> None:
    hub = subparsers.add_parser("hub", help="le hub : partager séances et cartes entre postes")
    hub.set_defaults(func=lambda _args: _usage(hub), parser=hub)
    commands = hub.add_subparsers(dest="hub_command", metavar="COMMANDE")

    def command(
        name: str, help_text: str, run: Callable[[argparse.Namespace], int], *, on_hub: bool = True
    ) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
        parser.add_argument("--db", help=HUB_DB_HELP if on_hub else LAPTOP_DB_HELP)
        parser.set_defaults(func=run)
        return parser

    serve = command("serve", "servir le hub (portail, pages des jeunes, envois des postes)", _serve)
    serve.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut : 127.0.0.1)")
    serve.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"port (défaut : {DEFAULT_PORT})"
    )
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="CIDR",
        help="adresses du proxy HTTPS dont on croit X-Forwarded-For/Proto (ex. 127.0.0.1/32)",
    )
    serve.add_argument("--threads", type=thread_count, default=4, help=argparse.SUPPRESS)
    serve.add_argument(
        "--workers",
        type=worker_count,
        default=1,
        help="processus servant ensemble (défaut : 1 ; un par cœur du serveur, PostgreSQL seulement)",
    )
    command("upgrade", "mettre le schéma de la base du hub à jour (Alembic)", _upgrade)
    org = command("add-organisation", "créer une organisation (une Mission Locale)", _add_org)
    org.add_argument("slug", metavar="IDENTIFIANT", help="ex. ml-rouen")
    org.add_argument("--name", required=True, metavar="NOM", help="ex. « Mission Locale de Rouen »")
    org.add_argument("--departement", metavar="NUMÉRO", help="ex. 76")
    user = command("add-user", "créer un compte (conseiller, administrateur, région)", _add_user)
    user.add_argument("name", metavar="NOM", help="le nom de connexion, ex. anne.martin")
    user.add_argument("--org", required=True, metavar="IDENTIFIANT", help=ORG_HELP)
    user.add_argument(
        "--role",
        required=True,
        choices=("counsellor", "admin", "region"),
        help="counsellor (conseiller), admin (administrateur) ou region (chiffres seulement)",
    )
    user.add_argument(
        "--password-stdin", action="store_true", help="lire le mot de passe sur l'entrée standard"
    )
    code = command(
        "device-code", "un code à usage unique (24 h) pour inscrire un poste", _device_code
    )
    code.add_argument("slug", metavar="IDENTIFIANT", help=ORG_HELP)
    command("devices", "lister les postes inscrits", _devices)
    revoke = command("revoke-device", "retirer un poste (il ne peut plus envoyer)", _revoke)
    revoke.add_argument(
        "device",
        type=record_number,
        metavar="NUMÉRO",
        help="le numéro du poste (declic hub devices)",
    )
    forget = command("forget", "effacer un joueur du hub (ses postes l'effaceront aussi)", _forget)
    forget.add_argument("ref", metavar="CODE", help="code à 8 signes de la carte, ou son lien")
    forget.add_argument("--org", required=True, metavar="IDENTIFIANT", help=ORG_HELP)
    keep = command("retention", "durée de conservation des séances d'une organisation", _retention)
    keep.add_argument("slug", metavar="IDENTIFIANT", help=ORG_HELP)
    keep.add_argument("days", metavar="JOURS", help="nombre de jours, ou « aucune »")
    offers = command("trainings", "le catalogue des formations du hub (LHEO, CPF)", _trainings)
    offers.add_argument("action", choices=("import",), metavar="import")
    offers.add_argument("file", metavar="FICHIER", help="catalogue LHEO (XML) ou CPF (CSV)")
    offers.add_argument(
        "--catalogue",
        metavar="CHEMIN",
        help="fichier du catalogue (défaut : $DECLIC_HUB_CATALOGUE, sinon hub-formations.db)",
    )

    enrol = command("enrol", "inscrire ce poste auprès d'un hub", _enrol, on_hub=False)
    enrol.add_argument("url", metavar="ADRESSE", help="adresse du hub, ex. https://hub.ml-rouen.fr")
    enrol.add_argument("code", metavar="CODE", help="code donné par l'administrateur du hub")
    push = command("push", "envoyer au hub les séances terminées", _push, on_hub=False)
    push.add_argument(
        "sessions",
        nargs="*",
        type=record_number,
        metavar="SESSION",
        help="les numéros des séances à envoyer (défaut : toutes celles qui attendent)",
    )
    command("status", "ce qui est envoyé, ce qui attend", _status, on_hub=False)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _say(message: str) -> None:
    print(f"declic : {message}", file=sys.stderr)


def _on_hub(args: argparse.Namespace, work: Callable[[sa.Connection], T]) -> T | None:
    """Open the hub database, run ``work`` in one transaction; None after a French message."""
    try:
        engine = open_hub(hub_url(args.db))
    except HubDatabaseError as exc:
        _say(str(exc))
        return None
    try:
        with engine.begin() as conn:
            return work(conn)
    except HubError as exc:
        _say(str(exc))
        return None
    finally:
        engine.dispose()


def _printed(result: str | None) -> int:
    if result is None:
        return 1
    print(result)
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    from facilitator.hub.database import current_revision

    try:
        engine = open_hub(hub_url(args.db))
    except HubDatabaseError as exc:
        _say(str(exc))
        return 1
    print(f"Base du hub à jour (révision {current_revision(engine)}).")
    engine.dispose()
    return 0


def _add_org(args: argparse.Namespace) -> int:
    from facilitator.hub.org_keys import ensure_key
    from facilitator.hub.people import add_organisation

    def work(conn: sa.Connection) -> str:
        org = add_organisation(conn, args.slug, args.name, args.departement, time.time())
        ensure_key(conn, org.id, time.time())  # its badge key pair (did:web)
        return f"Organisation « {org.name} » créée ({org.slug})."

    return _printed(_on_hub(args, work))


def _add_user(args: argparse.Namespace) -> int:
    from facilitator.hub.people import add_user

    password = read_password(
        args.password_stdin, f"Mot de passe pour {args.name} : ", "rien n'est créé", _say
    )
    if password is None:
        return 1

    def work(conn: sa.Connection) -> str:
        user = add_user(conn, args.name, args.org, args.role, password, time.time())
        return f"Compte « {user.name} » ({user.role}) créé dans {args.org}."

    return _printed(_on_hub(args, work))


def _device_code(args: argparse.Namespace) -> int:
    from facilitator.hub.people import new_device_code

    def work(conn: sa.Connection) -> str:
        code = new_device_code(conn, args.slug, time.time())
        return (
            f"Code d'inscription pour {args.slug} (valable 24 h, une seule fois) : {code}\n"
            f"Sur le poste : declic hub enrol ADRESSE_DU_HUB {code}"
        )

    return _printed(_on_hub(args, work))


def _devices(args: argparse.Namespace) -> int:
    from facilitator.hub.people import list_devices

    def work(conn: sa.Connection) -> str:
        lines = []
        for device, slug, last in list_devices(conn):
            state = "retiré" if device.revoked else "actif"
            when = time.strftime("%d/%m/%Y %H:%M", time.localtime(last)) if last else "jamais"
            lines.append(f"{device.id}\t{slug}\t{device.label}\t{state}\tdernier envoi : {when}")
        return "\n".join(lines) or "Aucun poste inscrit."

    return _printed(_on_hub(args, work))


def _revoke(args: argparse.Namespace) -> int:
    from facilitator.hub.people import revoke_device

    def work(conn: sa.Connection) -> str:
        device = revoke_device(conn, args.device, time.time())
        return f"Poste {device.id} ({device.label}) retiré : il ne peut plus envoyer."

    return _printed(_on_hub(args, work))


def _forget(args: argparse.Namespace) -> int:
    from facilitator.hub.erase import forget_player

    def work(conn: sa.Connection) -> str:
        erased = forget_player(conn, args.org, args.ref, time.time())
        return (
            f"« {erased.pseudonym} » effacé du hub ({counted(erased.events_changed, 'événement nettoyé', 'événements nettoyés')}) "
            "; le poste qui l'a envoyé l'effacera à sa prochaine synchronisation."
        )

    return _printed(_on_hub(args, work))


def _retention(args: argparse.Namespace) -> int:
    from facilitator.hub.erase import apply_retention, set_retention

    text = str(args.days).strip().lower()
    if text not in ("aucune", "none") and not text.isdigit():
        _say(f"« {args.days} » : donnez un nombre de jours, ou « aucune »")
        return 2

    def work(conn: sa.Connection) -> str:
        days = None if not text.isdigit() else int(text)
        set_retention(conn, args.slug, days)
        deleted = apply_retention(conn, time.time())
        kept = "sans limite" if days is None else f"{days} jours"
        return f"Séances de {args.slug} gardées {kept} ; {counted(deleted, 'séance supprimée', 'séances supprimées')}."

    return _printed(_on_hub(args, work))


def _trainings(args: argparse.Namespace) -> int:
    """Import with the laptop's importers into the hub's catalogue file (no hub database)."""
    from pathlib import Path

    from facilitator.hub.catalogue import catalogue_path, import_catalogue
    from facilitator.trainings.model import CatalogueError
    from facilitator.trainings.report import print_report

    target = catalogue_path(args.catalogue)
    try:
        report = import_catalogue(Path(args.file), target)
    except CatalogueError as error:
        _say(f"{error.french()}\nLe catalogue déjà en place n'a pas été modifié.")
        return 1
    except OSError as error:
        _say(f"{error.filename or args.file} : {os_reason(error)}.")
        return 1
    print_report(report, sys.stdout)
    print(f"Catalogue du hub : {target}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from facilitator.hub.serve import serve_hub

    return serve_hub(args)


# --- on the laptop ----------------------------------------------------------------------------


def _laptop(args: argparse.Namespace) -> Any:
    from facilitator.storage.db import StorageError, open_database
    from facilitator.storage.location import database_path

    try:
        return open_database(database_path(args.db))
    except StorageError as exc:
        _say(str(exc))
        return None


def _enrol(args: argparse.Namespace) -> int:
    from facilitator.hub.badge_keys import hub_identity
    from facilitator.hub.client import HubRefused, HubUnreachable, enrol

    db = _laptop(args)
    if db is None:
        return 1
    try:
        link = enrol(db, args.url, args.code)
        identity = hub_identity(db, link)
    except (HubRefused, HubUnreachable) as exc:
        _say(str(exc))
        return 1
    finally:
        db.close()
    print(
        f"Poste inscrit auprès de {link.url} ({link.organisation}). Les séances terminées y "
        "seront envoyées ; les QR codes des cartes mèneront au hub."
    )
    if identity is not None:
        print(f"Les badges de « {link.organisation} » seront signés au nom de {identity.did}.")
    else:
        _say(
            "la clé des badges n'a pas pu être reçue du hub : les badges restent signés par "
            "ce poste (did:key) jusqu'au prochain envoi réussi (declic hub push)."
        )
    return 0


def _push(args: argparse.Namespace) -> int:
    from facilitator.hub.client import HubRefused, push_waiting

    db = _laptop(args)
    if db is None:
        return 1
    try:
        report = push_waiting(db, args.sessions or None)
    except HubRefused as exc:
        _say(str(exc))
        return 1
    finally:
        db.close()
    if report.forgotten:
        print(
            f"{counted(report.forgotten, 'joueur effacé', 'joueurs effacés')} ici, comme sur le hub."
        )
    for session_id in report.pushed:
        print(f"Séance {session_id} envoyée.")
    for session_id, problem in report.failed:
        _say(f"séance {session_id} non envoyée : {problem}")
    if report.refused:
        _say(report.refused)
    if report.unreachable:
        _say(f"{report.unreachable}. Rien n'est perdu : réessayez plus tard (declic hub push).")
    if not (report.pushed or report.failed or report.unreachable or report.refused):
        print("Rien à envoyer : tout est déjà sur le hub.")
    return 1 if (report.failed or report.unreachable or report.refused) else 0


def _status(args: argparse.Namespace) -> int:
    from facilitator.hub import local
    from facilitator.storage import hub_link as link_store

    db = _laptop(args)
    if db is None:
        return 1
    try:
        link = link_store.read_link(db)
        states = local.session_state(db)
    finally:
        db.close()
    if link is None:
        print("Ce poste n'est inscrit à aucun hub (declic hub enrol ADRESSE CODE).")
        return 0
    print(f"Hub : {link.url} ({link.organisation})")
    for state in states:
        if state.pushed:
            print(f"  séance {state.session_id} · {state.title} : envoyée")
        else:
            why = f" ({state.problem})" if state.problem else ""
            print(f"  séance {state.session_id} · {state.title} : en attente{why}")
    if not states:
        print("  aucune séance terminée")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = FrenchParser(prog="declic")
    register(parser.add_subparsers(dest="command", required=True, parser_class=FrenchParser))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
