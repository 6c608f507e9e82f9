"""argparse with its usage errors in French: every command line of Déclic parses with it.

Low in the engine so that ``declic`` and each facilitator package's own entry point share it
without importing one another.
"""

from __future__ import annotations

import argparse
import sys


class FrenchParser(argparse.ArgumentParser):
    """argparse, with its usage errors in French and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"declic : erreur d'utilisation : {message}\n  (essayez « declic --help »)\n")
