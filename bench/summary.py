"""Benchmark of the skills cards: a session of 15 players, cards as PNG + one PDF + QR codes.

Plays the demo escape game with 15 players through the real core (every action by the next
player in turn, plus a self-assessment each and a few facilitator observations), then times:

* baseline: rendering the 15 QR codes alone with the ``qrcode`` library (PIL images);
* the whole summary: evidence, jobs, 15 card PNGs, the 15-page PDF and the evidence trail.

    python bench/summary.py [--players 15] [--repeat 3] [--keep DIR]

Target: the whole summary for 15 players in at most 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import qrcode  # noqa: E402

from engine.core import actions as ac  # noqa: E402
from engine.core.events import Event  # noqa: E402
from engine.core.rules import Rules  # noqa: E402
from engine.core.state import FACILITATOR  # noqa: E402
from engine.load.check import load_scenario  # noqa: E402
from engine.walkthrough import default_walkthrough, load_walkthrough  # noqa: E402
from facilitator.storage.players import new_short_code, new_token  # noqa: E402
from facilitator.summaries import card as card_module  # noqa: E402
from facilitator.summaries.session import (  # noqa: E402
    PlayerKey,
    SessionInputs,
    build_cards,
    write_outputs,
)

TARGET_SECONDS = 2.0
SKILLS = ("equipe", "rigueur", "curiosite", "autonomie", "ecoute", "organisation")
SCENARIO = ROOT / "scenarios" / "demo-escape" / "demo-escape.yaml"


def session_log(players: int) -> tuple[SessionInputs, list[str]]:
    """A finished demo-escape session played by ``players`` players, as summary inputs."""
    scenario = load_scenario(SCENARIO).scenario
    assert scenario is not None
    rules = Rules(scenario)
    walkthrough = load_walkthrough(default_walkthrough(SCENARIO))
    ids = [f"p{i + 1}" for i in range(players)]
    state = rules.new_game()
    log: list[Event] = []
    now = 1_800_000_000.0

    def act(action: ac.Action) -> None:
        nonlocal state, now
        now += 15
        state, events = rules.step(state, action, now)
        log.extend(events)

    for i, pid in enumerate(ids):
        act(ac.Join(player=pid, pseudonym=f"Joueur {i + 1}"))
    act(ac.Start(player=FACILITATOR))
    for i, step in enumerate(s for s in walkthrough.steps if s.action is not None):
        assert step.action is not None
        act(replace(step.action, player=ids[i % players]))
    for i, pid in enumerate(ids):
        act(ac.SelfAssess(player=pid, skills=(SKILLS[i % 6], SKILLS[(i + 2) % 6])))
        if i % 3 == 0:
            act(
                ac.Observe(
                    player=FACILITATOR, target=pid, skill=SKILLS[i % 6], note="A aidé un coéquipier"
                )
            )
    keys = [PlayerKey(pid, new_token(), new_short_code()) for pid in ids]
    inputs = SessionInputs(log, keys, scenario, scenario.title, date(2026, 11, 26))
    return inputs, [f"{card_module.DEFAULT_BASE_URL}/s/{k.token}" for k in keys]


def time_qr_only(urls: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds to render the QR codes alone."""
    wall, cpu = time.perf_counter(), time.process_time()
    for url in urls:
        qrcode.make(url, error_correction=qrcode.constants.ERROR_CORRECT_M)
    return time.perf_counter() - wall, time.process_time() - cpu


def time_summary(inputs: SessionInputs, out: Path) -> tuple[float, float, int]:
    """(wall, CPU) seconds for the whole summary, and the number of PNG cards written."""
    card_module.qr_matrix.cache_clear()  # no help from an earlier run
    wall, cpu = time.perf_counter(), time.process_time()
    cards, evidence, _missing = build_cards(inputs)
    written = write_outputs(cards, evidence, out)
    return time.perf_counter() - wall, time.process_time() - cpu, len(written.pngs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the files of the last run in this folder")
    args = parser.parse_args()

    inputs, urls = session_log(args.players)
    build_cards(inputs)  # warm-up: reference data, fonts and imports load once per process
    qr_runs, summary_runs, pngs = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat):
            qr_runs.append(time_qr_only(urls))
            out = args.keep if (args.keep and run == args.repeat - 1) else Path(tmp) / f"run{run}"
            wall, cpu, pngs = time_summary(inputs, out)
            summary_runs.append((wall, cpu))
    qr_wall = statistics.median(w for w, _ in qr_runs)
    qr_cpu = statistics.median(c for _, c in qr_runs)
    wall = statistics.median(w for w, _ in summary_runs)
    cpu = statistics.median(c for _, c in summary_runs)
    n = args.players
    print(f"players: {n}, runs: {args.repeat} (median), {pngs} PNG + 1 PDF per run")
    print(f"{'':<46} {'wall':>8} {'CPU':>8}")
    print(f"{f'baseline: {n} QR codes only (qrcode → PIL)':<46} {qr_wall:7.3f}s {qr_cpu:7.3f}s")
    print(f"{'summary: evidence + jobs + PNGs + PDF + QR':<46} {wall:7.3f}s {cpu:7.3f}s")
    print(f"{'per card':<46} {wall / n * 1000:6.1f}ms {cpu / n * 1000:6.1f}ms")
    print(f"{'summary ÷ baseline':<46} {wall / qr_wall:7.1f}× {cpu / qr_cpu:7.1f}×")
    verdict = (
        "OK" if wall <= TARGET_SECONDS else "OVER TARGET (wall; see CPU if the machine is busy)"
    )
    print(f"target: ≤ {TARGET_SECONDS:.1f} s for the whole summary → {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
