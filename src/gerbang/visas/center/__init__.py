"""Center only: visa applications, decisions, issuing signed credentials, the visa API and e-visa page."""
