"""Memory the player's pictures are drawn into is reused, not asked anew from the system.

Every picture (a button's look, a rendered text, a panel) is a new surface. Past glibc's
mmap threshold (128 KiB at first) each one is mapped fresh from the system and each of its
pages faults the first time it is drawn on: a few microseconds a page, a third of a
millisecond for a big button, in the very frame that answers a tap. Raising the threshold
and the trim threshold keeps freed memory in the heap for the next picture; touching a
block once at start-up puts it there. Elsewhere than glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 * 1024 * 1024  # the most glibc accepts on 64 bits: a 4K screen fits under it
TRIM_THRESHOLD = 512 * 1024 * 1024
PAGE = 4096


_done: list[bool] = []


def keep_freed_memory(warm_bytes: int = 48 * 1024 * 1024) -> bool:
    """Tune glibc's malloc for many mid-sized surfaces, then fault in ``warm_bytes`` of
    heap, once per process. True when it could (Linux with glibc)."""
    if _done:
        return _done[0]
    _done.append(_tune(warm_bytes))
    return _done[0]


def _tune(warm_bytes: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    if not (
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    ):
        return False
    blocks = []
    for _ in range(max(1, warm_bytes // (8 * 1024 * 1024))):
        block = bytearray(8 * 1024 * 1024)
        block[::PAGE] = b"\1" * len(range(0, len(block), PAGE))  # touch every page
        blocks.append(block)
    del blocks  # freed into the heap, which now keeps it
    return True
