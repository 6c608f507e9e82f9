"""Turn pydantic's validation errors into located, French diagnostics with a fix.

pydantic reports a ``loc`` such as ``("puzzles", 2, "code", "answr")`` where ``"code"`` is the
union tag, not a YAML key. We walk the format's types along the ``loc`` to drop such tags, to
find the YAML path, and to know which keys were allowed (for "did you mean").
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from engine.diagnostics import Diagnostic
from engine.format.conditions import CONDITION_TYPES
from engine.format.effects import EFFECT_TYPES
from engine.load.yaml_source import Path_, Source
from engine.puzzles.base import VariantError
from engine.puzzles.registry import PUZZLE_TYPES
from engine.typography import counted

_TYPE_NAMES = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier",
    "float_type": "un nombre",
    "float_parsing": "un nombre",
    "bool_type": "vrai ou faux (true / false)",
    "bool_parsing": "vrai ou faux (true / false)",
    "list_type": "une liste (lignes commençant par « - »)",
    "tuple_type": "une liste de nombres, comme [0.1, 0.2, 0.3, 0.2]",
    "dict_type": "un bloc de « clé: valeur »",
    "model_type": "un bloc de « clé: valeur »",
    "model_attributes_type": "un bloc de « clé: valeur »",
}


def suggest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The closest known word, if one is close enough to be a typo."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    best = suggest(word, choices)
    return f" — vouliez-vous dire « {best} » ?" if best else ""


def diagnostics_from(
    error: ValidationError, source: Source, root: type[BaseModel]
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, deduplicated, in file order."""
    found: dict[tuple[int, int, str, str], Diagnostic] = {}
    for detail in error.errors(include_url=False):
        diag = _one(detail, source, root)
        found.setdefault((diag.line, diag.col, diag.code, diag.message), diag)
    return sorted(found.values(), key=lambda d: (d.line, d.col))


def _one(detail: ErrorDetails, source: Source, root: type[BaseModel]) -> Diagnostic:
    path, parent = _yaml_path(detail["loc"], root)
    kind = detail["type"]
    name = next((str(e) for e in reversed(path) if isinstance(e, str)), "")
    value = detail.get("input")

    def at(code: str, message: str, hint: str = "", *, key: bool = False) -> Diagnostic:
        line, col = source.where(path, key=key)
        hint = hint or _FIELD_HINTS.get((parent, name), "")
        return Diagnostic(source.file, line, col, code, message, hint)

    if kind == "extra_forbidden":
        allowed = _fields(parent)
        return at(
            "E010",
            f"clé inconnue « {name} »{did_you_mean(name, allowed)}",
            _allowed_hint(allowed),
            key=True,
        )
    if kind == "missing" and path and isinstance(path[-1], int):  # a tuple written too short
        return at(
            "E012",
            f"« {name} » : il manque des valeurs dans cette liste",
            _TUPLE_HINT.get(name, ""),
        )
    if kind == "missing":
        return at(
            "E011", f"champ obligatoire « {name} » manquant", f"Ajoutez « {name}: … » à ce bloc."
        )
    if kind in ("unknown_condition", "unknown_effect"):
        table = CONDITION_TYPES if kind == "unknown_condition" else EFFECT_TYPES
        code = "E019" if kind == "unknown_condition" else "E020"
        unknown, block = (
            ("condition inconnue", "un bloc de condition")
            if code == "E019"
            else ("effet inconnu", "un bloc d'effet")
        )
        if isinstance(value, dict) and len(value) == 1:
            key = str(next(iter(value)))
            return at(code, f"{unknown} « {key} »{did_you_mean(key, table)}")
        if isinstance(value, dict) and len(value) > 1:
            keys = ", ".join(str(k) for k in value)
            hint = (
                "Écrivez un bloc par condition, ou combinez-les avec « all: [...] »."
                if code == "E019"
                else "Écrivez un effet par ligne « - »."
            )
            return at(code, f"{block} doit avoir une seule clé (ici : {keys})", hint)
        return at(
            code, f"{block} s'écrit « clé: valeur », comme « {next(iter(table))}: … »{_got(value)}"
        )
    if kind == "union_tag_invalid":
        tag = str(detail.get("ctx", {}).get("tag", value))
        if isinstance(value, dict) and "type" in value:
            path = (*path, "type")
        if tag == "None":
            return at("E021", "le type de l'énigme est vide")
        return at("E021", f"type d'énigme inconnu « {tag} »{did_you_mean(tag, PUZZLE_TYPES)}")
    if kind == "union_tag_not_found":
        return at(
            "E011",
            "champ obligatoire « type » manquant",
            f"Ajoutez « type: {_FIRST_TYPE} » (ou {_OTHER_TYPES}).",
        )
    if kind in _TYPE_NAMES:
        return at("E012", f"« {name} » doit être {_TYPE_NAMES[kind]}{_got(value)}")
    if path == ("format",):
        return at("E024", f"version de format « {value} » inconnue", "Mettez « format: 1 ».")
    return at("E013", f"« {name} » : {_french(detail)}", key=kind in ("too_short", "too_long"))


def _variant_words(detail: ErrorDetails) -> str:
    """What is wrong with one field of a question pool's variant, in French."""
    kind = detail["type"]
    if kind in _TYPE_NAMES:
        return f"doit être {_TYPE_NAMES[kind]}{_got(detail.get('input'))}"
    if kind == "missing":
        return "champ obligatoire manquant"
    if kind == "extra_forbidden":
        return "clé inconnue pour ce type d'énigme"
    return _french(detail)


def _got(value: Any) -> str:
    if isinstance(value, bool):
        return " (reçu : true/false)"
    if isinstance(value, int | float):
        return f" (reçu : le nombre {value})"
    if isinstance(value, str):
        return f" (reçu : « {value[:40]} »)"
    if isinstance(value, list):
        return " (reçu : une liste)"
    if isinstance(value, dict):
        return " (reçu : un bloc « clé: valeur »)"
    return ""


def _french(detail: ErrorDetails) -> str:
    kind, ctx = detail["type"], detail.get("ctx", {})
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "a-z0-9" in pattern:
            return "un identifiant s'écrit en minuscules sans accent ni espace (lettres, chiffres, _ et -), par ex. « porte_cuisine »"
        if "A-N" in pattern:
            return "un code ROME s'écrit comme « G1602 » (une lettre et quatre chiffres)"
        if "#" in pattern:
            return "une couleur s'écrit comme « #1d3557 »"
        if "0-9A-Za-z" in pattern:
            return "un code s'écrit avec 1 à 12 chiffres ou lettres, sans espace ni tiret, par ex. « 0472 »"
        return "forme invalide"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " ou ").replace("True", "true")
        return f"valeur non permise ; choisissez parmi {expected}"
    if kind == "too_short":
        return f"il faut au moins {_elements(ctx.get('min_length'))} (ici : {ctx.get('actual_length')})"
    if kind == "too_long":
        return (
            f"il faut au plus {_elements(ctx.get('max_length'))} (ici : {ctx.get('actual_length')})"
        )
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()), "")
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)  # "au moins 0", not "au moins 0.0"
        return (
            f"nombre hors limites : il doit être {_BOUNDS[kind]} {limit}{_got(detail.get('input'))}"
        )
    if kind == "finite_number":
        return "nombre trop grand ou impossible (infini, « nan »)"
    if kind == "string_too_short":
        return "ne doit pas être vide"
    if kind == "string_too_long":
        return f"texte trop long ({ctx.get('max_length')} caractères au plus)"
    if kind == "value_error":
        raised = ctx.get("error")
        if isinstance(raised, VariantError) and raised.detail is not None:
            return f"{raised.where} : {_variant_words(raised.detail)}"
        error = str(raised if raised is not None else detail["msg"])
        return _VALIDATORS.get(error, error)
    return f"valeur invalide (détail technique : {detail['msg']})"


_BOUNDS = {
    "greater_than": "plus grand que",
    "greater_than_equal": "au moins",
    "less_than": "plus petit que",
    "less_than_equal": "au plus",
}

#: The format's own checks (``engine.format`` validators), in French.
_VALIDATORS = {
    "min must not be greater than max": "« min » ne doit pas dépasser « max »",
    "give exactly one of 'file' or 'draw'": "donnez soit « file » (un fichier image), soit « draw » (un dessin), mais pas les deux",
    "give a 'town' or both 'lat' and 'lon'": "donnez une ville (« town ») ou bien « lat » et « lon »",
    "a locked exit needs an 'id' so that an 'unlock' effect can name it": "une sortie verrouillée a besoin d'un « id », pour qu'un effet « unlock » puisse l'ouvrir",
}

#: Hints for fields whose mistakes need more than the catalogue's general fix, by (model, key).
_FIRST_TYPE, *_others = PUZZLE_TYPES
_OTHER_TYPES = ", ".join(_others)

_FIELD_HINTS: dict[tuple[Any, str], str] = {
    (unit.model, name): hint
    for unit in PUZZLE_TYPES.values()
    for name, hint in unit.field_hints.items()
}

_TUPLE_HINT = {
    "area": "Une zone s'écrit [x, y, largeur, hauteur] en fractions de l'image, par ex. [0.1, 0.2, 0.3, 0.2].",
    "rect": "Une zone s'écrit [x, y, largeur, hauteur] en fractions de l'image, par ex. [0.1, 0.2, 0.3, 0.2].",
    "at": "Une position s'écrit [x, y] en fractions de l'image, par ex. [0.5, 0.5].",
    "gradient": 'Un dégradé s\'écrit avec deux couleurs, par ex. ["#1d3557", "#457b9d"].',
}


def _allowed_hint(allowed: list[str]) -> str:
    return "Clés permises ici : " + ", ".join(allowed) if allowed else ""


def _yaml_path(loc: tuple[int | str, ...], root: type[BaseModel]) -> tuple[Path_, Any]:
    """Drop union tags from ``loc``; also return the type that holds the last element."""
    path: list[str | int] = []
    current: Any = root
    parent: Any = root
    for element in loc:
        current = _unwrap(current)
        parent = current
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field(current, str(element))
            path.append(element)
            current = field.annotation if field is not None else None
            continue
        origin = typing.get_origin(current)
        if origin in (list, tuple) and isinstance(element, int):
            path.append(element)
            args = typing.get_args(current)
            current = args[0] if args else None
            continue
        if _is_union(current):
            current = _member(current, str(element))
            continue
        path.append(element)
        current = None
    return tuple(path), _unwrap(parent) if not _is_union(_unwrap(current)) else parent


def _unwrap(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if _is_union(tp):
        members = [m for m in typing.get_args(tp) if m is not type(None)]
        if len(members) == 1:
            return _unwrap(members[0])
    return tp


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _member(tp: Any, tag: str) -> Any:
    for member in typing.get_args(tp):
        model = _unwrap(member)
        if typing.get_origin(member) is typing.Annotated:
            for meta in typing.get_args(member)[1:]:
                if getattr(meta, "tag", None) == tag:
                    return model
        if isinstance(model, type) and issubclass(model, BaseModel):
            type_field = model.model_fields.get("type")
            if type_field is not None and tag in typing.get_args(type_field.annotation):
                return model
    return None


def _field(model: type[BaseModel], name: str) -> Any:
    for key, field in model.model_fields.items():
        if name in (key, field.alias):
            return field
    return None


def _fields(model: Any) -> list[str]:
    model = _unwrap(model)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [field.alias or key for key, field in model.model_fields.items()]
    return []


def _elements(n: object) -> str:
    """« 1 élément », « 3 éléments » (pydantic's bounds are ints; anything else is shown as is)."""
    return counted(n, "élément") if isinstance(n, int) else f"{n} éléments"
