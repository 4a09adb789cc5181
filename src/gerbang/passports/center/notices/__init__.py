"""Notices to applicants: rendered in both languages, kept in an inbox, mailed with retries."""
