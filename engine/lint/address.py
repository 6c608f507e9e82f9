"""One form of address per scenario (``address: tu|vous``): a text players read that speaks
to them the other way is W116.

The detector is small on purpose and errs towards silence: it looks for the pronouns and
possessives (« vous, votre, vos » against « tu, te, t', toi, ton, ta, tes ») and, for
``vous``, an imperative in -ez opening a sentence (« Lisez la fiche »). Words between quotes
(« … », "…") are what a character says to another, not the game to the players: skipped.
A tu imperative (« Lis », « Cherche ») looks like a noun or a verb in the third person, so
it is not looked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from engine.format.scenario import Scenario
from engine.lint.texts import Text, scenario_texts
from engine.lint.titles import Finding

Address = Literal["tu", "vous"]

_WORD = r"(?<![\w'’-])({})(?![\w-])"
_VOUS = re.compile(_WORD.format("vous|votre|vos|vôtre|vôtres"), re.IGNORECASE)
_TU = re.compile(
    r"(?<![\w'’-])(tu|toi|ton|ta|tes)(?![\w'’-])|(?<![\w'’-])(te|t)['’](?=\w)"
    r"|(?<=\w)-(toi|te)(?![\w-])",
    re.IGNORECASE,
)
#: tu imperatives that open a sentence and cannot be a noun there (« Touche ton nom »)
_TU_VERBS = frozenset(
    [
        "touche",
        "choisis",
        "glisse",
        "écris",
        "remplis",
        "appuie",
        "enlève",
        "lis",
        "relis",
        "cherche",
        "regarde",
        "ouvre",
        "trouve",
        "tape",
        "retape",
        "utilise",
        "essaie",
        "prends",
        "fais",
        "mets",
        "vérifie",
        "attends",
        "demande",
        "clique",
        "réfléchis",
        "commence",
        "termine",
    ]
)
_OPENING = re.compile(r"(?:^|[.!?:;…(]\s*|\n\s*|[-–•]\s+)([A-Za-zÀ-ÿ]+)(?![\w'’])")
#: an -ez word opening a sentence is an imperative (« Lisez », « Allez-y »), save these
_NOT_VERBS = frozenset({"chez", "assez", "nez", "rez", "lez", "fez", "lopez", "suez"})
_OPENING_EZ = re.compile(r"(?:^|[.!?:;…(]\s*|\n\s*|[-–•]\s+)([A-Za-zÀ-ÿ]+ez)(?![\w])")
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
_CODE = re.compile(r"`[^`]*`")


def other_form(text: str, address: Address) -> str | None:
    """The first word of ``text`` that speaks to players in the form that is not
    ``address``, or None: « Lisez » in a tu scenario, « ton » in a vous scenario."""
    plain = text  # most texts quote nothing: no substitution then (same result, cheaper)
    if "«" in plain or "“" in plain or '"' in plain:
        plain = _QUOTED.sub(" ", plain)
    if "`" in plain:
        plain = _CODE.sub(" ", plain)
    if address == "tu":
        found = _VOUS.search(plain)
        if found:
            return found.group(0)
        if "ez" not in plain:  # what ``_OPENING_EZ`` needs (it is case-sensitive)
            return None
        for match in _OPENING_EZ.finditer(plain):
            if match.group(1).casefold() not in _NOT_VERBS:
                return match.group(1)
        return None
    found = _TU.search(plain)
    if found:
        return found.group(0)
    for match in _OPENING.finditer(plain):
        if match.group(1).casefold() in _TU_VERBS:
            return match.group(1)
    return None


def address_findings(scenario: Scenario, texts: list[Text] | None = None) -> Iterator[Finding]:
    """W116 for each player text that uses the other form of address than ``address:``
    (``texts``: the scenario's, when the caller has read them already)."""
    address: Address = scenario.address
    other = "vous" if address == "tu" else "tu"
    seen: dict[str, str | None] = {}  # labels and hints repeat: each text is read once
    for path, text, facilitator in scenario_texts(scenario) if texts is None else texts:
        if facilitator:  # the sheet, what to look for…: not the game speaking to players
            continue
        word = seen[text] if text in seen else seen.setdefault(text, other_form(text, address))
        if word is not None:
            shown = text if len(text) <= 90 else text[:87] + "…"
            yield (
                path,
                "W116",
                f"« {word} » : ce texte dit « {other} » aux joueurs, le scénario dit "
                f"« {address} » (address: {address}) : « {shown} »",
                f"Écrivez tout le scénario en « {address} » (« {_EXAMPLE[address]} »), ou "
                f"changez « address: » en haut du fichier.",
            )


_EXAMPLE = {
    "tu": "Lis la fiche, tu trouveras ton code",
    "vous": "Lisez la fiche, vous trouverez votre code",
}
