"""Read YAML safely and remember where every value came from.

Authors' files are untrusted input: this module refuses what would hang or exhaust memory
(huge files, alias bombs, deep nesting) before doing real work, and returns plain Python data
plus a map from each value's path (``("puzzles", 3, "hints", 0)``) to its line and column.
Scalars follow YAML 1.2's small core schema: ``yes``/``no`` stay text, and numbers written with
a leading zero (a padlock code such as ``0472``) stay text too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.diagnostics import Diagnostic

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 500_000

Path_ = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass
class Source:
    """Plain data read from a file, with positions (1-based line and column)."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text: str = ""

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of the value at ``path`` (or of its key), else of the closest parent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.keys:
                return self.keys[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


class SourceError(Exception):
    """The file cannot be turned into data; carries the diagnostic to print."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_source(path: Path) -> Source:
    """Read and parse ``path``; raise ``SourceError`` with a located diagnostic."""
    name = str(path)

    def fail(code: str, message: str, line: int = 1, col: int = 1, hint: str = "") -> SourceError:
        return SourceError(Diagnostic(name, line, col, code, message, hint))

    try:
        if not path.is_file():
            raise fail("E001", "fichier introuvable ou n'est pas un fichier")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail("E002", f"fichier trop gros ({size / 1e6:.1f} Mo, maximum 5 Mo)")
        raw = path.read_bytes()
    except OSError as exc:
        raise fail("E001", f"lecture impossible : {exc.strerror or exc}") from None
    return parse_text(raw, name)


def parse_text(raw: bytes, name: str) -> Source:
    """Parse bytes already read (also used for text typed in the hot-reload editor)."""

    def fail(code: str, message: str, line: int = 1, col: int = 1, hint: str = "") -> SourceError:
        return SourceError(Diagnostic(name, line, col, code, message, hint))

    if len(raw) > MAX_BYTES:
        raise fail("E002", f"fichier trop gros ({len(raw) / 1e6:.1f} Mo, maximum 5 Mo)")
    if b"\x00" in raw:
        line, col = _line_col(raw, raw.index(b"\x00"))
        raise fail("E003", "le fichier contient des octets nuls : ce n'est pas un texte", line, col)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        raise fail("E003", "caractère qui n'est pas de l'UTF-8", line, col) from None
    if not text.strip():
        raise fail("E009", "le fichier est vide")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = f"{exc.problem or exc.context or 'erreur'}"
        if "\t" in problem or "tab" in problem.lower() or _tab_near(text, line):
            raise fail("E005", "tabulation utilisée pour indenter", line, col) from None
        if "nesting depth" in problem:
            raise fail("E006", "imbrication trop profonde", line, col) from None
        raise fail("E004", f"YAML illisible : {problem}", line, col) from None
    except yaml.YAMLError as exc:
        raise fail("E004", f"YAML illisible : {exc}") from None
    except RecursionError:
        raise fail("E006", "imbrication trop profonde") from None
    if node is None:
        raise fail("E009", "le fichier ne contient aucune donnée")
    expanded = _expanded_size(node, {})
    if expanded > MAX_NODES:
        raise fail("E007", f"document démesuré ({expanded:,} valeurs une fois les alias dépliés)")
    source = Source(name, None, text=text)
    builder = _Builder(source, fail)
    source.data = builder.build(node, (), 0)
    if not isinstance(source.data, dict):
        raise fail("E009", "le premier niveau doit être une suite de « clé: valeur »")
    return source


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Number of values once aliases are expanded, without expanding them (memoised)."""
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = 1  # a recursive alias counts once instead of looping
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(v, memo) + 1 for _, v in node.value)
    memo[id(node)] = size
    return size


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _tab_near(text: str, line: int) -> bool:
    lines = text.splitlines()
    window = lines[max(0, line - 2) : line + 1]
    return any(item[: len(item) - len(item.lstrip())].count("\t") for item in window)


class _Builder:
    """Turns composed YAML nodes into plain data, counting nodes to stop alias bombs."""

    def __init__(self, source: Source, fail: Callable[..., SourceError]) -> None:
        self.source = source
        self.fail = fail
        self.nodes = 0
        self.constructor = _Loader("")

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if self.nodes > MAX_NODES:
            raise self.fail("E007", "document démesuré (trop d'alias ou de valeurs)", line, col)
        if depth > MAX_DEPTH:
            raise self.fail("E006", f"plus de {MAX_DEPTH} niveaux d'imbrication", line, col)
        self.source.values[path] = (line, col)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    kl, kc = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                    raise self.fail("E004", "une clé doit être un simple mot", kl, kc)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(
                        "E004",
                        "la fusion « << » n'est pas prise en charge",
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        "Écrivez les clés en entier.",
                    )
                key = key_node.value
                key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in result:
                    raise self.fail("E008", f"clé « {key} » en double", *key_pos)
                self.source.keys[(*path, key)] = key_pos
                result[key] = self.build(value_node, (*path, key), depth + 1)
            return result
        raise self.fail("E004", "nœud YAML inattendu", line, col)  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        if node.style or node.tag == "tag:yaml.org,2002:str":
            return value
        if node.tag not in {
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null",
        }:
            return value
        if value in _NULLS:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _LEADING_ZERO.match(value):
            return value
        if _INT.match(value):
            return int(value.replace("_", ""))
        if _FLOAT.match(value):
            return float(value.replace("_", ""))
        return value
