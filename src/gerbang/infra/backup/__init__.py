"""What every node needs to back up its SQLite store: the backup API, AES-GCM chunks, a signed manifest."""
