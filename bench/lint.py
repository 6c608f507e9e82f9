"""Benchmark of ``declic lint`` on generated escape games of 100, 300 and 1,000 puzzles.

    python bench/lint.py [--sizes 100 300 1000] [--repeat 5] [--keep DIR]

Each generated scenario is written in the real YAML format and loaded with ``load_scenario``.
Rooms hold four puzzles and come in wings of three rooms joined both ways; a wing's last door
closes behind the team. Each room has three ways to open its door (code + question + key,
an order puzzle with limited attempts, or a bonus puzzle found with an optional lamp: a free
item for the lint, see ``engine/lint/free.py``), and every fifth room a combination.
Target: 1,000 puzzles in <= 0.5 s of lint CPU, and CPU growth <= x12 from 100 to 1,000
puzzles. Each size is linted ``--repeat`` times and the median is shown. The baseline,
measured in the same run, is the bare load (``check``) time; ``lint_file`` loads the file again,
so the lint time includes it. On a shared machine, compare the columns of the same run: the
ratio lint / check says more than either figure, and the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine.lint.checks import lint_file  # noqa: E402
from engine.load.check import load_scenario  # noqa: E402

TARGET_SECONDS = 0.5
TARGET_GROWTH = 12.0
WING = 3


def _room(i: int, rooms: int) -> list[str]:
    code = f"{(i * 7919) % 10000:04d}"
    last = i == rooms - 1
    lines = [
        f"  - id: salle_{i}",
        f'    title: "Salle {i}"',
        f'    text: "Une pièce de l\'entrepôt, numéro {i}."',
        "    hotspots:",
        f"      - id: note_{i}",
        '        label: "Un post-it"',
        f'        text: "Code du coffre : {code}."',
        f"      - id: coffre_{i}",
        '        label: "Le coffre"',
        f"        puzzle: code_{i}",
        f"      - id: ordi_{i}",
        '        label: "L\'ordinateur"',
        f"        puzzle: question_{i}",
        f"      - id: panneau_{i}",
        '        label: "Le panneau"',
        f"        puzzle: ordre_{i}",
        f"      - id: tiroir_{i}",
        '        label: "Un tiroir"',
        "        effects:",
        f"          - give: lampe_{i}",
        f"      - id: cachette_{i}",
        '        label: "Un coin sombre"',
        f"        needs_item: lampe_{i}",
        f"        puzzle: bonus_{i}",
    ]
    if not last:
        lines += [
            f"      - id: serrure_{i}",
            '        label: "La serrure"',
            f"        needs_item: cle_{i}",
            f"        when: {{flag: ok_{i}}}",
            "        effects:",
            f"          - take: cle_{i}",
            f"          - unlock: sortie_{i}",
        ]
    if i % 5 == 4:
        lines += [
            f"      - id: etagere_{i}",
            '        label: "L\'étagère"',
            "        effects:",
            f"          - give: piece_a_{i}",
            f"          - give: piece_b_{i}",
        ]
    exits: list[str] = []
    if not last:
        exits += [
            f"      - to: salle_{i + 1}",
            f"        id: sortie_{i}",
            "        locked: true",
            '        label: "Salle suivante"',
        ]
    if i % WING != 0:
        exits += [f"      - to: salle_{i - 1}", '        label: "Salle précédente"']
    if exits:
        lines += ["    exits:", *exits]
    return lines


def _puzzles(i: int, rooms: int) -> list[str]:
    code = f"{(i * 7919) % 10000:04d}"
    last = i == rooms - 1
    finish = "          - end: victoire" if last else f"          - unlock: sortie_{i}"
    lines = [
        f"  - id: code_{i}",
        "    type: code",
        f'    title: "Coffre {i}"',
        '    prompt: "Quel est le code ?"',
        f'    answer: "{code}"',
        f"    clue: {{hotspot: note_{i}}}",
        '    hints: ["Lisez le post-it.", "Le code est sur le post-it."]',
        "    on_solve:",
        f"      - give: cle_{i}" if not last else "      - end: victoire",
        f"  - id: question_{i}",
        "    type: single_choice",
        f'    title: "Question {i}"',
        '    prompt: "Que faut-il porter dans un entrepôt ?"',
        "    options:",
        '      - {id: oui, text: "Des chaussures de sécurité"}',
        '      - {id: non, text: "Des tongs"}',
        "    answer: oui",
        "    clue: {knowledge: true}",
        '    hints: ["Pensez aux pieds.", "La sécurité d\'abord."]',
        f"    points: {1 if last else 0}",  # the last room has no lock reading ok_{i}
        "    on_solve:",
        f"      - set: ok_{i}",
        f"  - id: ordre_{i}",
        "    type: order",
        f'    title: "Ordre {i}"',
        '    prompt: "Remettez dans l\'ordre."',
        "    items:",
        '      - {id: lire, text: "Lire"}',
        '      - {id: prendre, text: "Prendre"}',
        '      - {id: verifier, text: "Vérifier"}',
        "    attempts: 2",
        '    hints: ["On lit d\'abord.", "On vérifie à la fin."]',
        "    on_solve:",
        "  " + finish,
        "    on_fail:",
        '      - say: "Raté : il reste le coffre."',
        f"  - id: bonus_{i}",
        "    type: text",
        f'    title: "Bonus {i}"',
        '    prompt: "Quel mot est écrit au mur ?"',
        '    answers: ["entrepot"]',
        "    points: 5",
        "    clue: {knowledge: true}",
        '    hints: ["Regardez le titre de la salle.", "En-tre-pôt."]',
        "    on_solve:",
        "  " + finish,
    ]
    if i % 5 == 4:
        lines += [
            f"  - id: assemblage_{i}",
            "    type: combine",
            f'    title: "Assemblage {i}"',
            '    prompt: "Assemblez deux pièces."',
            f"    items: [piece_a_{i}, piece_b_{i}]",
            '    hints: ["Deux pièces vont ensemble.", "Combinez-les."]',
            "    on_solve:",
            "  " + finish,
        ]
    return lines


def _items(i: int, rooms: int) -> list[str]:
    names = [f"lampe_{i}"] + ([f"cle_{i}"] if i != rooms - 1 else [])
    if i % 5 == 4:
        names += [f"piece_a_{i}", f"piece_b_{i}"]
    return [
        f'  - {{id: {n}, name: "{n}", description: "Un objet de la salle {i}."}}' for n in names
    ]


def generate(puzzles: int) -> str:
    """A scenario of about ``puzzles`` puzzles (four or five per room)."""
    rooms = max(2, puzzles // 4)
    out = [
        "format: 1",
        f"id: bench-{puzzles}",
        f'title: "Banc d\'essai {puzzles}"',
        "kind: escape",
        "duration_minutes: 240",
        "players: {min: 1, max: 8}",
        "start: salle_0",
        "scenes:",
    ]
    for i in range(rooms):
        out += _room(i, rooms)
    out.append("items:")
    for i in range(rooms):
        out += _items(i, rooms)
    out.append("puzzles:")
    for i in range(rooms):
        out += _puzzles(i, rooms)
    out += [
        "endings:",
        '  - {id: victoire, title: "Bravo !", text: "Vous êtes sortis."}',
    ]
    return "\n".join(out) + "\n"


def measure(path: Path) -> dict[str, float]:
    """Check (the baseline) then lint one file; wall-clock and CPU seconds of each."""
    wall, cpu = time.perf_counter(), time.process_time()
    loaded = load_scenario(path)
    check_wall, check_cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert loaded.ok and loaded.scenario is not None, [d.format() for d in loaded.diagnostics[:3]]
    wall, cpu = time.perf_counter(), time.process_time()
    report = lint_file(path)
    lint_wall, lint_cpu = time.perf_counter() - wall, time.process_time() - cpu
    problems = [d.format() for d in report.diagnostics]
    if problems:
        print("\n".join(problems[:5]), file=sys.stderr)
    return {
        "puzzles": len(loaded.scenario.puzzles),
        "states": sum(len(e) for e in report.explorations.values()),
        "steps": sum(e.steps for e in report.explorations.values()),
        "check_wall": check_wall,
        "check_cpu": check_cpu,
        "lint_wall": lint_wall,
        "lint_cpu": lint_cpu,
    }


def _by_lint_cpu(row: dict[str, float]) -> float:
    return row["lint_cpu"]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--repeat", type=int, default=5, help="mesures par taille (médiane)")
    parser.add_argument("--keep", type=Path, help="garder les scénarios générés dans ce dossier")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="declic-bench-lint-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"{'énigmes':>8} {'états':>7} {'pas':>7} {'check s':>8} {'lint s':>7} "
        f"{'lint CPU s':>10} {'lint/check':>10} {'CPU/énigme ms':>14} {'croissance CPU':>24}"
    )
    first: dict[str, float] | None = None
    row: dict[str, float] = {}
    for size in args.sizes:
        path = folder / f"bench-{size}.yaml"
        path.write_text(generate(size), encoding="utf-8")
        runs = sorted((measure(path) for _ in range(max(1, args.repeat))), key=_by_lint_cpu)
        row = runs[len(runs) // 2]  # the median run (its check beside its lint)
        growth = ""
        if first is not None:
            growth = (
                f"×{row['lint_cpu'] / first['lint_cpu']:.1f} pour énigmes "
                f"×{row['puzzles'] / first['puzzles']:.1f}"
            )
        first = first or row
        print(
            f"{row['puzzles']:>8.0f} {row['states']:>7.0f} {row['steps']:>7.0f} "
            f"{row['check_wall']:>8.2f} {row['lint_wall']:>7.2f} {row['lint_cpu']:>10.2f} "
            f"{row['lint_cpu'] / row['check_cpu']:>10.1f} "
            f"{1000 * row['lint_cpu'] / row['puzzles']:>14.2f} {growth:>24}"
        )
    verdict = "OK" if row["lint_cpu"] <= TARGET_SECONDS else "au-dessus de la cible"
    grown = row["lint_cpu"] / first["lint_cpu"] if first else 1.0
    print(
        f"cible : {args.sizes[-1]} énigmes en <= {TARGET_SECONDS} s de lint CPU -> {verdict} ; "
        f"croissance ×{grown:.1f} (cible <= ×{TARGET_GROWTH:.0f}) "
        f"(charge de la machine : {' '.join(f'{x:.1f}' for x in os.getloadavg())})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
