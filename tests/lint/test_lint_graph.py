"""The dependency chart says what unlocks what, in dot and in mermaid."""

from __future__ import annotations

from pathlib import Path

from engine.lint.graph import dependency_graph
from engine.load.check import load_scenario

REPO = Path(__file__).resolve().parents[2]


def _graph() -> object:
    loaded = load_scenario(REPO / "scenarios" / "demo-escape" / "demo-escape.yaml")
    assert loaded.scenario is not None
    return dependency_graph(loaded.scenario)


def test_escape_chart_links_puzzles_items_and_endings() -> None:
    g = dependency_graph(
        load_scenario(REPO / "scenarios" / "demo-escape" / "demo-escape.yaml").scenario
    )  # type: ignore[arg-type]
    edges = set(g.edges)
    assert ("s_vestiaire", "p_code_casier") in edges  # the locker is in the changing room
    assert ("p_code_casier", "i_badge") in edges  # the code gives the badge
    assert ("i_badge", "s_cuisine") in edges  # which opens the way to the kitchen
    assert ("i_salade_prete", "p_mot_service") in edges  # the salad is sent at the pass
    assert ("i_couteau", "p_salade") in edges  # knife + tomatoes make the salad
    assert ("p_mot_service", "e_service_ouvert") in edges
    assert g.nodes["e_temps_ecoule"][0] == "ending"


def test_mermaid_and_dot_have_the_same_edges() -> None:
    g = _graph()
    dot = g.render("dot")  # type: ignore[attr-defined]
    mermaid = g.render("mermaid")  # type: ignore[attr-defined]
    for a, b in g.edges:  # type: ignore[attr-defined]
        assert f"{a} -> {b}" in dot
        assert f"{a} --" in mermaid and b in mermaid
