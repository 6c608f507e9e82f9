"""JSON read and written by orjson on the hub's push path, the standard library's answer kept.

A batch of pushes is one JSON body of a few hundred kilobytes, and its rows go to PostgreSQL
as one JSON text per table (``sync_server.insert_rows``): measured with py-spy on
``bench/hub.py``, reading and writing that JSON with the standard library took a fifth of the
hub's CPU during a push. orjson (Rust) does both several times faster. Where orjson refuses a
text the standard library reads (integers beyond 64 bits, ``NaN``, lone surrogates), the
standard library reads it, so what the hub accepts and how it answers do not change. The texts
whose bytes are hashed (``cards``) are still written by the standard library.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def loads(text: bytes | str) -> Any:
    """``json.loads(text)``: orjson first, the standard library for what orjson refuses (and
    for its error message)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def dumps(value: Any) -> str:
    """Compact JSON text of ``value`` (UTF-8 characters as they are, not escaped): ints,
    floats, strings, None, lists and string-keyed dicts. Floats must be finite (the push
    checks each one as it reads it): orjson writes ``NaN`` as ``null``."""
    try:
        return orjson.dumps(value).decode("utf-8")
    except TypeError:  # an int beyond 64 bits, a subclass orjson does not know
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
