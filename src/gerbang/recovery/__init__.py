"""Encrypted, verified backups, restore, failover and drills."""
