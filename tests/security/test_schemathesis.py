"""Schemathesis against every node's OpenAPI under `gerbang up`: no generated request gets a 5xx.

Each node is driven as its most trusted person (so the checks reach past sign-in), from a loopback
address of its own (so failed sign-ins it provokes lock out no other test), with a few examples per
operation to keep the run short.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from local_gerbang import LocalGerbang

# Node -> whose login the run uses there.
DRIVERS = {"central": "admin", "cgk": "supervisor", "jks": None, "status": "operator"}
EXAMPLES_PER_OPERATION = 4


def _token(gerbang: LocalGerbang, node: str, source: str) -> str:
    logins = json.loads((gerbang.root / "logins.json").read_text())
    wanted = DRIVERS[node]
    login = next(x for x in logins if x["node"] == node and (wanted is None or x["username"] == wanted))
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(base_url=gerbang.nodes()[node]["url"], transport=transport, timeout=30) as client:
        answer = client.post(
            "/api/v1/auth/token", json={"username": login["username"], "password": login["password"]}
        )
    assert answer.status_code == 201, answer.text
    token: str = answer.json()["token"]
    return token


@pytest.mark.slow
@pytest.mark.parametrize("node", list(DRIVERS))
def test_no_generated_request_gets_a_server_error(gerbang: LocalGerbang, node: str, tmp_path: Path) -> None:
    url = gerbang.nodes()[node]["url"]
    token = _token(gerbang, node, "127.0.5.1")
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--no-color",
        "run",
        f"{url}/openapi.json",
        "--checks",
        "not_a_server_error",
        "--phases",
        "examples,fuzzing",
        "--max-examples",
        str(EXAMPLES_PER_OPERATION),
        "--request-timeout",
        "30",
        "--header",
        f"Authorization: Bearer {token}",
        "--seed",
        "1",
        # Signing out would end the token the run drives with, and a new node key would cut off the real
        # node: both answer correctly, but the rest of the run would test nothing past sign-in.
        "--exclude-path-regex",
        "^/api/v1/(auth/token|nodes)",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=400, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
