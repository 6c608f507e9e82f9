"""Pictures reuse memory freed by earlier ones instead of faulting in new pages."""

from __future__ import annotations

import resource
import sys

import pygame
import pytest

from engine.player.memory import keep_freed_memory


def _faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc only")
def test_surfaces_made_again_after_being_freed_fault_no_new_pages() -> None:
    assert keep_freed_memory()
    size = (1184, 138)  # an answer card's picture: 650 KB, past glibc's first mmap threshold
    for _ in range(2):  # the first round may still grow the heap
        before = _faults()
        pictures = [pygame.Surface(size, pygame.SRCALPHA) for _ in range(24)]
        made = _faults() - before
        del pictures
    pages = 24 * size[0] * size[1] * 4 // 4096
    assert made < pages // 20, (made, pages)  # almost every page was already there
