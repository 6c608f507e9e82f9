"""Déclic's wiring: the ``declic`` command line and the places shipped data is found.

This is the one place that knows about every part (engine, facilitator); the parts do not
import each other's shells. Commands import their heavy dependencies lazily, so ``declic
check`` and ``declic replay`` work where pygame cannot be imported.
"""

__version__ = "0.1.0"
