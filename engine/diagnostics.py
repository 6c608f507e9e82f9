"""Diagnostics shared by ``declic check`` and ``declic lint``: one catalogue of stable codes.

Every diagnostic prints as ``FILE:LINE:COL: severity[CODE]: message`` followed by a hint line.
The catalogue below is the single place where codes are defined; ``docs/diagnostics.md`` is
generated from it (``python -m engine.diagnostics``) and a test keeps the two in sync.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Literal

from engine.format.conditions import CONDITION_TYPES
from engine.format.effects import EFFECT_TYPES
from engine.format.kinds import SCENARIO_KINDS
from engine.puzzles.registry import PUZZLE_TYPES

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str
    cause: str
    fix: str


_CATALOGUE = [
    # --- reading the file -------------------------------------------------------------------
    Code(
        "E001",
        "error",
        "fichier illisible",
        "Le fichier n'existe pas, est un dossier ou ne peut pas être lu.",
        "Vérifiez le chemin et les droits du fichier.",
    ),
    Code(
        "E002",
        "error",
        "fichier trop gros",
        "Le fichier dépasse la taille maximale d'un scénario (5 Mo).",
        "Découpez le scénario ou retirez les données inutiles (images : mettez-les dans des fichiers à part).",
    ),
    Code(
        "E003",
        "error",
        "encodage invalide",
        "Le fichier n'est pas du texte UTF-8 (fichier binaire, ou enregistré en Latin-1/Windows-1252).",
        "Enregistrez le fichier en UTF-8 (dans VS Code : « Enregistrer avec l'encodage » → UTF-8).",
    ),
    Code(
        "E004",
        "error",
        "syntaxe YAML",
        "Le YAML ne peut pas être lu à cet endroit (deux-points manquant, guillemet non fermé, indentation incohérente…).",
        "Regardez la ligne indiquée et celle d'avant ; comparez avec un scénario d'exemple.",
    ),
    Code(
        "E005",
        "error",
        "tabulation",
        "Une tabulation sert d'indentation ; YAML n'accepte que des espaces.",
        "Remplacez les tabulations par des espaces (2 espaces par niveau).",
    ),
    Code(
        "E006",
        "error",
        "imbrication trop profonde",
        "Le fichier imbrique des listes ou des blocs sur plus de 64 niveaux.",
        "Un scénario n'a jamais besoin d'autant de niveaux : vérifiez l'indentation.",
    ),
    Code(
        "E007",
        "error",
        "trop d'alias",
        "Les ancres et alias (&, *) produisent un document démesuré (« bombe d'alias »).",
        "Écrivez les objets en entier au lieu de multiplier les alias.",
    ),
    Code(
        "E008",
        "error",
        "clé en double",
        "La même clé apparaît deux fois dans un même bloc ; la seconde écraserait la première.",
        "Supprimez ou renommez l'une des deux clés.",
    ),
    Code(
        "E009",
        "error",
        "document vide ou mal formé",
        "Le fichier est vide, ou son premier niveau n'est pas une suite de « clé: valeur ».",
        "Commencez à partir de `declic new scenario` ou d'un scénario d'exemple.",
    ),
    Code(
        "E010",
        "error",
        "clé inconnue",
        "Cette clé n'existe pas à cet endroit du format (faute de frappe, ou mauvais niveau d'indentation).",
        "Utilisez la clé proposée, ou consultez docs/authoring.md pour la liste des champs.",
    ),
    Code(
        "E011",
        "error",
        "champ obligatoire manquant",
        "Un champ nécessaire à cet objet n'est pas renseigné.",
        "Ajoutez le champ indiqué.",
    ),
    Code(
        "E012",
        "error",
        "mauvais type",
        "La valeur n'a pas le type attendu (un texte au lieu d'une liste, un mot au lieu d'un nombre…).",
        "Donnez une valeur du type indiqué ; mettez les textes entre guillemets en cas de doute.",
    ),
    Code(
        "E013",
        "error",
        "valeur invalide",
        "La valeur a le bon type mais n'est pas permise (identifiant avec majuscules ou espaces, nombre hors limites, choix inconnu…).",
        "Respectez la forme indiquée dans le message.",
    ),
    Code(
        "E014",
        "error",
        "référence inconnue",
        "Un identifiant cité (scène, objet, énigme, fin…) n'est défini nulle part.",
        "Corrigez l'identifiant (l'identifiant existant le plus proche est proposé) ou créez l'objet.",
    ),
    Code(
        "E015",
        "error",
        "identifiant en double",
        "Deux objets de même sorte portent le même identifiant.",
        "Donnez à chacun un identifiant unique.",
    ),
    Code(
        "E016",
        "error",
        "compétence inconnue",
        "La compétence citée n'est pas dans le référentiel de compétences du scénario.",
        "Utilisez un identifiant du référentiel (voir assets/skills/savoir-etre.yaml), par ex. `equipe`, `rigueur`.",
    ),
    Code(
        "E017",
        "error",
        "fichier d'image ou de son introuvable",
        "Le fichier cité n'existe pas à côté du scénario.",
        "Vérifiez le nom du fichier (majuscules comprises) ou utilisez un dessin `draw:`.",
    ),
    Code(
        "E018",
        "error",
        "chemin hors du dossier",
        "Le chemin d'un fichier sort du dossier du scénario (`..`, chemin absolu).",
        "Placez le fichier dans le dossier du scénario et citez-le par un chemin relatif.",
    ),
    Code(
        "E019",
        "error",
        "condition inconnue",
        f"Ce bloc n'est pas une condition connue ({', '.join(CONDITION_TYPES)}).",
        "Écrivez une seule clé de condition par bloc, comme `{has: cle}`.",
    ),
    Code(
        "E020",
        "error",
        "effet inconnu",
        f"Ce bloc n'est pas un effet connu ({', '.join(EFFECT_TYPES)}).",
        "Écrivez une seule clé d'effet par bloc, comme `{give: cle}`.",
    ),
    Code(
        "E021",
        "error",
        "type d'énigme inconnu",
        "Le champ `type` d'une énigme n'est pas un type connu.",
        f"Choisissez parmi : {', '.join(PUZZLE_TYPES)}.",
    ),
    Code(
        "E022",
        "error",
        "incohérent avec le genre du scénario",
        f"Le scénario ne respecte pas une règle de son genre ({', '.join(SCENARIO_KINDS)}) : lieu sans position, équipes manquantes…",
        "Suivez l'indication du message ; docs/authoring.md décrit chaque genre.",
    ),
    Code(
        "E023",
        "error",
        "ville inconnue",
        "La ville citée n'est pas une des villes de la carte de Normandie du tour (le message les liste).",
        "Utilisez une ville de la carte, ou donnez `lat` et `lon`.",
    ),
    Code(
        "E024",
        "error",
        "version de format non prise en charge",
        "Le champ `format` annonce une version que ce Déclic ne sait pas lire.",
        "Mettez `format: 1` ou mettez Déclic à jour.",
    ),
    Code(
        "E025",
        "error",
        "parcours invalide",
        "Une étape du parcours (walkthrough) n'est pas une action connue ou cite un joueur inconnu.",
        "Écrivez chaque étape comme `{player: p1, use: frigo}` (voir docs/authoring.md).",
    ),
    Code(
        "E026",
        "error",
        "document d'un calcul invalide",
        "Le `document` d'une énigme `calculation` (`clue: {document: …}`) n'existe pas, n'a pas de texte, ou son texte n'écrit pas un des nombres des données (`givens`) ; ou `document:` est donné à une énigme qui n'est pas un calcul.",
        "Nommez un objet ou un point d'intérêt avec un `text:` où chaque nombre des données est écrit (250, 62,5 ou 1 500).",
    ),
    Code(
        "E120",
        "error",
        "identifiant inconnu dans un parcours",
        "Une étape du parcours (walkthrough) cite un lieu, un point, un objet ou une énigme que le scénario n'a pas.",
        "Corrigez l'identifiant de l'étape (le message propose le plus proche), puis relancez `declic check`.",
    ),
    Code(
        "W116",
        "warning",
        "tutoiement et vouvoiement mélangés",
        "Un texte que les joueurs lisent leur parle dans l'autre forme que celle du scénario (`address: vous`, par défaut, ou `address: tu`) : « vous, votre, vos », un impératif en -ez (« Lisez ») dans un scénario en « tu » ; « tu, ton, ta, tes, toi, te » ou un impératif comme « Touche », « Choisis » dans un scénario en « vous ». Les paroles entre guillemets (« … ») ne comptent pas.",
        "Écrivez tout le scénario dans une seule forme, ou changez `address:` en haut du fichier ; les textes du jeu lui-même (boutons, consignes) suivent `address:`.",
    ),
    Code(
        "W120",
        "warning",
        "icône inconnue",
        "Le champ `icon` (ou l'image d'une carte : `picture`, `left_picture`, `right_picture`) ne nomme ni une icône dessinée par Déclic ni un pictogramme OpenMoji : une tuile à lettre sera dessinée.",
        "Cherchez un nom avec `declic icons MOT` (par exemple `declic icons chariot`) ou voyez docs/icons.md.",
    ),
    Code(
        "W121",
        "warning",
        "objet donné qui ne sert nulle part",
        "Un effet `give:` donne l'objet aux joueurs, mais rien ne s'en sert : aucun point d'intérêt ne le demande (`needs_item`), aucune sortie (`requires_items`), aucune condition (`has:`), aucune combinaison ni énigme ; l'examiner ne fait rien.",
        "Faites-le servir, retirez-le, ou écrivez `keepsake: true` dans l'objet si c'est un souvenir voulu (les joueurs le gardent, le lint ne le signale plus).",
    ),
    Code(
        "W122",
        "warning",
        "énigme qui ne change rien",
        "Résoudre l'énigme ne donne ni points ni compétence, ne déplace pas l'équipe, n'ouvre rien et ne donne rien qui serve ; aucune condition ne lit qu'elle est résolue.",
        "Donnez-lui un effet utile (`give:` d'un objet qui sert, `unlock:`, `set:` d'un drapeau lu), des `points` ou des `skills`, ou retirez-la.",
    ),
    Code(
        "W123",
        "warning",
        "point d'intérêt qui ne change rien",
        "Toucher le point d'intérêt n'affiche aucun texte, n'ouvre aucune énigme et ne change rien qui compte : ni objet qui sert, ni drapeau lu, ni ouverture, ni points, ni déplacement. Les joueurs touchent et rien ne se passe.",
        "Donnez-lui un `text:`, une énigme (`puzzle:`) ou un effet utile (`give:`, `unlock:`, `set:` d'un drapeau lu, `go:`), ou retirez-le.",
    ),
    Code(
        "W124",
        "warning",
        "document du calcul pas encore vu",
        "Une énigme `calculation` nomme son document (`clue: {document: …}`), mais une partie peut ouvrir l'énigme avant que l'équipe ait obtenu l'objet ou lu le point d'intérêt : les nombres viennent alors de nulle part. Le chemin le plus court qui le fait est donné.",
        "Faites passer par le document avant l'énigme : `needs_item:` sur le point d'intérêt qui ouvre l'énigme, ou une condition `when:` sur un drapeau posé en lisant le document.",
    ),
    Code(
        "W130",
        "warning",
        "plus de rôles que de joueurs",
        "Le scénario a plus de rôles (`roles:`) que de joueurs au minimum dans une équipe : un téléphone recevra plusieurs rôles, et l'équipe aura moins à se dire.",
        "Gardez au plus autant de rôles que `players: min` (par équipe en `turns`), ou relevez `players: min`.",
    ),
    Code(
        "W131",
        "warning",
        "rôle sans indice",
        "Un rôle n'a aucun indice (`clues:`) : son joueur n'a rien à lire de plus que les autres.",
        "Donnez-lui au moins un indice que seul ce joueur lit sur son téléphone, ou retirez le rôle.",
    ),
    # --- lint: solvability ------------------------------------------------------------------
    Code(
        "E101",
        "error",
        "aucune fin atteignable",
        "Depuis le début, aucune suite d'actions ne mène à une fin.",
        "Suivez le graphe (`declic graph`) pour trouver ce qui manque pour atteindre une fin.",
    ),
    Code(
        "E102",
        "error",
        "impasse",
        "Les joueurs peuvent arriver dans une situation d'où plus aucune fin n'est atteignable (objet consommé, sortie sans retour…). Le chemin le plus court qui y mène est donné.",
        "Rejouez le chemin donné ; rendez l'objet récupérable, ajoutez une sortie ou une autre solution.",
    ),
    Code(
        "E103",
        "error",
        "parcours qui échoue",
        "Le parcours livré avec le scénario (walkthrough) n'atteint pas de fin, ou une de ses actions est refusée.",
        "Rejouez-le avec `declic replay` et corrigez l'étape indiquée.",
    ),
    Code(
        "E104",
        "error",
        "exploration trop grande",
        "Le scénario a plus d'états possibles que le budget de l'analyse ; la preuve n'a pas pu être terminée.",
        "Réduisez les combinaisons (objets optionnels, drapeaux indépendants) ou augmentez `--budget`.",
    ),
    Code(
        "W101",
        "warning",
        "élément inatteignable",
        "Une scène, un point d'intérêt, un objet, une énigme, une fin ou un indice ne peut jamais être atteint.",
        "Ajoutez un chemin vers cet élément ou supprimez-le.",
    ),
    Code(
        "W102",
        "warning",
        "réponse donnée nulle part",
        "La réponse d'une énigme (code, texte, nombre) n'apparaît dans aucun texte indiqué par `clue:`.",
        "Indiquez où se trouve l'indice avec `clue:`, ou marquez `clue: {knowledge: true}` pour une question de connaissances.",
    ),
    Code(
        "W103",
        "warning",
        "règle de compétence impossible",
        "Une règle de compétence ne peut jamais se déclencher (énigme inatteignable, `together` dans un scénario à un joueur…).",
        "Corrigez la règle ou l'énigme qui la porte.",
    ),
    Code(
        "W104",
        "warning",
        "code ROME invalide",
        "Un code métier n'existe pas dans le ROME 4.0.",
        "Cherchez le code du métier avec declic jobs MOT (ex. declic jobs garagiste).",
    ),
    Code(
        "W105",
        "warning",
        "drapeau jamais posé",
        "Une condition teste un drapeau qu'aucun effet ne pose.",
        "Ajoutez l'effet `set:` correspondant ou corrigez le nom du drapeau.",
    ),
    Code(
        "W106",
        "warning",
        "durée",
        "Le plus court chemin vers une fin prend plus de temps que la limite du chronomètre, ou la durée annoncée est irréaliste.",
        "Allongez la limite, ou raccourcissez le scénario.",
    ),
    Code(
        "W111",
        "warning",
        "compétence donnée sans rien montrer",
        "Une règle de compétence est remplie par n'importe quelle partie : `when: solved` (toute équipe qui réussit l'obtient), un « premier coup » sur une énigme qu'on devine une fois sur trois (2 ou 3 choix, une combinaison), ou un effet `evidence` donné à toute l'équipe qui passe.",
        "Demandez un comportement : `first_try` avec `attempts:`, `no_hint`, `after_wrong: 1` ; ou laissez l'animateur l'observer avec `observe:`.",
    ),
    Code(
        "W112",
        "warning",
        "compétence sans le comportement attendu",
        "La règle ne demande pas le comportement que la compétence exige (assets/skills/evidence.yaml, docs/skills.md) : persévérance sans erreur avant la réussite, rigueur sans essais comptés, contrôle de soi ou proposition notés par le jeu au lieu de l'animateur…",
        "Suivez le message : la bonne valeur de `when`, `after_wrong: 1`, `attempts:`, ou `observe:` pour l'animateur.",
    ),
    Code(
        "W113",
        "warning",
        "trop long pour le nombre d'équipes",
        "En mode `turns`, les équipes jouent chacune leur tour sur le même écran : avec le nombre maximal d'équipes, le temps estimé (défis de chaque équipe et passages de main) dépasse `duration_minutes`.",
        "Baissez `teams.max` (le nombre qui tient est proposé) ou enlevez des défis.",
    ),
    Code(
        "W114",
        "warning",
        "métier au masculin seulement",
        "Un texte nomme un métier du scénario au masculin seul, alors que le ROME donne les deux formes (« Soudeur / Soudeuse »).",
        "Écrivez les deux formes en entier : « le soudeur ou la soudeuse », « Soudeur / Soudeuse » (pas de point médian, mal lu à voix haute).",
    ),
    Code(
        "W115",
        "warning",
        "réponse en nombre dans une énigme texte",
        "Toutes les réponses d'une énigme `text` sont des nombres (« 6,50 € », « 600 g ») : le même nombre tapé autrement est accepté, mais les joueurs tapent lettres et chiffres sur un clavier, sans unité montrée ni tolérance.",
        'Utilisez une énigme `number` (`answer: 6.5`, `unit: "€"`) : le pavé accepte la virgule et montre l\'unité.',
    ),
]

CATALOGUE: dict[str, Code] = {c.code: c for c in _CATALOGUE}


@dataclass(frozen=True)
class Diagnostic:
    """One located problem with a fix the author can act on."""

    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    def format(self) -> str:
        head = f"{self.file}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"
        hint = self.hint or CATALOGUE[self.code].fix
        return f"{head}\n    aide : {hint}"


def catalogue_markdown() -> str:
    """The reference page of every code, for docs/diagnostics.md."""
    lines = [
        "# Codes des diagnostics de `declic check` et `declic lint`",
        "",
        "Chaque message a la forme `FICHIER:LIGNE:COLONNE: gravité[CODE]: message`, suivi d'une",
        "ligne d'aide. Les codes ne changent pas d'une version à l'autre.",
        "Ce fichier est généré par `python -m engine.diagnostics`.",
        "",
    ]
    for c in _CATALOGUE:
        lines += [
            f"## {c.code} — {c.title} ({c.severity})",
            "",
            f"- **Cause :** {c.cause}",
            f"- **Correction :** {c.fix}",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(catalogue_markdown())
