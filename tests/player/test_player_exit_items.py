"""An exit that needs items shows a lock while one is missing; pressed, the room reads which
(the ``missing_items`` refusal, in French); with them the team goes through and keeps them."""

from __future__ import annotations

import os
from pathlib import Path

from engine.core import events as ev
from engine.lint.checks import lint_file
from engine.player.driver import Driver
from engine.walkthrough import load_walkthrough

SCENARIO = """format: 1
id: entrepot
title: "L'entrepôt"
kind: escape
duration_minutes: 10
players: {min: 1, max: 4}
start: vestiaire
scenes:
  - id: vestiaire
    title: "Le vestiaire"
    text: "Pour entrer dans l'entrepôt, il faut être équipé."
    hotspots:
      - id: casier
        label: "Le casier"
        text: "Un gilet jaune et des chaussures de sécurité."
        effects: [{give: gilet}, {give: chaussures}]
    exits:
      - {to: entrepot, label: "Entrer dans l'entrepôt", requires_items: [gilet, chaussures]}
  - id: entrepot
    title: "L'entrepôt"
    text: "Les chariots roulent."
    hotspots:
      - {id: quai, label: "Le quai", effects: [{end: fini}]}
items:
  - {id: gilet, name: "Gilet jaune", description: "Un gilet haute visibilité.", icon: safety-vest}
  - {id: chaussures, name: "Chaussures de sécurité", description: "Coquées.", icon: hiking-boot}
endings:
  - {id: fini, title: "Prêts !", text: "Bravo."}
"""

WALKTHROUGH = """scenario: entrepot
players:
  - {id: p1, pseudonym: Lina}
steps:
  - {player: p1, use: casier}
  - {player: p1, go: entrepot}
  - {player: p1, use: quai}
expect:
  ending: fini
"""


def test_an_exit_needing_items_refuses_then_lets_through(make_app, tmp_path: Path) -> None:
    path = tmp_path / "entrepot.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "entrepot.walkthrough.yaml").write_text(WALKTHROUGH, encoding="utf-8")
    assert [d.format() for d in lint_file(path).diagnostics] == []  # no W121: the exit uses them
    app = make_app(path, (1920, 1080))
    driver = Driver(app, "mouse")
    walkthrough = load_walkthrough(tmp_path / "entrepot.walkthrough.yaml")
    walkthrough.steps = []
    driver.play(walkthrough)  # joined, in the changing room
    driver.press("exit:entrepot", "p1")
    driver.frames(2)
    refused = [e for e in app.log if isinstance(e, ev.Rejected)]
    assert [e.code for e in refused] == ["missing_items"]
    shots = Path(os.environ.get("DECLIC_SCREENSHOTS", tmp_path))
    app.screenshot(shots / "escape-exit-needs-items.png")
    driver.press("hotspot:casier", "p1")
    driver.press("exit:entrepot", "p1")
    assert app.team().scene == "entrepot"
    assert set(app.team().inventory) == {"gilet", "chaussures"}
