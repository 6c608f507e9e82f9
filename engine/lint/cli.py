"""``declic lint``, ``declic graph`` and ``declic autoplay``: the command-line shell of the lint.

Wired by ``declic.commands.lint``. Exit codes: 0 fine, 1 problems found (errors, or warnings
with ``--strict``), as for ``declic check``; 2 when a file given is a walkthrough (one line
says to lint its scenario instead).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.lint.explore import DEFAULT_BUDGET
from engine.typography import counted


def _resolve(name: str) -> Path:
    """A path, or the id of a shipped scenario (``demo-escape``)."""
    from engine.shipped import resolve_scenario

    return resolve_scenario(name)


def register(sub: Any) -> None:
    p = sub.add_parser("lint", help="prouver qu'un scénario peut être fini, depuis tout état")
    p.add_argument("files", nargs="+", metavar="FICHIER")
    p.add_argument("--strict", action="store_true", help="les avertissements font aussi échouer")
    p.add_argument(
        "--budget",
        type=int,
        default=DEFAULT_BUDGET,
        metavar="N",
        help=f"nombre maximal d'états explorés (défaut {DEFAULT_BUDGET})",
    )
    p.set_defaults(func=run_lint)

    g = sub.add_parser("graph", help="dessiner ce qui débloque quoi (dot ou mermaid)")
    g.add_argument("scenario", metavar="SCENARIO")
    g.add_argument("--format", choices=("dot", "mermaid"), default="dot")
    g.add_argument("-o", "--output", type=Path, metavar="FICHIER")
    g.set_defaults(func=run_graph)

    a = sub.add_parser("autoplay", help="jouer N parties au hasard et signaler tout problème")
    a.add_argument("scenario", metavar="SCENARIO")
    a.add_argument("--runs", type=int, default=100, metavar="N")
    a.add_argument("--seed", type=int, default=0, metavar="S")
    a.add_argument("--steps", type=int, default=400, metavar="N", help="actions au plus par partie")
    a.set_defaults(func=run_autoplay)


def run_lint(args: argparse.Namespace) -> int:
    from engine.lint.checks import lint_file
    from engine.walkthrough import is_walkthrough_file, not_a_scenario

    failed = misplaced = False
    for name in args.files:
        path = _resolve(name)
        if is_walkthrough_file(path):
            print(not_a_scenario(path), file=sys.stderr)
            misplaced = True
            continue
        report = lint_file(path, budget=max(1, args.budget))
        for diagnostic in report.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        for note in dict.fromkeys(report.notes):
            print(note)
        states = sum(len(e) for e in report.explorations.values())
        summary = (
            f"{path} : {counted(report.errors, 'erreur')}, "
            f"{counted(report.warnings, 'avertissement')}"
        )
        if report.explorations:
            summary += f", {counted(states, 'état exploré', 'états explorés')}"
        print(summary)
        if report.errors or (args.strict and report.warnings):
            failed = True
    return 1 if failed else 2 if misplaced else 0


def run_graph(args: argparse.Namespace) -> int:
    from engine.lint.graph import dependency_graph
    from engine.load.check import load_scenario

    loaded = load_scenario(_resolve(args.scenario))
    for diagnostic in loaded.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if loaded.scenario is None:
        return 1
    text = dependency_graph(loaded.scenario).render(args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"graphe écrit dans {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_autoplay(args: argparse.Namespace) -> int:
    from engine.lint.autoplay import autoplay
    from engine.load.check import load_scenario

    path = _resolve(args.scenario)
    loaded = load_scenario(path)
    for diagnostic in loaded.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if loaded.scenario is None:
        return 1
    summary = autoplay(
        loaded.scenario, runs=max(1, args.runs), seed=args.seed, max_steps=args.steps
    )
    for failure in summary.failures:
        print(
            f"{path}: graine {failure.seed} : {failure.kind} après {counted(failure.step, 'action')} : "
            f"{failure.detail}\n    rejouer : declic autoplay {args.scenario} --runs 1 --seed {failure.seed}",
            file=sys.stderr,
        )
    print(summary.describe())
    return 1 if summary.failures else 0
