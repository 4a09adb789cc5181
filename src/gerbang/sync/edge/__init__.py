"""Edge half of synchronisation: outbox, uploader, poller, kept signed files, retention, health."""
