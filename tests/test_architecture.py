"""The import contract: the layers of docs/architecture.md, checked from every module's AST.

Imports inside functions count too (a lazy import is still a dependency). The packages:

    engine.format (with engine.puzzles, the puzzle types' models)  <-  engine.core
    engine.core  <-  engine.load, engine.lint, engine.player
    engine  <-  facilitator.*  <-  declic (the command line, the only package that wires all)

and no cycle between packages; engine/player has no cycle between its own modules.
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP = ("engine", "facilitator", "declic")

#: The packages of the contract; a module belongs to the longest one its name starts with.
PACKAGES = (
    "engine.format",
    "engine.puzzles",
    "engine.core",
    "engine.load",
    "engine.lint",
    "engine.player",
    "engine.phones",
    "engine.reference",
    "engine.authoring",
    "facilitator.storage",
    "facilitator.sessions",
    "facilitator.summaries",
    "facilitator.trainings",
    "facilitator.portal",
    "facilitator.credentials",
    "facilitator.sheets",
    "facilitator.hub",
    "declic",
)
#: engine.puzzles holds the puzzle types' models: it is part of the format.
LAYER_OF = {"engine.puzzles": "engine.format"}
FORMAT_LAYER = {"engine.format"}
ABOVE_CORE = {"engine.load", "engine.lint", "engine.player", "engine.phones"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    found = {}
    for top in TOP:
        for path in (ROOT / top).rglob("*.py"):
            found[module_name(path)] = path
    return found


def _resolve(importer: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    if path.name != "__init__.py":
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


@cache
def imports_of(name: str) -> tuple[tuple[str, str | None, int], ...]:
    """(module imported, name taken from it or None, line) for every import in the module."""
    path = modules()[name]
    found: list[tuple[str, str | None, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(name, path, node)
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                if sub in modules():
                    found.append((sub, None, node.lineno))
                else:
                    found.append((source, alias.name, node.lineno))
    return tuple(t for t in found if t[0].split(".")[0] in TOP)


@cache
def typing_only_lines(name: str) -> frozenset[int]:
    """Lines inside ``if TYPE_CHECKING:`` blocks: imports there never run."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(modules()[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return frozenset(lines)


def package_of(name: str) -> str:
    best = max((p for p in PACKAGES if name == p or name.startswith(p + ".")), key=len, default="")
    return best or name  # engine.diagnostics, engine.shipped…: a package of their own


def layer_of(name: str) -> str:
    package = package_of(name)
    return LAYER_OF.get(package, package)


def edges() -> Iterator[tuple[str, str, str, int]]:
    """(importer, imported module, name or "", line) across the three top packages."""
    for name in modules():
        for target, taken, line in imports_of(name):
            yield name, target, taken or "", line


def test_the_engine_never_imports_the_facilitator_or_the_command_line() -> None:
    wrong = [
        f"{a}:{line} imports {b}"
        for a, b, _, line in edges()
        if a.startswith("engine") and b.split(".")[0] in ("facilitator", "declic")
    ]
    assert not wrong


def test_only_the_command_line_imports_the_command_line() -> None:
    wrong = [
        f"{a}:{line} imports {b}"
        for a, b, _, line in edges()
        if b.split(".")[0] == "declic" and not a.startswith("declic")
    ]
    assert not wrong


def test_the_format_depends_on_nothing_above_it_and_the_core_only_on_the_format() -> None:
    wrong = []
    for a, b, _, line in edges():
        if not b.startswith("engine"):
            continue
        src, dst = layer_of(a), layer_of(b)
        if src in FORMAT_LAYER and dst not in FORMAT_LAYER:
            wrong.append(f"{a}:{line} (format) imports {b}")
        if src == "engine.core" and dst not in FORMAT_LAYER | {"engine.core"}:
            wrong.append(f"{a}:{line} (core) imports {b}")
        if dst in ABOVE_CORE and src in FORMAT_LAYER | {"engine.core"}:
            wrong.append(f"{a}:{line} imports {b}, a layer above it")
    assert not wrong


def test_no_library_module_imports_a_cli_module() -> None:
    wrong = [
        f"{a}:{line} imports {b}"
        for a, b, _, line in edges()
        if b.rsplit(".", 1)[-1] == "cli" and not a.startswith("declic")
    ]
    assert not wrong


def test_nothing_imports_another_package_s_private_names() -> None:
    wrong = []
    for a, b, taken, line in edges():
        private = taken.startswith("_") or any(p.startswith("_") for p in b.split(".")[1:])
        if private and not b.endswith("__init__") and package_of(a) != package_of(b):
            wrong.append(f"{a}:{line} imports {b}.{taken}")
    assert not wrong


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        return list(exc.args[1])
    return []


def test_no_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for a, b, _, _ in edges():
        src, dst = layer_of(a), layer_of(b)
        graph.setdefault(src, set())
        if src != dst:
            graph[src].add(dst)
    assert _cycle(graph) == []


def test_the_checks_see_lazy_imports_and_real_packages() -> None:
    """The contract reads imports inside functions: declic's commands are all imported so."""
    lazy = [b for a, b, _, _ in edges() if a == "declic.commands.session"]
    assert "facilitator.summaries.write" in lazy
    assert {layer_of(m) for m in modules()} >= set(PACKAGES) - set(LAYER_OF)


def player_cycle() -> list[str]:
    graph: dict[str, set[str]] = {}
    for a, b, _, line in edges():
        at_runtime = line not in typing_only_lines(a)
        if a.startswith("engine.player") and b.startswith("engine.player") and at_runtime:
            graph.setdefault(a, set()).add(b)
    for node in graph:
        graph[node].discard(node)
    return _cycle(graph)


def test_no_import_cycle_between_the_player_s_modules() -> None:
    assert player_cycle() == []
