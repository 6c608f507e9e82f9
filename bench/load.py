"""How long does loading a big scenario take, next to a bare YAML load of the same file?

Run: ``python bench/load.py [PUZZLES]`` (default 1,000 puzzles). Prints, side by side, the bare
``yaml.load(..., Loader=CSafeLoader)`` time and ``load_scenario`` (read + validate + references)
time on one generated file, their ratio (target: at most 3x; also against a bare load with the
garbage collector paused, as the loader does), and the time to refuse an alias
bomb and a 50 MB file (target: under 1 s each). Each figure is the best of several runs.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from engine.load.check import load_scenario
from engine.load.yaml_source import paused_gc

try:
    from yaml import CSafeLoader as BareLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as BareLoader  # type: ignore[assignment]

PUZZLES_PER_SCENE = 5
TYPES = (
    "code",
    "single_choice",
    "multiple_choice",
    "order",
    "pairs",
    "text",
    "number",
    "combine",
    "find",
)
SKILLS = ("rigueur", "equipe", "curiosite", "autonomie", "perseverance", "organisation")


def puzzle(index: int, kind: str) -> dict[str, Any]:
    """One puzzle of ``kind`` with hints, feedback, skills and effects, as an author writes it."""
    pid = f"p{index:04d}"
    base: dict[str, Any] = {
        "id": pid,
        "type": kind,
        "title": f"Énigme numéro {index}",
        "prompt": f"Voici la question {index} : lisez bien l'affiche et trouvez la réponse.",
        "hints": [
            "Regardez autour de vous, un détail vous aidera.",
            "L'affiche au mur donne la réponse si on la lit en entier.",
            f"La réponse est écrite en bas de l'affiche numéro {index}.",
        ],
        "feedback": {"right": "Bravo, c'est juste !", "wrong": "Pas encore, réessayez."},
        "skills": [
            {"skill": SKILLS[index % len(SKILLS)], "when": "no_hint"},
            {"skill": "equipe", "when": "together", "players": 2},
        ],
        "points": 10,
        "on_solve": [
            {"say": f"L'énigme {index} est résolue."},
            {"set": f"fait_{pid}"},
            {"score": 5},
            {"evidence": {"skill": "rigueur", "text": "A vérifié sa réponse avec soin"}},
        ],
    }
    options = [{"id": f"o{k}", "text": f"Proposition numéro {k}"} for k in range(4)]
    if kind == "code":
        base.update(answer=f"{index:04d}", clue={"knowledge": True})
    elif kind == "single_choice":
        base.update(options=options, answer="o1")
    elif kind == "multiple_choice":
        base.update(options=options, answers=["o0", "o2"])
    elif kind == "order":
        base.update(items=options)
    elif kind == "pairs":
        base.update(
            pairs=[{"id": f"m{k}", "left": f"Métier {k}", "right": f"Outil {k}"} for k in range(4)]
        )
    elif kind == "text":
        base.update(answers=["Envoyez", "Envoyé", "Service"])
    elif kind == "number":
        base.update(answer=index * 2.5, tolerance=0.5, unit="kg", clue={"knowledge": True})
    elif kind == "combine":
        base.update(items=[f"i{index:04d}a", f"i{index:04d}b"])
    elif kind == "find":
        base.update(
            areas=[
                {"id": f"z{k}", "label": f"Zone {k}", "rect": [0.1 * k, 0.2, 0.1, 0.2]}
                for k in range(4)
            ],
            answer="z2",
        )
    return base


def generate(puzzles: int) -> dict[str, Any]:
    """A valid escape scenario: scenes in a row, each with hotspots, items and puzzles."""
    scenes: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    all_puzzles: list[dict[str, Any]] = []
    scene_count = max(1, puzzles // PUZZLES_PER_SCENE)
    for s in range(scene_count):
        sid = f"s{s:03d}"
        hotspots: list[dict[str, Any]] = []
        first, last = s * PUZZLES_PER_SCENE, min(puzzles, (s + 1) * PUZZLES_PER_SCENE)
        for index in range(first, last):
            kind = TYPES[index % len(TYPES)]
            all_puzzles.append(puzzle(index, kind))
            pid = f"p{index:04d}"
            when = {"all": [{"visited": sid}, {"not": {"flag": f"fait_{pid}"}}]}
            if kind == "combine":
                for suffix in ("a", "b"):
                    items.append(
                        {
                            "id": f"i{index:04d}{suffix}",
                            "name": f"Objet {index}{suffix}",
                            "description": "Un objet utile, à combiner avec un autre.",
                        }
                    )
                hotspots.append(
                    {
                        "id": f"h{index:04d}",
                        "label": f"Le tiroir {index}",
                        "when": when,
                        "text": "Deux objets sont rangés ici.",
                        "area": [0.1, 0.2, 0.2, 0.2],
                        "effects": [{"give": f"i{index:04d}a"}, {"give": f"i{index:04d}b"}],
                    }
                )
            else:
                hotspots.append(
                    {
                        "id": f"h{index:04d}",
                        "label": f"Le meuble {index}",
                        "when": when,
                        "area": [0.1, 0.2, 0.2, 0.2],
                        "icon": "casier",
                        "puzzle": pid,
                    }
                )
        last_puzzle = all_puzzles[-1]
        exits: list[dict[str, Any]] = []
        if s + 1 < scene_count:
            exits.append(
                {
                    "to": f"s{s + 1:03d}",
                    "id": f"porte_{sid}",
                    "locked": True,
                    "label": "La porte suivante",
                    "when": {"any": [{"solved": last_puzzle["id"]}, {"score_at_least": 10_000}]},
                }
            )
            last_puzzle["on_solve"].append({"unlock": f"porte_{sid}"})
        else:
            last_puzzle["on_solve"].append({"end": "gagne"})
        scenes.append(
            {
                "id": sid,
                "title": f"La salle {s}",
                "text": "Une salle avec des meubles à fouiller.",
                "image": {
                    "draw": {
                        "gradient": ["#1d3557", "#457b9d"],
                        "motif": "salle",
                        "props": [{"icon": "casier", "at": [0.3, 0.5], "label": "Casier"}],
                    }
                },
                "hotspots": hotspots,
                "exits": exits,
                "on_first_visit": [{"say": f"Vous entrez dans la salle {s}."}],
            }
        )
    return {
        "format": 1,
        "id": "bench",
        "title": "Banc d'essai",
        "kind": "escape",
        "duration_minutes": 240,
        "players": {"min": 1, "max": 8},
        "jobs": ["G1602"],
        "start": "s000",
        "timer": {
            "limit_minutes": 240,
            "timeout_ending": "perdu",
            "events": [{"id": "rappel", "at_minutes": 60, "effects": [{"say": "Une heure !"}]}],
        },
        "scenes": scenes,
        "items": items,
        "puzzles": all_puzzles,
        "endings": [
            {"id": "gagne", "title": "Gagné", "text": "Bravo."},
            {"id": "perdu", "title": "Perdu", "text": "Le temps est écoulé.", "success": False},
        ],
    }


def best_of(runs: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def alias_bomb() -> str:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    return text


def main(puzzles: int = 1000) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "bench.yaml"
        path.write_text(yaml.safe_dump(generate(puzzles), allow_unicode=True, sort_keys=False))
        loaded = load_scenario(path)
        if not loaded.ok:
            for d in loaded.diagnostics[:10]:
                print(d.format())
            return 1

        def bare() -> object:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=BareLoader)

        def bare_no_gc() -> object:
            with paused_gc():
                return bare()

        bare_s = best_of(5, bare)
        bare_no_gc_s = best_of(5, bare_no_gc)
        ours_s = best_of(5, lambda: load_scenario(path))
        bomb = folder / "bomb.yaml"
        bomb.write_text(alias_bomb())
        huge = folder / "huge.yaml"
        with huge.open("w") as out:
            line = "- " + "x" * 98 + "\n"
            out.write("a:\n" + line * (50 * 1024 * 1024 // len(line)))
        bomb_s = best_of(3, lambda: load_scenario(bomb))
        huge_s = best_of(3, lambda: load_scenario(huge))
        bomb_codes = [d.code for d in load_scenario(bomb).diagnostics]
        huge_codes = [d.code for d in load_scenario(huge).diagnostics]
        size = path.stat().st_size
    print(f"scénario généré : {puzzles} énigmes, {size / 1e6:.2f} Mo")
    print(f"{'yaml.load (CSafeLoader)':<34}{bare_s * 1000:>9.1f} ms")
    print(f"{'yaml.load, ramasse-miettes en pause':<34}{bare_no_gc_s * 1000:>9.1f} ms")
    print(f"{'load_scenario (lire+valider+réfs)':<34}{ours_s * 1000:>9.1f} ms")
    print(f"{'rapport':<34}{ours_s / bare_s:>9.2f} x   (cible ≤ 3 x)")
    print(f"{'rapport, à ramasse-miettes égal':<34}{ours_s / bare_no_gc_s:>9.2f} x")
    print(
        f"{'refus bombe d alias ' + str(bomb_codes):<34}{bomb_s * 1000:>9.1f} ms   (cible < 1000 ms)"
    )
    print(
        f"{'refus fichier 50 Mo ' + str(huge_codes):<34}{huge_s * 1000:>9.1f} ms   (cible < 1000 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
