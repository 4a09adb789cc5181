"""Watchlist screening: name normalisation, variants, index, matching (pure)."""
