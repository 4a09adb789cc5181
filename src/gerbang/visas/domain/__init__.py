"""Visa rules as pure code: the credential, its canonical codec, offline verification, revocation, policy."""
