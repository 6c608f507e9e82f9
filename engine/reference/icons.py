"""Icon names an author may write: Déclic's hand-drawn icons first, then the OpenMoji pictograms.

Pure (no pygame), so that ``declic check`` and ``declic icons`` work where pygame cannot be
imported. The OpenMoji index (``assets/icons/openmoji.tsv``) is derived by
``assets/icons/derive.py``; the hand-drawn names (``assets/icons/hand-drawn.txt``) are kept in
step with ``engine/player/icons.py`` by a test. A pictogram answers to its English name
(``safety-vest``), its French name (``gilet-de-securite``) or its code point (``1F9BA``).
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

from . import assets_dir


@dataclass(frozen=True)
class Pictogram:
    """One OpenMoji pictogram of the index."""

    name: str
    nom: str
    hexcode: str
    group: str
    keywords: tuple[str, ...]


def fold(text: str) -> str:
    """Lower case without accents, so that « sécurité » finds « securite »."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def hand_drawn() -> tuple[str, ...]:
    """The names drawn by ``engine.player.icons`` (they win over a pictogram of the same name)."""
    text = (assets_dir() / "icons" / "hand-drawn.txt").read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line)


@functools.cache
def pictograms() -> tuple[Pictogram, ...]:
    with (assets_dir() / "icons" / "openmoji.tsv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            Pictogram(r["name"], r["nom"], r["hexcode"], r["group"], tuple(r["keywords"].split()))
            for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        )


@functools.cache
def _by_name() -> dict[str, Pictogram]:
    found: dict[str, Pictogram] = {}
    for p in pictograms():
        for key in (p.hexcode.lower(), p.nom, p.name):
            if key:
                found[key] = p
    return found


def read_ahead() -> None:
    """Read the pictograms' table now (2,300 rows, tens of milliseconds), not at the first
    icon looked up, in the middle of a frame."""
    _by_name()


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def pictogram(name: str) -> Pictogram | None:
    """The OpenMoji pictogram an icon name means, or None (hand-drawn names are not looked up)."""
    if name in hand_drawn():
        return None
    return _by_name().get(_key(name))


def is_known(name: str) -> bool:
    return name in hand_drawn() or pictogram(name) is not None


def suggestions(name: str, n: int = 3) -> list[str]:
    """Close names (typos), then pictograms whose keywords hold the name's words."""
    names = list(
        dict.fromkeys(
            [*hand_drawn(), *(k for k in _by_name() if not re.fullmatch(r"[0-9a-f-]+", k))]
        )
    )
    key = _key(name)
    close = [d for d in hand_drawn() if d.startswith(key.replace("-", "_"))][:n]
    close += difflib.get_close_matches(key, names, n=n, cutoff=0.8)
    for word in re.split(r"[^a-z0-9]+", fold(name)):
        # « scanner » finds nothing, its start « scan » finds the barcode and the QR code.
        for query in (word, word[:4]) if len(word) >= 4 else (word,):
            if len(close) < n:
                close += [f for f in search(query, limit=n) if f not in close][: n - len(close)]
    return list(dict.fromkeys(close))[:n]


def search(word: str = "", limit: int | None = None) -> list[str]:
    """Names matching ``word`` (accents and case ignored): hand-drawn first, then pictograms.

    A pictogram matches when a word of its names or keywords starts with ``word``; those whose
    name itself matches come first. With no word, every name.
    """
    query = fold(word).strip()
    if not query:
        found = list(hand_drawn()) + [p.name for p in pictograms() if p.name not in hand_drawn()]
        return found[:limit] if limit else found
    words = [w for w in re.split(r"[^a-z0-9]+", query) if w]
    drawn = [n for n in hand_drawn() if all(w in fold(n) for w in words)]
    named, tagged = [], []
    for p in pictograms():
        if p.name in hand_drawn():
            continue  # shadowed: the hand-drawn icon of that name is drawn
        name_words = (p.name + "-" + p.nom).split("-")
        if all(any(t.startswith(w) for t in name_words) for w in words):
            named.append(p.name)
        elif all(any(t.startswith(w) for t in p.keywords) for w in words):
            tagged.append(p.name)
    found = drawn + named + tagged
    return found[:limit] if limit else found


#: Pictograms shown on the contact sheet of docs/icons.md: things of workplaces and jobs.
SHEET = (
    "safety-vest", "rescue-worker-s-helmet", "gloves", "hiking-boot", "delivery-truck",
    "articulated-lorry", "tractor", "package", "barcode", "qr-code", "clipboard", "laptop",
    "mobile-phone", "toolbox", "hammer", "wrench", "ladder", "brick", "factory", "construction",
    "fire-extinguisher", "stethoscope", "syringe", "test-tube", "broom", "scissors", "cook",
    "shopping-cart", "light-bulb", "battery", "gear", "magnet",
)  # fmt: skip

GROUP_TITLES = {
    "objects": "Objets",
    "travel-places": "Lieux et transports",
    "people-body": "Personnes et métiers",
    "food-drink": "Nourriture et boissons",
    "animals-nature": "Animaux et nature",
    "activities": "Activités",
    "symbols": "Symboles",
    "smileys-emotion": "Visages et émotions",
    "flags": "Drapeaux",
    "extras-openmoji": "Extras OpenMoji",
}


def catalogue_markdown() -> str:
    """docs/icons.md: every name an author may write in ``icon:``, hand-drawn first."""
    lines = [
        "# Les icônes",
        "",
        "Ce fichier est généré par `python -m engine.reference.icons`; ne le modifiez pas à la main.",
        "",
        "Dans un scénario, `icon:` (objet, point d'intérêt, accessoire d'un dessin) prend un nom de",
        "cette page. Les icônes **dessinées** par Déclic passent en premier ; sinon, un",
        "**pictogramme OpenMoji** est dessiné : écrivez son nom anglais (`safety-vest`), son nom",
        "français (`gilet-de-securite`) ou son code (`1F9BA`). Un nom inconnu donne l'avertissement",
        "`W120` dans `declic check`, avec des propositions, et une tuile avec sa lettre en jeu.",
        "",
        "Chercher depuis le terminal (français ou anglais, accents ignorés) :",
        "",
        "```sh",
        "declic icons gilet",
        "declic icons camion",
        "```",
        "",
        "![Quelques pictogrammes OpenMoji des métiers](icons-apercu.png)",
        "",
        "Pictogrammes OpenMoji (https://openmoji.org/), conçus par OpenMoji, le projet",
        "d'emojis et d'icônes libres, sous licence CC BY-SA 4.0.",
        "",
        "**Ce qui manque.** OpenMoji n'a pas de chariot élévateur (cariste, logistique) : prenez",
        "l'icône dessinée `chariot`, qui en est un. Attention, le pictogramme OpenMoji dont le nom",
        "français est « chariot » (`shopping-cart`) est un chariot de supermarché.",
        "",
        f"## Icônes dessinées ({len(hand_drawn())})",
        "",
        ", ".join(f"`{n}`" for n in hand_drawn()),
        "",
    ]
    by_group: dict[str, list[Pictogram]] = {}
    for p in pictograms():
        if p.name not in hand_drawn():
            by_group.setdefault(p.group, []).append(p)
    for group, title in GROUP_TITLES.items():
        found = by_group.get(group, [])
        lines += [
            f"## {title} ({len(found)} pictogrammes OpenMoji)",
            "",
            "| nom | nom français | code |",
            "|---|---|---|",
            *(f"| `{p.name}` | {f'`{p.nom}`' if p.nom else ''} | {p.hexcode} |" for p in found),
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    sys.stdout.write(catalogue_markdown())
