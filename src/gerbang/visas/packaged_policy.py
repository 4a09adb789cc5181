"""The visa policy shipped with Gerbang, read from the package's data (policy.json beside the rules)."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

from gerbang.visas.domain.credential import CredentialType
from gerbang.visas.domain.policy import PolicyTable, VisaPolicy


@cache
def load_policy() -> PolicyTable:
    """The policy table shipped with Gerbang."""
    return PolicyTable.loads(resources.files("gerbang.visas.domain").joinpath("policy.json").read_bytes())


def policy_for(credential_type: CredentialType, on: date) -> VisaPolicy:
    """Shortcut: the shipped policy for `credential_type` on `on`."""
    return load_policy().lookup(credential_type, on)
