"""An edge process loads no center-only code and serves no center-only route."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gerbang.apps.edge import create_app
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.infra.signing import create_key_directory
from gerbang.kernel.clock import FixedClock

# What `gerbang edge serve` imports before it starts serving: the command line, then both edge apps.
EDGE_START = """
import json, sys
sys.argv = ["gerbang", "edge", "serve", "--help"]
from gerbang.cli.main import run
try:
    run()
except SystemExit:
    pass
import gerbang.apps.edge, gerbang.apps.edge_office
print(json.dumps(sorted(m for m in sys.modules if m.startswith("gerbang"))))
"""


def center_only(module: str) -> bool:
    parts = module.split(".")
    return (
        "center" in parts
        or module.startswith(("gerbang.status", "gerbang.recovery"))
        or module in {"gerbang.infra.signing", "gerbang.web.nodes_router"}
    )


def test_edge_serve_loads_no_center_signing_issuing_or_status_module() -> None:
    run = subprocess.run(
        [sys.executable, "-c", EDGE_START], capture_output=True, text=True, timeout=120, check=True
    )
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    assert "gerbang.apps.edge" in loaded
    assert [m for m in loaded if center_only(m)] == []


def test_the_boundary_check_recognises_a_center_module() -> None:
    assert center_only("gerbang.passports.center.booking.quotas")
    assert center_only("gerbang.infra.signing")
    assert not center_only("gerbang.passports.office.service")


@pytest.mark.parametrize("role", ["checkpoint", "office"])
def test_edge_nodes_mount_no_node_credential_route(
    role: str, database: Database, clock: FixedClock, tmp_path: Path
) -> None:
    create_key_directory(tmp_path / "keys", at=clock.now())
    settings = Settings(
        data_dir=tmp_path,
        role=role,
        site="CGK",
        node_name="cgk",
        trust_file=tmp_path / "keys" / "public-keys.json",
    )
    app = create_app(settings, clock=clock, database=database, background=False)
    paths = set(app.openapi()["paths"])
    assert "/api/v1/auth/token" in paths
    assert not any(path.startswith("/api/v1/nodes") for path in paths)
