"""Folders a command writes into (``--out``, ``--screenshots``) and why one cannot be used.

A path given on the command line may be a file, a device, a folder under a file or a place
nobody may write: each becomes one French sentence naming the path and what to do, checked
before any work starts, instead of an error in the middle of writing.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

_REASONS = {
    errno.EACCES: "accès refusé",
    errno.EPERM: "accès refusé",
    errno.EROFS: "disque en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.ENOTDIR: "une partie du chemin est un fichier, pas un dossier",
    errno.ENOENT: "chemin introuvable",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.EISDIR: "c'est un dossier",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EINVAL: "nom invalide",
    errno.ELOOP: "trop de liens symboliques",
}


def os_reason(error: OSError) -> str:
    """The system's refusal in a few French words (its own words when we have none)."""
    return _REASONS.get(error.errno or 0, error.strerror or str(error))


def folder_problem(path: Path, option: str) -> str | None:
    """Create the folder if it is missing; None when it can be written into, else why not."""
    try:
        if path.exists() and not path.is_dir():
            kind = "un fichier" if path.is_file() else "un fichier spécial (périphérique)"
            return (
                f"{option} attend un dossier : « {path} » est {kind}. "
                "Indiquez un dossier (il est créé s'il n'existe pas)."
            )
        path.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as error:
        reason = os_reason(error) if isinstance(error, OSError) else "nom invalide"
        return f"{option} : impossible de créer le dossier « {path} » ({reason})."
    if not os.access(path, os.W_OK | os.X_OK):
        return f"{option} : impossible d'écrire dans le dossier « {path} » (accès refusé)."
    return None
