"""French typography for what the players read: pure string functions, no pygame.

Why: on a projector an orphan « ! » at a line's start or « » » alone on a line reads as a
mistake, « 3 indice(s) » is hard to read for someone who struggles with reading, and
« Au tour de Les Renards » sounds wrong. The painter calls ``spaced`` on every text it draws;
the locale picks plural forms with ``plural_form`` and messages count with ``counted``; screens name teams with ``with_team``.
"""

from __future__ import annotations

import re
from datetime import date

#: no-break space: every font the player ships has it (OpenDyslexic lacks the narrow U+202F)
NBSP = "\u00a0"

_BEFORE = re.compile(r"[ \u202f]+(?=[;:!?»])")  # a space before ; : ! ? »
_AFTER_OPEN = re.compile(r"«[ \u202f\u00a0]*")  # « then spaces or none
_BEFORE_CLOSE = re.compile(r"(?<=[^\s«])»")  # » glued to the word before it


def spaced(text: str) -> str:
    """Spaces before ; : ! ? and inside « » made unbreakable, so wrapping never leaves a
    mark alone at a line's start; missing spaces inside « » are added. Idempotent, and
    harmless on English (it adds no space before ! or ?)."""
    if not any(c in text for c in ";:!?«»"):
        return text
    text = _BEFORE.sub(NBSP, text)
    text = _AFTER_OPEN.sub("«" + NBSP, text)
    return _BEFORE_CLOSE.sub(NBSP + "»", text)


def plural_form(language: str, n: int) -> str:
    """``one`` or ``other``: in French 0 and 1 take the singular (« 0 indice »)."""
    if language == "fr":
        return "one" if abs(n) < 2 else "other"
    return "one" if n == 1 else "other"


def agree(n: int, one: str, other: str) -> str:
    """``one`` or ``other`` as a French count of ``n`` asks (0 and 1 singular), for the words
    that agree with a count printed elsewhere in the sentence."""
    return one if abs(n) < 2 else other


def counted(n: int, one: str, other: str | None = None) -> str:
    """« 1 carte », « 3 cartes »: a count and its noun agreed, never « carte(s) ». ``other``
    defaults to ``one`` + s; give it for « 2 journaux »."""
    return f"{n} {agree(n, one, one + 's' if other is None else other)}"


_ARTICLES = {"les": ("des", "aux"), "le": ("du", "au"), "la": ("de la", "à la")}
_VOWELS = "aeiouyhàâéèêëîïôûüœAEIOUYHÀÂÉÈÊËÎÏÔÛÜŒ"


def with_team(preposition: str, name: str) -> tuple[str, str]:
    """``(words before, name)`` after « de » or « à », with the article contracted:
    « des | Renards », « du | Lynx », « de la | Meute », « de l' | Équipe »; a name without
    an article becomes « de l'équipe | Bleue »."""
    if preposition not in ("de", "à"):
        raise ValueError(f"préposition inconnue : {preposition}")
    index = 0 if preposition == "de" else 1
    word, _, rest = name.strip().partition(" ")
    article = word.lower()
    if rest and article in _ARTICLES:
        return _ARTICLES[article][index], rest
    for elided in ("l'", "l’"):
        if article.startswith(elided) and len(word) > 2:
            return f"{preposition} l'", name.strip()[2:]
    return f"{preposition} l'équipe", name.strip()


def team_phrase(preposition: str, name: str) -> str:
    """``with_team`` as one phrase: « des Renards », « à l'équipe Bleue »."""
    before, bare = with_team(preposition, name)
    return f"{before}{bare}" if before.endswith("'") else f"{before} {bare}"


_FEMININE = ("la", "une", "cette", "ma", "ta", "sa", "notre", "votre", "leur")
_MASCULINE = ("le", "un", "ce", "cet", "mon", "ton", "son", "du")


def found_by(title: str, who: str) -> str:
    """« La bonne température : trouvée par Sam »: the participle agrees with the title's
    article; a title whose gender its first word does not tell (« L'affiche », « Les
    clés ») is said as an « énigme », which is feminine."""
    first = title.strip().split(" ", 1)[0].lower()
    tail = f" par {who}" if who else ""
    if first in _FEMININE:
        return f"{title} : trouvée{tail}"
    if first in _MASCULINE:
        return f"{title} : trouvé{tail}"
    return f"{title} : énigme résolue{tail}"


_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def month_name(number: int) -> str:
    """« janvier » for 1 … « décembre » for 12 (the dashboards' months)."""
    return _MONTHS[number - 1]


def date_in_words(day: date) -> str:
    """« 1er mars 2026 », « 16 mars 2026 »: no numeric date to decode."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_MONTHS[day.month - 1]} {day.year}"
