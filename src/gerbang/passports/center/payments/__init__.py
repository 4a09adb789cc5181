"""Payments at the center: billing codes, the bank's signed callbacks, the append-only ledger."""
