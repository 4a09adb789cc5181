"""What a passport office node runs: the day's appointments, interviews and hand-over, offline."""
