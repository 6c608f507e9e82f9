"""The Déclic hub: laptops push finished sessions to one database (SQLite or PostgreSQL)."""
