"""JSON-LD contexts from the files Déclic ships, never from the network.

A credential is signed over its canonical RDF form, which depends on its contexts: fetching them
at run time would make signing and verifying depend on a web server (and leak who checks what).
The files under ``assets/contexts`` are byte-for-byte copies of the published ones (see
``assets/contexts/README.md``); an unknown URL is an error, not a download.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from engine.reference import assets_dir

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

#: Published URL → file under ``assets/contexts``.
CONTEXT_FILES: dict[str, str] = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3P0: "ob-v3p0-context-3.0.3.json",
}

DocumentLoader = Callable[..., dict[str, Any]]


class UnknownContextError(ValueError):
    """A document asked for a context Déclic does not ship."""


@cache
def context_document(url: str) -> dict[str, Any]:
    """The parsed context published at ``url``, read from the shipped copy."""
    name = CONTEXT_FILES.get(url)
    if name is None:
        raise UnknownContextError(f"contexte JSON-LD inconnu (non fourni avec Déclic) : {url}")
    data: dict[str, Any] = json.loads((assets_dir() / "contexts" / name).read_text("utf-8"))
    return data


def load_document(url: str, options: Any = None) -> dict[str, Any]:
    """A pyld document loader: the shipped contexts only."""
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": context_document(url),
        "tag": "static",  # pyld keeps a resolved context across operations only when static
    }
