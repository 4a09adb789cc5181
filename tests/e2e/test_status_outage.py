"""The status node with real processes: a killed center shows within a minute, keeps talking, resolves;
a status node that cannot see shows unknown, never operational."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_gerbang import (
    GERBANG,
    LocalGerbang,
    eventually,
    status_get,
    status_subscribe_webhook,
    status_summary,
)

from gerbang.apps.launcher import free_port
from gerbang.status.domain.tokens import SIGNATURE_HEADER, verify_body

pytestmark = pytest.mark.slow

# Short schedules so the test takes a minute or two; the defaults are 10 s rounds and 30 min updates.
STATUS_ENV = {
    # The webhook receiver below listens on loopback, which only a lab on one machine may allow.
    "GERBANG_STATUS_ALLOW_PRIVATE_WEBHOOKS": "true",
    "GERBANG_STATUS_PROBE_INTERVAL_S": "2",
    "GERBANG_STATUS_PROBE_TIMEOUT_S": "1.5",
    "GERBANG_STATUS_FAIL_AFTER": "3",
    "GERBANG_STATUS_RECOVER_AFTER": "2",
    "GERBANG_STATUS_UPDATE_INTERVAL_S": "6",
    "GERBANG_STATUS_DELIVER_INTERVAL_S": "0.5",
}


class Receiver:
    """A webhook receiver on loopback that keeps every delivery it is sent."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                # A confirmation ping is answered with its token: that confirms the subscription.
                token = json.loads(body).get("confirm_token", "").encode()
                self.send_response(200 if token else 204)
                self.send_header("Content-Length", str(len(token)))
                self.end_headers()
                self.wfile.write(token)

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self, secret: str) -> list[dict[str, Any]]:
        """Bodies whose signature verifies under `secret` (a bad signature would be left out)."""
        good = []
        for headers, body in list(self.received):
            signature = headers.get(SIGNATURE_HEADER.lower(), "")
            if verify_body(secret, body, signature, now=int(time.time())) and b"confirm_token" not in body:
                good.append(json.loads(body))
        return good


@pytest.fixture
def gerbang(tmp_path: Path) -> Iterator[LocalGerbang]:
    local = LocalGerbang(tmp_path / "gerbang")
    local.env.update(STATUS_ENV)
    try:
        local.start()
        eventually(lambda: local._pids_known(("status",)), timeout=60, what="the status node to start")
        local.wait_ready("status")
        yield local
    finally:
        local.stop()


def _open_center_incident(summary: dict[str, Any]) -> dict[str, Any] | None:
    for incident in summary["incidents"]:
        if incident["state"] == "open" and "passports" in incident["components"]:
            return dict(incident)
    return None


def test_killed_center_shows_within_a_minute_keeps_talking_and_resolves(gerbang: LocalGerbang) -> None:
    receiver = Receiver()
    secret = status_subscribe_webhook(gerbang, receiver.url)["secret"]
    assert gerbang.nodes()["status"]["role"] == "status"
    eventually(
        lambda: {c["state"] for c in status_summary(gerbang)["components"]} == {"operational"},
        timeout=60,
        what="every component to be operational",
    )

    gerbang.kill("central")
    killed_at = time.monotonic()
    eventually(
        lambda: _open_center_incident(status_summary(gerbang)) is not None,
        timeout=60,
        what="an open incident for the center",
        interval=0.5,
    )
    assert time.monotonic() - killed_at < 60
    summary = status_summary(gerbang)
    incident = _open_center_incident(summary)
    assert incident is not None
    states = {c["id"]: c["state"] for c in summary["components"]}
    assert states["passports"] == "major_outage"
    assert states["checkpoint-cgk"] == "operational"
    assert "checkpoints CGK are clearing travellers in offline mode" in incident["updates"][-1]["text_en"]
    assert "mode luring" in incident["updates"][-1]["text_id"]

    page_en = status_get(gerbang, "/", lang="en").text
    assert incident["title_en"] in page_en
    assert "clearing travellers in offline mode" in page_en
    page_id = status_get(gerbang, "/", lang="id").text
    assert incident["title_id"] in page_id
    feed = status_get(gerbang, "/feed.atom").text
    assert f"urn:uuid:{incident['updates'][-1]['id']}" in feed
    eventually(
        lambda: any(e["event"] == "incident.opened" for e in receiver.events(secret)),
        timeout=30,
        what="the webhook to hear of the incident",
    )
    assert time.monotonic() - killed_at < 60, "page, feed and webhook must all show it within a minute"

    # While the center stays down, the node keeps speaking on its own schedule.
    eventually(
        lambda: len(_open_center_incident(status_summary(gerbang)) or {"updates": []}["updates"]) >= 3,
        timeout=40,
        what="periodic updates while the center is down",
    )
    eventually(
        lambda: sum(e["event"] == "incident.updated" for e in receiver.events(secret)) >= 2,
        timeout=30,
        what="the webhook to receive the periodic updates",
    )

    gerbang.restart("central")
    eventually(
        lambda: any(
            i["id"] == incident["id"] and i["state"] == "resolved"
            for i in status_summary(gerbang)["incidents"]
        ),
        timeout=60,
        what="the incident to resolve once the center is back",
    )
    eventually(
        lambda: any(e["event"] == "incident.resolved" for e in receiver.events(secret)),
        timeout=30,
        what="the webhook to hear of the resolution",
    )
    assert "back to normal" in status_get(gerbang, "/", lang="en").text
    resolved_feed = status_get(gerbang, "/feed.atom").text
    assert "resolved" in resolved_feed
    _declared_outage_reaches_the_center_if_it_listens(gerbang, incident["id"])


def _declared_outage_reaches_the_center_if_it_listens(gerbang: LocalGerbang, incident_id: str) -> None:
    url, token = gerbang.nodes()["central"]["url"], gerbang.nodes()["central"]["token"]
    listing = httpx.get(
        f"{url}/api/v1/passports/outages", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    if listing.status_code == 404:
        # A center without the passport service yet: the delivery is tested against a fake receiver
        # in tests/integration/status; the outage waits in the status node's outbox meanwhile.
        return

    def declared() -> bool:
        outages = httpx.get(
            f"{url}/api/v1/passports/outages", headers={"Authorization": f"Bearer {token}"}, timeout=10
        ).json()
        return any(incident_id in o["reason"] and o["ends_at"] for o in outages)

    eventually(declared, timeout=90, what="the declared outage window to reach the passport service")


def _black_hole() -> socket.socket:
    """A loopback port that accepts connections into its backlog and never answers: every probe times out."""
    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(64)
    return hole


def test_status_node_that_cannot_see_shows_unknown_not_operational(tmp_path: Path) -> None:
    hole = _black_hole()
    silent = f"http://127.0.0.1:{hole.getsockname()[1]}"
    port = free_port()
    data = tmp_path / "status"
    data.mkdir()
    (data / "status.toml").write_text(
        f'control_url = "{silent}/healthz"\n[[checkpoints]]\nname = "cgk"\nsite = "CGK"\nurl = "{silent}"\n'
    )
    env = {**os.environ, **STATUS_ENV, "GERBANG_STATUS_PROBE_TIMEOUT_S": "1"}
    command = [
        *GERBANG,
        "status",
        "serve",
        "--data",
        str(data),
        "--port",
        str(port),
        "--center-url",
        silent,
        "--node-key",
        "gnk_not-a-real-key",
    ]
    log = (tmp_path / "status.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:

        def observed() -> bool:
            try:
                return httpx.get(f"{base}/api/v1/status", timeout=2).json()["observed_at"] is not None
            except (httpx.TransportError, ValueError):
                return False

        eventually(observed, timeout=60, what="the status node's first rounds")
        time.sleep(6)  # several blind rounds: none of them may open an incident or turn anything green
        summary = httpx.get(f"{base}/api/v1/status", timeout=5).json()
        assert summary["overall"] == "unknown"
        assert {c["state"] for c in summary["components"]} == {"unknown"}
        assert summary["incidents"] == []
        page = httpx.get(f"{base}/", params={"lang": "en"}, timeout=5).text
        assert "Status unknown" in page
        assert "All services operational" not in page
        assert 'class="state s-operational"' not in page
        assert 'class="state s-unknown"' in page
        page_id = httpx.get(f"{base}/", headers={"Accept-Language": "id"}, timeout=5).text
        assert "Status tidak diketahui" in page_id
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        hole.close()
