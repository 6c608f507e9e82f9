"""``declic session …``: create, list, show, resume, export, forget and purge workshop sessions.

A thin shell over ``facilitator.sessions`` (service, export, privacy). Exit codes: 0 done, 1 a problem the
facilitator can fix (French message on stderr, never a traceback), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from declic.commands.phones import add_phone_arguments, phone_attachers
from engine.arguments import FrenchParser, whole_number
from engine.folders import folder_problem, os_reason
from engine.shipped import resolve_scenario
from engine.typography import agree, counted
from facilitator.sessions.export import FORMATS, export_session
from facilitator.sessions.phones import PHONES_SETTING, kept_phones
from facilitator.sessions.privacy import (
    apply_retention,
    forget,
    get_retention,
    purge,
    set_retention,
)
from facilitator.sessions.service import (
    GameSession,
    Session,
    SessionError,
    create_session,
    get_session,
    list_sessions,
    rebuild_state,
    resume,
    save_setting,
)
from facilitator.storage.db import StorageError, open_database
from facilitator.storage.events import last_event_at, load_events
from facilitator.storage.location import DB_ENV, database_path
from facilitator.storage.players import find_players, format_short_code, session_players

MAX_ID = 2**63  # SQLite's integers: a larger number cannot be a session's
SESSION_ID_HELP = "le numéro de la session (declic session list)"
STATUS = {"lobby": "salle d'attente", "playing": "en cours", "ended": "terminée"}


class _Fail(Exception):
    """Stop the command with exit code 1 and this message."""


def register(sub: Any) -> None:
    """Add ``declic session …`` to the command line."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="FICHIER",
        help=f"base des sessions (défaut : ${DB_ENV}, sinon dossier de données)",
    )
    session = sub.add_parser(
        "session", help="sessions d'atelier : créer, reprendre, exporter, effacer"
    )
    commands = session.add_subparsers(dest="session_command", metavar="COMMANDE")
    commands.required = True

    p = commands.add_parser(
        "new", parents=[common], help="créer une session (les joueurs rejoignent dans le jeu)"
    )
    p.add_argument(
        "--scenario", required=True, metavar="SCENARIO", help="fichier ou nom d'un scénario fourni"
    )
    p.add_argument("--headless", action="store_true", help="créer sans ouvrir le jeu")
    p.add_argument(
        "--walkthrough",
        type=Path,
        metavar="PARCOURS",
        help="jouer ce parcours dans la session, sans fenêtre (puis : declic summary)",
    )
    add_phone_arguments(p)
    p.set_defaults(func=_wrap(_new))

    p = commands.add_parser("list", parents=[common], help="lister les sessions")
    p.set_defaults(func=_wrap(_list))

    p = commands.add_parser("show", parents=[common], help="détails d'une session")
    p.add_argument("id", metavar="ID", help=SESSION_ID_HELP)
    p.set_defaults(func=_wrap(_show))

    p = commands.add_parser(
        "resume", parents=[common], help="reprendre une session là où elle s'est arrêtée"
    )
    p.add_argument("id", metavar="ID", help=SESSION_ID_HELP)
    p.add_argument("--headless", action="store_true", help="reprendre sans ouvrir le jeu")
    p.add_argument(
        "--scenario", type=Path, metavar="FICHIER", help="si le fichier du scénario a été déplacé"
    )
    add_phone_arguments(p)
    p.set_defaults(func=_wrap(_resume))

    p = commands.add_parser(
        "export", parents=[common], help="exporter les chiffres par joueur (JSON ou CSV)"
    )
    p.add_argument("id", metavar="ID", help=SESSION_ID_HELP)
    p.add_argument("--format", choices=FORMATS, default="json", help="json (défaut) ou csv")
    p.add_argument(
        "--out", type=Path, default=Path("."), metavar="DOSSIER", help="où l'écrire (défaut : ici)"
    )
    p.set_defaults(func=_wrap(_export))

    p = commands.add_parser(
        "forget", parents=[common], help="effacer un joueur partout (base et exports)"
    )
    p.add_argument("player", metavar="JOUEUR", help="code de la carte, pseudo, ou SESSION:ID")
    p.add_argument("--all", action="store_true", help="effacer tous les joueurs qui correspondent")
    p.set_defaults(func=_wrap(_forget))

    p = commands.add_parser("purge", parents=[common], help="supprimer les sessions anciennes")
    p.add_argument(
        "--older-than", type=_days, metavar="JOURS", help="défaut : la durée de conservation réglée"
    )
    p.set_defaults(func=_wrap(_purge))

    p = commands.add_parser(
        "retention", parents=[common], help="durée de conservation des sessions"
    )
    p.add_argument("days", nargs="?", metavar="JOURS", help="nombre de jours, ou « aucune »")
    p.set_defaults(func=_wrap(_retention))


def _wrap(command: Any) -> Any:
    """Open the database, run the command, turn known problems into a French message + exit 1."""

    def run(args: argparse.Namespace) -> int:
        path = database_path(args.db)
        db: sqlite_utils.Database | None = None
        try:
            db = open_database(path)
            return int(command(db, args) or 0)
        except SessionError as exc:
            for diagnostic in exc.diagnostics:
                print(diagnostic.format(), file=sys.stderr)
            return _error(str(exc))
        except (StorageError, _Fail, ValueError) as exc:
            return _error(str(exc))
        except OSError as exc:  # a file that could not be read or written midway
            return _error(f"fichier inutilisable : {exc.filename or path} ({os_reason(exc)}).")
        finally:
            if db is not None:
                db.close()

    return run


def _error(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return 1


def _session_id(text: str) -> int:
    if not text.strip().isdecimal() or int(text) >= MAX_ID:  # ² is a digit, not a number
        raise _Fail(
            f"« {text} » n'est pas un numéro de session. Voyez la liste : declic session list"
        )
    return int(text)


def _when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).strftime("%d/%m/%Y %H:%M")


# --- commands ---------------------------------------------------------------------------------


def _new(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    purged = apply_retention(db)
    if purged.sessions:
        print(
            f"{counted(len(purged.sessions), 'session plus ancienne', 'sessions plus anciennes')} "
            "que la durée de conservation "
            f"{agree(len(purged.sessions), 'supprimée', 'supprimées')}."
        )
    if args.walkthrough is not None:
        return _new_from_walkthrough(db, args)
    session = create_session(db, resolve_scenario(args.scenario))
    print(f"Session n° {session.id} créée : « {session.scenario_title} » ({session.scenario_id}).")
    if args.headless:
        print(f"Pour l'ouvrir : declic session resume {session.id}")
        return 0
    return _play(GameSession.open(db, session.id), args)


def _new_from_walkthrough(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    from facilitator.sessions.scripted_game import play_new_session

    game = play_new_session(db, resolve_scenario(args.scenario), args.walkthrough)
    session = game.session
    print(f"Session n° {session.id} créée : « {session.scenario_title} » ({session.scenario_id}).")
    print(f"Parcours joué : {args.walkthrough}")
    _print_session(db, session)
    db_option = f" --db {args.db}" if args.db else ""
    print(f"Les cartes : declic summary {session.id} --out DOSSIER{db_option}")
    return 0


def _list(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    sessions = list_sessions(db)
    if not sessions:
        print("Aucune session. Créez-en une : declic session new --scenario demo-escape")
        return 0
    print(f"{'N°':>4}  {'créée le':16}  {'état':16}  {'joueurs':>7}  scénario")
    for s in sessions:
        count = len(session_players(db, s.id))
        print(
            f"{s.id:>4}  {_when(s.created_at):16}  {STATUS.get(s.status, s.status):16}  {count:>7}  {s.scenario_title} ({s.scenario_id})"
        )
    days = get_retention(db)
    print(
        f"Conservation : {f'{days} jours' if days else 'sans limite'} (declic session retention JOURS)."
    )
    return 0


def _show(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    session = get_session(db, _session_id(args.id))
    _print_session(db, session)
    return 0


def _print_session(db: sqlite_utils.Database, session: Session) -> None:
    state = rebuild_state(db, session)
    last = last_event_at(db, session.id) or session.created_at
    minutes = state.clock.elapsed(last) / 60
    paused = (
        " · chronomètre en pause"
        if state.clock.paused_at is not None and state.phase == "playing"
        else ""
    )
    print(
        f"Session n° {session.id} — « {session.scenario_title} » ({session.scenario_id} v{session.scenario_version})"
    )
    print(
        f"Créée le {_when(session.created_at)} · {STATUS.get(state.phase, state.phase)} · {minutes:.1f} min de jeu{paused}"
    )
    print(f"Scénario : {session.scenario_path}")
    if state.teams:
        print("Équipes :")
    for team in state.teams.values():
        end = f"fin « {team.ending} »" if team.ending else f"dans « {team.scene or '—'} »"
        print(
            f"  {team.name} : {end}, {counted(len(team.solved), 'énigme résolue', 'énigmes résolues')}, "
            f"{counted(team.hints_total, 'indice')}, score {team.score}"
        )
    players = session_players(db, session.id)
    if players:
        print("Joueurs :")
    for p in players:
        town = f", {p.home_town}" if p.home_town else ""
        team_name = state.teams[p.team].name if p.team in state.teams else p.team
        print(
            f"  {p.player_id:8} {p.pseudonym:24} {team_name}{town} · code {format_short_code(p.short_code)}"
        )
    if not players:
        print("Aucun joueur pour l'instant (ils rejoignent dans le jeu).")


def _resume(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    game = resume(db, _session_id(args.id), time.time(), args.scenario)
    if args.headless:
        _print_session(db, game.session)
        return 0
    return _play(game, args)


def write_cards(game: GameSession) -> tuple[str, Path | None]:
    """Write the session's skills cards beside the database; a French line and the PDF."""
    from facilitator.summaries.write import write_session_summary
    from facilitator.trainings.for_cards import trainings_from

    out = Path(game.db.conn.execute("PRAGMA database_list").fetchone()[2]).parent
    folder = out / "cartes" / f"seance-{game.session.id}"
    summary = write_session_summary(
        game.db, game.session.id, folder, with_badges=True, trainings_from=trainings_from
    )
    pdf = summary.written.pdf
    return f"{counted(len(summary.cards), 'carte prête', 'cartes prêtes')} : {pdf}", pdf


def _write_cards(game: GameSession) -> str:
    """The ending screen's "skills cards" button: write them beside the database."""
    return write_cards(game)[0]


def phone_card(game: GameSession) -> Callable[[str], dict[str, str] | None]:
    """A phone's card at the end: its player's short code; once the cards are written, the
    picture of the card (``image``, a file the phones' server gives to that phone only);
    when the laptop is enrolled in a hub, the address of the player's page there (``url``)."""
    from facilitator.storage.exports import session_exports
    from facilitator.storage.hub_link import read_link

    def card(player: str) -> dict[str, str] | None:
        for row in session_players(game.db, game.session.id):
            if row.player_id == player:
                found = {"code": format_short_code(row.short_code)}
                link = read_link(game.db)
                if link is not None:
                    from facilitator.summaries.card import portal_url

                    found["url"] = portal_url(link.url, row.token)
                pictures = [
                    e.path
                    for e in session_exports(game.db, game.session.id)
                    if e.format == "png" and e.player_row == row.id and e.path.is_file()
                ]
                if pictures:
                    found["image"] = str(pictures[-1])
                return found
        return None

    return card


def phone_memory(game: GameSession) -> Any:
    """The room code and the phones' cookie hashes, kept in the session's settings: after
    ``declic session resume`` the same code is shown and each phone is its player again."""
    from engine.phones.link import Remembered

    code, known = kept_phones(game.session.settings)

    def save(code: str, known: dict[str, str]) -> None:
        save_setting(game.db, game.session.id, PHONES_SETTING, {"code": code, "known": known})

    return Remembered(code, known, save)


def _play(game: GameSession, args: argparse.Namespace | None = None) -> int:
    """Open the game window on this session; storage is its event sink."""
    attach = []
    if args is not None:
        try:
            remembered = phone_memory(game)
        except ImportError:  # no aiohttp: phone_attachers says so
            remembered = None
        attach = phone_attachers(args, phone_card(game), remembered)
    try:
        from engine.player.run import run_game

        run_game(
            game.session.scenario_path,
            state=game.state,
            sink=game.log,
            on_summary=lambda: _write_cards(game),
            history=load_events(game.db, game.session.id),
            attach=attach,
        )
    except ImportError as exc:
        raise _Fail(
            f"le jeu ne peut pas s'ouvrir ({exc}). La session n° {game.session.id} est enregistrée : "
            f"relancez « declic session resume {game.session.id} » quand le lecteur de jeu est installé."
        ) from None
    return 0


def _export(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    problem = folder_problem(args.out, "--out")
    if problem:
        raise _Fail(problem)
    path = export_session(db, _session_id(args.id), args.format, args.out)
    print(f"Export écrit : {path}")
    return 0


def _forget(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    players = find_players(db, args.player)
    if not players:
        raise _Fail(
            f"aucun joueur « {args.player} ». Donnez le code à 8 caractères de sa carte, "
            "son pseudo, ou SESSION:ID (voir declic session show N)."
        )
    if len(players) > 1 and not args.all:
        lines = [
            f"  session {p.session_id} : {p.pseudonym} (code {format_short_code(p.short_code)})"
            for p in players
        ]
        raise _Fail(
            f"{len(players)} joueurs correspondent à « {args.player} » :\n"
            + "\n".join(lines)
            + "\nDonnez le code de la carte, ou ajoutez --all pour les effacer tous."
        )
    clean = True
    for player in players:
        report = forget(db, player)
        clean = clean and report.clean
        files = len(report.exports_rewritten) + len(report.exports_deleted)
        phone = ", son téléphone oublié" if report.phones_forgotten else ""
        print(
            f"Joueur effacé de la session {player.session_id} ("
            f"{counted(report.events_changed, 'événement nettoyé', 'événements nettoyés')}, "
            f"{counted(files, 'export réécrit ou supprimé', 'exports réécrits ou supprimés')}{phone})."
        )
    if not clean:
        print("Le jeu est encore ouvert sur cette base : l'effacement sera complet à sa fermeture.")
    return 0


def _days(text: str) -> int:
    """A number of days a date can go back (a century is plenty; 10**25 would crash)."""
    return whole_number(text, 0, 36_500, "un nombre de jours")


def _purge(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    days = args.older_than if args.older_than is not None else get_retention(db)
    if days is None:
        raise _Fail(
            "indiquez --older-than JOURS, ou réglez une durée : declic session retention JOURS"
        )
    if days < 0:
        raise _Fail("--older-than attend un nombre de jours positif")
    report = purge(db, days)
    print(
        f"{counted(len(report.sessions), 'session')} de plus de {counted(days, 'jour')} "
        f"{agree(len(report.sessions), 'supprimée', 'supprimées')}, "
        f"{counted(len(report.files_deleted), 'fichier d’export effacé', 'fichiers d’export effacés')}."
    )
    return 0


def _retention(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    if args.days is None:
        days = get_retention(db)
        print(f"Conservation : {f'{days} jours' if days else 'sans limite'}.")
        return 0
    if args.days.strip().lower() in ("aucune", "none", "off", "0"):
        set_retention(db, None)
        print("Conservation sans limite : supprimez les sessions avec « declic session purge ».")
        return 0
    if not args.days.strip().isdecimal():
        raise _Fail(f"« {args.days} » n'est pas un nombre de jours (ou « aucune »).")
    set_retention(db, int(args.days))
    print(
        f"Les sessions de plus de {int(args.days)} jours seront supprimées à chaque nouvelle session."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (``python -m declic.commands.session session …``)."""
    parser = FrenchParser(prog="declic")
    register(parser.add_subparsers(dest="command", required=True, parser_class=FrenchParser))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
