"""engine/player has no import cycle: the graph is built from the source (AST), counting
imports inside functions, and a module importing ``a.b.c`` also runs ``a.b``'s
``__init__``. Only ``if TYPE_CHECKING:`` blocks are left out (they never run)."""

from __future__ import annotations

import ast
from pathlib import Path

PLAYER = Path(__file__).resolve().parents[2] / "engine" / "player"
ROOT = PLAYER.parents[1]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def imported(path: Path, name: str) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def import_graph() -> dict[str, set[str]]:
    files = {module_name(path): path for path in PLAYER.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        own = {name.rsplit(".", k)[0] for k in range(name.count(".") + 1)}
        edges: set[str] = set()
        for target in imported(path, name):
            # the module itself, and the packages above it that importing it runs
            while target:
                if target in files and target not in own:
                    edges.add(target)
                target = target.rpartition(".")[0]
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_player_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_graph_sees_imports_inside_functions_and_package_inits() -> None:
    graph = import_graph()
    # run.py imports the app at the top; perform.py is reached from app.py
    assert "engine.player.app" in graph["engine.player.run"]
    assert "engine.player.perform" in graph["engine.player.app"]
    # importing a screen module runs the screens package's __init__
    assert "engine.player.screens" in graph["engine.player.puzzle_views.text"]


def test_a_cycle_is_found(tmp_path: Path) -> None:
    """The checker itself: a lazy import back is a cycle too."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    lazy = tmp_path / "m.py"
    lazy.write_text("def f():\n    from engine.player import app\n", encoding="utf-8")
    assert "engine.player.app" in imported(lazy, "engine.player.m")
