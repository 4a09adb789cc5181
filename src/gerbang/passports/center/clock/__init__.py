"""The service clock: deadlines, declared outages and the compensation they owe."""
