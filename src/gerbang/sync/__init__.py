"""Edge-to-center synchronisation: outbox, signed snapshots, idempotent ingest, reconcile."""
