"""Workshop sessions: the application service over core and storage, exports, privacy, CLI."""
