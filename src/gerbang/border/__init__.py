"""Checkpoint: entry and exit rules, crossings, lanes and queues."""
