"""The entry policy shipped with Gerbang, read from the package's data (policy.json beside the rules)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from gerbang.border.domain.policy import BorderPolicy


@cache
def load_border_policy() -> BorderPolicy:
    """The border policy shipped with Gerbang."""
    return BorderPolicy.from_json(packaged_policy_document())


def packaged_policy_document() -> dict[str, Any]:
    """The policy document shipped with Gerbang, as JSON data (the center's first source of policy)."""
    package = resources.files("gerbang.border.domain")
    data: dict[str, Any] = json.loads(package.joinpath("policy.json").read_bytes())
    return data
