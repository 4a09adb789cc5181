"""Composition roots: one FastAPI app per node role."""
