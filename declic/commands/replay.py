"""``declic replay SCENARIO [WALKTHROUGH]``: play a walkthrough headless, say where it ended."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.core import Rules
from engine.load.check import load_scenario
from engine.locale import refusal_text
from engine.shipped import resolve_scenario
from engine.typography import counted
from engine.walkthrough import (
    WalkthroughError,
    default_walkthrough,
    load_walkthrough,
    run,
    unknown_ids,
)


def register(sub: Any) -> None:
    p = sub.add_parser("replay", help="rejouer un parcours (walkthrough) sans écran")
    p.add_argument(
        "scenario", metavar="SCENARIO", help="un scénario livré (ex. demo-tour) ou un fichier .yaml"
    )
    p.add_argument(
        "walkthrough",
        nargs="?",
        type=Path,
        metavar="PARCOURS",
        help="le parcours (défaut : le fichier .walkthrough.yaml à côté du scénario)",
    )
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    path = resolve_scenario(args.scenario)
    loaded = load_scenario(path)
    for diagnostic in loaded.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if loaded.scenario is None:
        return 1
    try:
        walkthrough = load_walkthrough(args.walkthrough or default_walkthrough(path))
    except WalkthroughError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return 1
    typos = unknown_ids(loaded.scenario, walkthrough)
    for diagnostic in typos:
        print(diagnostic.format(), file=sys.stderr)
    if typos:
        return 1
    rules = Rules(loaded.scenario)
    result = run(rules, walkthrough)
    if result.rejected:
        step, rejected = result.rejected[0]
        print(
            f"{walkthrough.path}:{step.line}:{step.col}: première action refusée ({rejected.action}) : {refusal_text(rejected)}",
            file=sys.stderr,
        )
        if len(result.rejected) > 1:
            print(
                f"{counted(len(result.rejected) - 1, 'étape suivante refusée', 'étapes suivantes refusées')} "
                "aussi, sans doute par suite de celle-ci.",
                file=sys.stderr,
            )
    endings = {e.id: e for e in loaded.scenario.endings}
    for team in result.state.teams.values():
        if team.ending:
            title = endings[team.ending].title if team.ending in endings else team.ending
            print(
                f"{team.name} : fin « {team.ending} » — {title} (score {team.score}, {counted(len(team.solved), 'énigme résolue', 'énigmes résolues')})"
            )
        else:
            print(f"{team.name} : pas de fin, arrêté dans « {team.scene} »")
    elapsed = result.state.clock.elapsed(result.state.clock.paused_at or 0.0)
    print(f"{result.actions} actions, {elapsed / 60:.1f} min de jeu simulé.")
    expected = walkthrough.spec.expect.get("ending")
    if expected and any(t.ending != expected for t in result.state.teams.values()):
        print(f"Fin attendue « {expected} » non atteinte.", file=sys.stderr)
        return 1
    return 0 if result.ended else 1
