"""Read YAML safely and remember where every value came from.

Authors' files are untrusted input: this module refuses what would hang or exhaust memory
(huge files, alias bombs, deep nesting) before doing real work, and returns plain Python data.
Positions are looked up on demand (``Source.where``) by walking the composed YAML nodes, so
that a valid file pays nothing for them. Scalars follow YAML 1.2's small core schema: ``yes``/
``no`` stay text, and numbers written with a leading zero (a padlock code such as ``0472``)
stay text too. PyYAML's English parser messages are translated into French with a fix.
"""

from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from yaml.reader import ReaderError

from engine.diagnostics import Diagnostic
from engine.folders import os_reason

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 500_000

Path_ = tuple[str | int, ...]

_LATER: Any = object()  # the data of a ``Source.known``, not parsed yet

_CORE = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _CORE + "str", _CORE + "seq", _CORE + "map"
#: Tag given to plain (unquoted, untagged) scalars: resolved by ``_plain`` with YAML 1.2 rules.
_PLAIN = "!declic-plain"
#: Explicit tags an author may write; anything else (``!!python/…``, ``!!binary``…) is refused.
_EXPLICIT_OK = {_STR, _SEQ, _MAP, *(_CORE + t for t in ("int", "float", "bool", "null"))}

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
#: First characters of a plain scalar that may be something other than text.
_MAYBE_NOT_TEXT = frozenset("0123456789-+.~nNtTfF")

#: Magic numbers of files that authors sometimes pass by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "une image PNG"),
    (b"\xff\xd8\xff", "une image JPEG"),
    (b"GIF8", "une image GIF"),
    (b"%PDF", "un document PDF"),
    (b"PK\x03\x04", "une archive ZIP ou un document Word/LibreOffice"),
    (b"\xd0\xcf\x11\xe0", "un document Word ou Excel"),
)
_UTF16_32: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)

#: PyYAML's problems, in French, with what to do.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("could not find expected ':'", "deux-points « : » manquant après la clé"),
    (
        "mapping values are not allowed",
        "deux-points « : » inattendu : vérifiez l'indentation de cette ligne, ou mettez le texte entre guillemets s'il contient « : »",
    ),
    (
        "block sequence entries are not allowed",
        "tiret « - » inattendu : vérifiez l'indentation de la liste",
    ),
    (
        "did not find expected '-' indicator",
        "élément mal aligné : les « - » d'une même liste doivent être à la même colonne",
    ),
    (
        "did not find expected key",
        "clé attendue : l'indentation ne correspond pas au bloc, ou un guillemet n'est pas fermé",
    ),
    (
        "did not find expected ',' or ']'",
        "liste entre crochets non fermée : il manque « ] » ou une virgule",
    ),
    (
        "did not find expected ',' or '}'",
        "bloc entre accolades non fermé : il manque « } » ou une virgule",
    ),
    (
        "found unexpected end of stream",
        "fin du fichier inattendue : un guillemet, un crochet ou une accolade n'est pas fermé",
    ),
    ("found undefined alias", "alias « * » qui ne renvoie à aucune ancre « & »"),
    ("found duplicate anchor", "la même ancre « & » est déclarée deux fois"),
    (
        "found character that cannot start any token",
        "caractère qui ne peut pas commencer une valeur (@, `, %…) : mettez le texte entre guillemets",
    ),
    ("did not find expected node content", "valeur attendue à cet endroit"),
    ("found unexpected ':'", "deux-points « : » inattendu : mettez le texte entre guillemets"),
    ("another document", "un scénario tient en un seul document : retirez la ligne « --- »"),
    (
        "document indicator",
        "un scénario tient en un seul document : retirez la ligne « --- » ou « ... »",
    ),
    ("<document start>", "un scénario tient en un seul document : retirez la ligne « --- »"),
    ("mapping keys are not allowed", "clé inattendue : vérifiez l'indentation"),
    (
        "did not find expected comment or line break",
        "texte en trop après la valeur : mettez toute la valeur entre guillemets",
    ),
    ("alphabetic or numeric character", "nom d'ancre ou d'alias invalide après « & » ou « * »"),
    (
        "escape",
        "séquence « \\ » inconnue dans un texte entre guillemets doubles : écrivez « \\\\ » ou utilisez des guillemets simples",
    ),
    ("directive", "ligne « % » inconnue : retirez-la"),
    (
        "did not find expected whitespace or line break",
        "caractère inattendu après « ! », « & » ou « * » : mettez le texte entre guillemets",
    ),
    ("tag", "étiquette « ! » inconnue : mettez le texte entre guillemets"),
    ("indentation indicator", "indicateur de bloc « | » ou « > » mal écrit"),
)
#: Problems best located where the construct started rather than where the parser gave up.
_AT_CONTEXT = ("could not find expected ':'", "found unexpected end of stream")


class Source:
    """Plain data read from a file, with the composed YAML kept to locate values on demand.

    ``Source.known(file, text)`` is a text validated before (``engine.cache``): it parsed then,
    and parsing is a pure function of the text and of this module (part of the cache's key),
    so it is parsed again only if its data or a position is asked for (a diagnostic to
    locate). A valid scenario then loads without composing its YAML: a third of loading a
    thousand-puzzle file, and of ``declic play``'s start.
    """

    def __init__(self, file: str, data: Any, text: str = "", root: yaml.Node | None = None) -> None:
        self.file = file
        self.text = text
        self._data = data
        self._root = root

    @classmethod
    def known(cls, file: str, text: str) -> Source:
        """A source whose text is parsed on first use (see the class docstring)."""
        return cls(file, _LATER, text)

    def _parse_now(self) -> None:
        if self._data is not _LATER:
            return
        try:
            parsed = parse_decoded(self.text, self.file)
        except SourceError:  # cannot happen for a text that parsed before: nowhere to point
            self._data, self._root = {}, None
            return
        self._data, self._root = parsed._data, parsed._root

    @property
    def data(self) -> Any:
        self._parse_now()
        return self._data

    @property
    def root(self) -> yaml.Node | None:
        self._parse_now()
        return self._root

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position (1-based line, column) of the value at ``path``, or of its key.

        When ``path`` does not exist (a missing field), the closest existing parent is given.
        """
        node = self.root
        if node is None:
            return (1, 1)
        best = _mark(node)
        for element in path:
            child: yaml.Node | None = None
            key_node: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == str(element):
                        key_node, child = k, v
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(element, int)
                and 0 <= element < len(node.value)
            ):
                child = node.value[element]
            if child is None:
                return best
            node = child
            best = _mark(key_node) if key and key_node is not None else _mark(child)
        return _mark(node) if not key else best


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Composing YAML and validating it allocate hundreds of thousands of objects and no cycles
    worth collecting; the collector's repeated full passes made loading several times slower.
    Memory stays bounded because files are at most ``MAX_BYTES``.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class SourceError(Exception):
    """The file cannot be turned into data; carries the diagnostic to print."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_source(path: Path) -> Source:
    """Read and parse ``path``; raise ``SourceError`` with a located diagnostic."""
    name = str(path)
    return parse_text(_read_bytes(path, name), name)


def _read_bytes(path: Path, name: str) -> bytes:

    def fail(code: str, message: str, line: int = 1, col: int = 1, hint: str = "") -> SourceError:
        return SourceError(Diagnostic(name, line, col, code, message, hint))

    try:
        if path.is_dir():
            raise fail(
                "E001",
                "c'est un dossier, pas un fichier",
                hint="Donnez le chemin du fichier .yaml qui est dans ce dossier.",
            )
        if not path.is_file():
            raise fail("E001", "fichier introuvable", hint=_not_found_hint(path))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail("E002", f"fichier trop gros ({size / 1e6:.1f} Mo, maximum 5 Mo)")
        return path.read_bytes()
    except OSError as exc:
        raise fail("E001", f"lecture impossible : {os_reason(exc)}") from None


def _not_found_hint(path: Path) -> str:
    """A bare name (``declic play cusine``) was meant as a shipped scenario: list them."""
    if path.suffix in (".yaml", ".yml") or len(path.parts) != 1:
        return ""
    from engine.shipped import shipped_scenarios  # only for this message

    names = [p.stem for p in shipped_scenarios()]
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    guess = f"Vouliez-vous dire « {close[0]} » ? " if close else ""
    return (
        f"{guess}Ce n'est ni un fichier ni un scénario livré ({', '.join(names)}). "
        "Un fichier se donne avec son chemin : mon-jeu/mon-jeu.yaml."
    )


def parse_text(raw: bytes, name: str) -> Source:
    """Parse bytes already read (also used for text typed in the hot-reload editor)."""
    return parse_decoded(decode_text(raw, name), name)


def read_text(path: Path) -> str:
    """The text of ``path``, checked as ``read_source`` checks it, not parsed yet."""
    name = str(path)
    return decode_text(_read_bytes(path, name), name)


def decode_text(raw: bytes, name: str) -> str:
    """The text of a file's bytes: size, encoding and emptiness checked."""

    def fail(code: str, message: str, line: int = 1, col: int = 1, hint: str = "") -> SourceError:
        return SourceError(Diagnostic(name, line, col, code, message, hint))

    if len(raw) > MAX_BYTES:
        raise fail("E002", f"fichier trop gros ({len(raw) / 1e6:.1f} Mo, maximum 5 Mo)")
    text = _decode(raw, fail)
    if not text.strip():
        raise fail("E009", "le fichier est vide")
    return text


def parse_decoded(text: str, name: str) -> Source:
    """Parse a text checked by ``decode_text``."""
    with paused_gc():
        return _parse(text, name)


def _parse(text: str, name: str) -> Source:

    def fail(code: str, message: str, line: int = 1, col: int = 1, hint: str = "") -> SourceError:
        return SourceError(Diagnostic(name, line, col, code, message, hint))

    try:
        node = yaml.compose(text, Loader=_FastLoader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, fail) from None
    except ReaderError as exc:
        line, col = _text_line_col(text, exc.position)
        raise fail(
            "E004",
            f"caractère invisible interdit (code U+{exc.character:04X})",
            line,
            col,
            "Supprimez ce caractère (souvent copié depuis un traitement de texte) ou retapez le texte.",
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error we know is marked
        raise fail("E004", f"le YAML ne peut pas être lu (détail technique : {exc})") from None
    except RecursionError:  # the pure-Python parser on very deep nesting
        raise fail("E006", "imbrication trop profonde") from None
    if node is None:
        raise fail(
            "E009",
            "le fichier ne contient aucune donnée",
            hint="Le fichier ne contient que des commentaires : ajoutez le contenu du scénario.",
        )
    data = _Builder(fail, anchors="&" in text).build(node, 0)
    if not isinstance(data, dict):
        raise fail("E009", "le premier niveau doit être une suite de « clé: valeur »", *_mark(node))
    return Source(name, data, text, node)


def _decode(raw: bytes, fail: Callable[..., SourceError]) -> str:
    """UTF-8 text (a BOM is fine); anything else is refused with what it probably is."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise fail(
                "E003",
                f"ce fichier n'est pas un texte : c'est {what}",
                hint="Donnez le fichier .yaml du scénario (un texte), pas une image ou un document.",
            )
    for bom, encoding in _UTF16_32:
        if raw.startswith(bom):
            raise fail("E003", f"fichier enregistré en {encoding}")
    if b"\x00" in raw:
        line, col = _line_col(raw, raw.index(b"\x00"))
        raise fail(
            "E003", "le fichier contient des octets nuls : ce n'est pas un texte UTF-8", line, col
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        raise fail(
            "E003",
            "caractère qui n'est pas de l'UTF-8 (fichier enregistré en Latin-1 ou Windows-1252 ?)",
            line,
            col,
        ) from None


def _syntax_error(
    exc: yaml.MarkedYAMLError, text: str, fail: Callable[..., SourceError]
) -> SourceError:
    problem = exc.problem or exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and any(p in problem for p in _AT_CONTEXT):
        mark = exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "\t" in problem or "tab" in problem.lower() or _tab_near(text, line):
        tab = _first_tab(text, line)
        return fail("E005", "tabulation utilisée pour indenter", *(tab or (line, col)))
    if "nesting depth" in problem or "depth" in problem:
        return fail("E006", "imbrication trop profonde", line, col)
    quote = _unclosed_quote(text, line)
    if quote is not None:
        return fail(
            "E004",
            "guillemet non fermé",
            quote,
            1,
            "Fermez le guillemet à la fin du texte, sur la même ligne.",
        )
    french = next((fr for en, fr in _PROBLEMS if en in problem), None)
    if french is None:
        return fail(
            "E004",
            "le YAML ne peut pas être lu ici : comparez cette ligne avec un scénario d'exemple",
            line,
            col,
        )
    return fail("E004", french, line, col)


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _text_line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _tab_near(text: str, line: int) -> bool:
    lines = text.splitlines()
    window = lines[max(0, line - 2) : line + 1]
    return any(item[: len(item) - len(item.lstrip())].count("\t") for item in window)


def _first_tab(text: str, line: int) -> tuple[int, int] | None:
    """Where the tab used as indentation is, near ``line``."""
    lines = text.splitlines()
    for number in range(max(1, line - 1), min(len(lines), line + 1) + 1):
        item = lines[number - 1]
        indent = item[: len(item) - len(item.lstrip())]
        if "\t" in indent:
            return number, indent.index("\t") + 1
    return None


_QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^#]*?:\s+)?'""")


def _unclosed_quote(text: str, upto: int) -> int | None:
    """The line of a quote opened and never closed before line ``upto``, if any.

    Double quotes are paired line by line (a multi-line quoted text opens and closes on two
    lines); single quotes only count when they start the value, because French text is full
    of apostrophes.
    """
    opened: int | None = None
    for number, line in enumerate(text.splitlines()[:upto], start=1):
        if line.lstrip().startswith("#"):
            continue
        if len(re.findall(r'(?<!\\)"', line)) % 2:
            if opened is not None:
                opened = None
            else:
                before = line[: line.index('"')].rstrip()
                if not before or before.endswith(_VALUE_STARTS):
                    opened = number
        elif opened is None:
            start = _QUOTED_START.match(line)
            if start is not None and "'" not in line[start.end() :].replace("''", ""):
                return number
    return opened


#: What comes before a quote that starts a value (``key: "``, ``- "``, ``[a, "``…).
_VALUE_STARTS = (":", "-", "[", "{", ",")


class _FastLoader(_Loader):
    """PyYAML's loader without YAML 1.1 tag resolution: ``_Builder`` resolves plain scalars."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


class _Builder:
    """Turns composed YAML nodes into plain data, counting values to stop alias bombs.

    A node reached twice is an alias: its data is built once and shared, and its size is added
    again, so an alias bomb is refused after a few steps without ever being expanded. A text
    without « & » declares no anchor, so no node can be reached twice: ``anchors=False`` skips
    that bookkeeping (a fifth of the time of building a large scenario).
    """

    def __init__(self, fail: Callable[..., SourceError], *, anchors: bool = True) -> None:
        self.fail = fail
        self.anchors = anchors
        self.count = 0
        self.built: dict[int, tuple[Any, int]] = {}
        self.building: set[int] = set()

    def build(self, node: yaml.Node, depth: int) -> Any:
        if node.tag not in _EXPLICIT_OK and node.tag != _PLAIN:
            raise self.fail(
                "E004",
                f"étiquette YAML « {node.tag.replace(_CORE, '!!')} » interdite dans un scénario",
                *_mark(node),
                "Retirez l'étiquette (le mot qui commence par « ! »).",
            )
        if isinstance(node, yaml.ScalarNode):
            self.count += 1
            return _scalar(node)
        if not self.anchors:
            return self.collection(node, depth)
        key = id(node)
        known = self.built.get(key)
        if known is not None:  # an alias: shared, but counted as if expanded
            self.count += known[1]
            if self.count > MAX_NODES:
                raise self.fail(
                    "E007",
                    f"document démesuré : l'ancre déclarée ici est répétée trop de fois (plus de {MAX_NODES:_} valeurs)".replace(
                        "_", " "
                    ),
                    *_mark(node),
                )
            return known[0]
        if key in self.building:
            raise self.fail(
                "E007",
                "un alias se contient lui-même (boucle sans fin)",
                *_mark(node),
                "Écrivez l'objet en entier au lieu d'utiliser un alias.",
            )
        self.building.add(key)
        before = self.count
        value = self.collection(node, depth)
        self.building.discard(key)
        self.built[key] = (value, self.count - before)
        return value

    def collection(self, node: yaml.Node, depth: int) -> Any:
        """The list or dict of a sequence or mapping node, counted with what it holds."""
        if depth >= MAX_DEPTH:
            raise self.fail("E006", f"plus de {MAX_DEPTH} niveaux d'imbrication", *_mark(node))
        self.count += 1
        value: Any
        if isinstance(node, yaml.SequenceNode):
            value = [self.build(child, depth + 1) for child in node.value]
        else:
            assert isinstance(node, yaml.MappingNode)
            value = self.mapping(node, depth)
        if self.count > MAX_NODES:
            raise self.fail("E007", "document démesuré (trop de valeurs)", *_mark(node))
        return value

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(
                    "E004",
                    "une clé doit être un simple mot",
                    *_mark(key_node),
                    "Écrivez la clé sur une ligne, suivie de « : ».",
                )
            key = key_node.value
            if key == "<<" and key_node.tag == _PLAIN:
                raise self.fail(
                    "E004",
                    "la fusion « << » n'est pas prise en charge",
                    *_mark(key_node),
                    "Écrivez les clés en entier.",
                )
            if key in result:
                raise self.fail("E008", f"clé « {key} » en double", *_mark(key_node))
            result[key] = self.build(value_node, depth + 1)
        return result


def _scalar(node: yaml.ScalarNode) -> Any:
    """YAML 1.2 core schema for plain scalars; quoted scalars and ``!!str`` stay text."""
    value: str = node.value
    tag = node.tag
    if tag == _STR:
        return value
    if tag == _PLAIN and value and value[0] not in _MAYBE_NOT_TEXT:
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
