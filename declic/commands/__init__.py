"""One module per ``declic`` sub-command; each exposes ``register(subparsers)``."""
