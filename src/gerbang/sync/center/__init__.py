"""Center half of synchronisation: idempotent ingest, versions, the signed publisher, catch-up, routes."""
