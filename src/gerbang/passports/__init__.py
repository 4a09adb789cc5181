"""Passport applications, quotas, payments, interviews, issuance and hand-over."""
