"""The central service as a real process on loopback, set up entirely through the CLI."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gerbang.apps.launcher import free_port

GERBANG = [sys.executable, "-m", "gerbang.cli"]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GERBANG, *args], capture_output=True, text=True, timeout=120, env=env, check=False
    )


def wait_until_ready(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not become ready within {timeout} s")


@pytest.fixture
def central(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    process = subprocess.Popen(
        [*GERBANG, "central", "serve", "--data", str(tmp_path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url)
        yield url, tmp_path
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_central_serves_health_and_docs(central: tuple[str, Path]) -> None:
    url, _data = central
    assert httpx.get(f"{url}/healthz").json() == {"status": "alive"}
    assert httpx.get(f"{url}/openapi.json").json()["info"]["title"] == "Gerbang central"


def test_user_and_token_made_in_the_shell_work_over_http(central: tuple[str, Path]) -> None:
    url, data = central
    env = {**os.environ, "GERBANG_NEW_PASSWORD": "correct-horse-battery"}
    created = run_cli("admin", "create-user", "ops1", "--role", "operator", "--data", str(data), env=env)
    assert created.returncode == 0, created.stderr
    token = run_cli("admin", "create-token", "ops1", "--data", str(data)).stdout.strip()
    me = httpx.get(f"{url}/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["roles"] == ["operator"]


def test_tampered_audit_log_makes_verify_exit_non_zero(tmp_path: Path) -> None:
    env = {**os.environ, "GERBANG_NEW_PASSWORD": "correct-horse-battery"}
    for name in ("a1", "a2", "a3"):
        assert (
            run_cli(
                "admin", "create-user", name, "--role", "admin", "--data", str(tmp_path), env=env
            ).returncode
            == 0
        )
    intact = run_cli("audit", "verify", "--data", str(tmp_path))
    assert intact.returncode == 0
    assert "3 entries" in intact.stdout

    with sqlite3.connect(tmp_path / "gerbang.db") as connection:
        connection.execute("UPDATE audit_log SET actor = 'shell:someone-else' WHERE seq = 2")
    broken = run_cli("audit", "verify", "--data", str(tmp_path))
    assert broken.returncode == 1
    assert "entry 2 (changed)" in broken.stdout


def test_cli_errors_are_one_clear_line_not_a_traceback(tmp_path: Path) -> None:
    result = run_cli("admin", "create-token", "ghost", "--data", str(tmp_path))
    assert result.returncode == 2
    assert "no account named 'ghost'" in result.stderr
    assert "Traceback" not in result.stderr


def test_operator_asks_an_edge_to_upload_again_from_a_position(tmp_path: Path) -> None:
    # Asked of a directory with no center, it is refused and makes none.
    refused = run_cli("sync", "reupload", "cgk", "--after-seq", "5", "--data", str(tmp_path))
    assert refused.returncode == 2
    assert "no database at" in refused.stderr
    assert not (tmp_path / "gerbang.db").exists()
    assert run_cli("db", "upgrade", "--data", str(tmp_path)).returncode == 0
    asked = run_cli("sync", "reupload", "cgk", "--after-seq", "5", "--data", str(tmp_path))
    assert asked.returncode == 0, asked.stderr
    shown = run_cli("sync", "status", "--data", str(tmp_path))
    row = next(line for line in shown.stdout.splitlines() if "cgk" in line)
    assert row.split("│")[4].strip() == "5"
