"""Sample cards for the shipped demo scenarios, drawn from their walkthroughs (for ``docs/``).

    python -m facilitator.summaries.demo docs/cards

Each walkthrough is played through the real core, then a few workshop moments are added so
that the samples show every case: self-assessment, a facilitator's observation, and (in the
escape game) a player who joined but did nothing, whose card asks the facilitator to complete
it. Tokens and codes are derived from the player ids so that the images are reproducible;
real sessions use random ones (``facilitator.storage.players``).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from engine.core import actions as ac
from engine.core.events import Event
from engine.core.rules import Rules
from engine.core.state import FACILITATOR
from engine.load.check import load_scenario
from engine.typography import counted
from engine.walkthrough import default_walkthrough, load_walkthrough
from facilitator.storage.players import SHORT_CODE_ALPHABET
from facilitator.summaries.model import JobLine, TrainingLine
from facilitator.summaries.session import (
    PlayerKey,
    SessionInputs,
    TrainingsFor,
    build_cards,
    write_outputs,
)

ROOT = Path(__file__).resolve().parents[2]
DEMOS = ("demo-escape", "demo-rally", "demo-tour")
DAY = date(2026, 11, 26)

#: Extra moments per demo: actions played after the walkthrough (the game has ended, so
#: only self-assessments and observations), and players who join but do nothing.
EXTRA_AFTER: dict[str, list[ac.Action]] = {
    "demo-escape": [
        ac.SelfAssess(player="p1", skills=("equipe", "creativite")),
        ac.SelfAssess(player="p2", skills=("rigueur",)),
        ac.Observe(
            player=FACILITATOR,
            target="p2",
            skill="ecoute",
            note="A rassuré Lina quand le code ne marchait pas",
        ),
    ],
    "demo-rally": [
        ac.SelfAssess(player="a1", skills=("organisation", "ecoute")),
        ac.Observe(
            player=FACILITATOR,
            target="b1",
            skill="autonomie",
            note="A joué seule pour son équipe, sans se décourager",
        ),
    ],
    "demo-tour": [ac.SelfAssess(player="p1", skills=("curiosite", "adaptation"))],
}
QUIET_PLAYERS: dict[str, list[ac.Join]] = {
    "demo-escape": [ac.Join(player="p3", pseudonym="Maëlle")]
}
SAMPLE_TRAININGS = {
    "demo-tour": [
        TrainingLine("Titre professionnel Agent magasinier", "AFPA", "Rouen", "début 05/01/2027"),
        TrainingLine("CAP Cuisine", "Lycée hôtelier", "Caen", "début 01/09/2027"),
        TrainingLine("CACES R489 chariots élévateurs", "GRETA", "Le Havre", "entrée permanente"),
    ]
}


def demo_inputs(name: str) -> SessionInputs:
    """A demo's events, with reproducible tokens and codes for every player."""
    path = ROOT / "scenarios" / name / f"{name}.yaml"
    scenario = load_scenario(path).scenario
    if scenario is None:
        raise SystemExit(f"{path}: scénario invalide (declic check {path})")
    rules = Rules(scenario)
    state = rules.new_game()
    log: list[Event] = []
    for action, now in _timeline(name, path):
        state, events = rules.step(state, action, now)
        log.extend(events)
    keys = [PlayerKey(pid, *_demo_codes(name, pid)) for pid in state.players]
    return SessionInputs(log, keys, scenario, scenario.title, DAY)


def _timeline(name: str, path: Path) -> Iterator[tuple[ac.Action, float]]:
    start = 1_800_000_000.0
    last = start
    for action, now, _step in load_walkthrough(default_walkthrough(path)).actions(start):
        if isinstance(action, ac.Start):
            yield from ((join, now) for join in QUIET_PLAYERS.get(name, []))
        yield action, now
        last = now
    for i, action in enumerate(EXTRA_AFTER.get(name, []), start=1):
        yield action, last + 30 * i


def _demo_codes(name: str, player: str) -> tuple[str, str]:
    digest = hashlib.sha256(f"declic-demo|{name}|{player}".encode()).digest()
    token = digest.hex()[:32]
    code = "".join(SHORT_CODE_ALPHABET[b % len(SHORT_CODE_ALPHABET)] for b in digest[16:24])
    return token, code


def _sample_trainings(name: str) -> TrainingsFor | None:
    """Fixed training lines for the samples (real ones come from the catalogue)."""
    lines = SAMPLE_TRAININGS.get(name)
    if lines is None:
        return None

    def for_player(_key: PlayerKey, _jobs: Sequence[JobLine]) -> list[TrainingLine]:
        return list(lines)

    return for_player


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "cards"
    out.mkdir(parents=True, exist_ok=True)
    for name in DEMOS:
        inputs = demo_inputs(name)
        cards, evidence, _missing = build_cards(inputs, trainings_for=_sample_trainings(name))
        folder = out / name
        if folder.exists():
            shutil.rmtree(folder)
        written = write_outputs(cards, evidence, folder, with_badges=False)
        if shutil.which("pdftoppm") and written.pdf is not None:
            pdf, page = str(written.pdf), str(folder / "page")
            subprocess.run(["pdftoppm", "-r", "60", "-png", pdf, page], check=True)
            # The first page as a black-and-white printer would print it.
            gray = str(folder / "page-1-noir-et-blanc")
            subprocess.run(
                ["pdftoppm", "-r", "60", "-gray", "-png", "-singlefile", pdf, gray],
                check=True,
            )
        print(f"{name}: {counted(len(cards), 'carte')} → {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
