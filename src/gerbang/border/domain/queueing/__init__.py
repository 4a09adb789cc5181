"""Queues at a checkpoint, pure: Erlang C, the fluid check, the flight forecast, lane figures and advice."""
