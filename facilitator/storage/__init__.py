"""Workshop storage: one SQLite file with the sessions, players and the durable event log."""
