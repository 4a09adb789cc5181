"""Backups of every store: SQLite through its backup API, PostgreSQL through pgBackRest, and the vault."""
