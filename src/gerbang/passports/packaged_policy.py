"""The passport fees and service levels shipped with Gerbang, read from the package's data."""

from __future__ import annotations

from functools import cache
from importlib import resources

from gerbang.passports.domain.policy import PassportPolicy


@cache
def load_policy() -> PassportPolicy:
    """The passport policy shipped with Gerbang."""
    return PassportPolicy.loads(
        resources.files("gerbang.passports.domain").joinpath("policy.json").read_bytes()
    )
