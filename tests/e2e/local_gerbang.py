"""A local Gerbang started with `gerbang up` for end-to-end tests: kill, restart and query its nodes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from gerbang.apps import launcher
from gerbang.documents import make_zone

GERBANG = [sys.executable, "-m", "gerbang.cli"]


def free_port_block(size: int = 4) -> int:
    """A port P such that P … P+size-1 are all free on loopback (gerbang up numbers its nodes from P)."""
    return launcher.free_port_block(size)


def eventually(check: Callable[[], bool], *, timeout: float, what: str, interval: float = 0.25) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def citizen_zone(number: int, *, surname: str = "SANTOSO", given: str = "BUDI") -> list[str]:
    return make_zone(
        format="TD3",
        document_type="P",
        issuing_state="IDN",
        surname=surname,
        given_names=given,
        document_number=f"E{number:07d}",
        nationality="IDN",
        birth_date="850505",
        sex="M",
        expiry_date="340101",
    )


class LocalGerbang:
    """`gerbang up` in a temporary directory, with handles to stop whatever the test started."""

    def __init__(self, root: Path, *, batch_size: int = 25) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.base_port = free_port_block()
        self.env = {
            **os.environ,
            "GERBANG_UPLOAD_BATCH_SIZE": str(batch_size),
            "GERBANG_REFERENCE_POLL_S": "1",
        }
        self._supervisors: list[subprocess.Popen[bytes]] = []
        self._serial = random.randrange(10**6)

    # -- processes -------------------------------------------------------------------------

    def start(self) -> None:
        self._run_up()
        eventually(lambda: self._pids_known(("central", "cgk")), timeout=120, what="both nodes to start")
        for name in ("central", "cgk"):
            self.wait_ready(name)

    def _run_up(self, *extra: str) -> None:
        log = (self.root / "up.log").open("ab")
        command = [
            *GERBANG,
            "up",
            "--data",
            str(self.root),
            "--base-port",
            str(self.base_port),
            "--watchlist-size",
            "0",
            *extra,
        ]
        self._supervisors.append(subprocess.Popen(command, env=self.env, stdout=log, stderr=log))

    def _pids_known(self, names: tuple[str, ...]) -> bool:
        try:
            nodes = self.nodes()
        except (FileNotFoundError, json.JSONDecodeError):
            return False
        return all(nodes.get(n, {}).get("pid") for n in names)

    def nodes(self) -> dict[str, dict[str, Any]]:
        return {n["name"]: n for n in json.loads((self.root / "nodes.json").read_text())["nodes"]}

    def wait_ready(self, name: str, timeout: float = 180) -> None:
        url = self.nodes()[name]["url"]

        def ready() -> bool:
            try:
                return httpx.get(f"{url}/readyz", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        eventually(ready, timeout=timeout, what=f"{name} to be ready")

    def kill(self, name: str, sig: signal.Signals = signal.SIGKILL) -> None:
        pid = self.nodes()[name]["pid"]
        os.kill(pid, sig)
        eventually(lambda: not _alive(pid), timeout=30, what=f"{name} to stop")

    def restart(self, name: str) -> None:
        old_pid = self.nodes()[name]["pid"]
        self._run_up("--only", name)
        eventually(lambda: self.nodes()[name]["pid"] != old_pid, timeout=60, what=f"{name} to restart")
        self.wait_ready(name)

    def stop(self) -> None:
        for process in self._supervisors:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self._supervisors:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for node in self.nodes().values() if (self.root / "nodes.json").exists() else []:
            if node.get("pid") and _alive(node["pid"]):
                os.kill(node["pid"], signal.SIGKILL)

    # -- HTTP ------------------------------------------------------------------------------

    def _headers(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.nodes()[name]['token']}"}

    def cross(self, count: int, *, direction: str = "entry") -> list[dict[str, Any]]:
        """Record `count` crossings of distinct citizens at CGK; return the checkpoint's answers."""
        url = self.nodes()["cgk"]["url"]
        headers = self._headers("cgk")
        answers = []
        with httpx.Client(timeout=10) as client:
            for _ in range(count):
                self._serial += 1
                body = {
                    "mrz": citizen_zone(self._serial),
                    "direction": direction,
                    "lane": "C1",
                    "flight": "GA1",
                    "credential": None,
                    "biometric_match": True,
                }
                response = client.post(f"{url}/api/v1/crossings", json=body, headers=headers)
                assert response.status_code == 201, response.text
                answers.append(response.json())
        return answers

    def post_crossing(self, body: dict[str, Any]) -> dict[str, Any]:
        response = httpx.post(
            f"{self.nodes()['cgk']['url']}/api/v1/crossings",
            json=body,
            headers=self._headers("cgk"),
            timeout=10,
        )
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    def edge_health(self) -> dict[str, Any]:
        response = httpx.get(
            f"{self.nodes()['cgk']['url']}/api/v1/health", headers=self._headers("cgk"), timeout=5
        )
        result: dict[str, Any] = response.json()
        return result

    def center_crossing_ids(self) -> list[str]:
        """Every crossing id the center holds for CGK, following the pages."""
        url, headers = self.nodes()["central"]["url"], self._headers("central")
        ids: list[str] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"site": "CGK", "limit": 1000}
            if cursor:
                params["cursor"] = cursor
            page = httpx.get(f"{url}/api/v1/crossings", params=params, headers=headers, timeout=10).json()
            ids += [c["id"] for c in page["crossings"]]
            cursor = page["next_cursor"]
            if cursor is None:
                return ids

    def center_get(self, path: str) -> Any:
        url, headers = self.nodes()["central"]["url"], self._headers("central")
        return httpx.get(f"{url}{path}", headers=headers, timeout=10).json()

    def wait_uploaded(self, timeout: float = 120) -> None:
        def drained() -> bool:
            health = self.edge_health()
            return bool(health["center_reachable"]) and health["outbox_backlog"] == 0

        eventually(drained, timeout=timeout, what="the checkpoint's outbox to drain")

    def central_database(self) -> Path:
        return Path(self.nodes()["central"]["data_dir"]) / "gerbang.db"

    def node_key(self) -> str:
        for line in (Path(self.nodes()["cgk"]["config"])).read_text().splitlines():
            if line.startswith("node_key"):
                return str(json.loads(line.split("=", 1)[1]))
        raise AssertionError("no node key in the checkpoint's settings")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers signal 0; treat it as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


# -- the status node (added for the status tests; the methods above are unchanged) -----------------


def status_get(gerbang: LocalGerbang, path: str, **params: str) -> httpx.Response:
    """GET a path on the status node, as the public does: no token."""
    return httpx.get(f"{gerbang.nodes()['status']['url']}{path}", params=params, timeout=10)


def status_summary(gerbang: LocalGerbang) -> dict[str, Any]:
    response = status_get(gerbang, "/api/v1/status")
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def status_subscribe_webhook(gerbang: LocalGerbang, url: str) -> dict[str, Any]:
    """Subscribe a webhook receiver to the status node; the answer holds its signing secret."""
    response = httpx.post(
        f"{gerbang.nodes()['status']['url']}/api/v1/status/subscribers",
        json={"kind": "webhook", "address": url},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


# -- the passport office node (added for the office tests; the methods above are unchanged) ---------


def office_call(
    gerbang: LocalGerbang, method: str, path: str, body: dict[str, Any] | None = None, **params: str
) -> httpx.Response:
    """Call the JKS office node as its office officer."""
    node = gerbang.nodes()["jks"]
    headers = {"Authorization": f"Bearer {node['token']}"}
    return httpx.request(
        method, f"{node['url']}{path}", json=body, params=params, headers=headers, timeout=10
    )


def office_health(gerbang: LocalGerbang) -> dict[str, Any]:
    result: dict[str, Any] = office_call(gerbang, "GET", "/api/v1/health").json()
    return result


def demo_office(gerbang: LocalGerbang) -> dict[str, Any]:
    """The demo appointments and ready passports `gerbang up` seeded for JKS."""
    result: dict[str, Any] = json.loads((gerbang.root / "demo.json").read_text())["passport_office"]
    return result
