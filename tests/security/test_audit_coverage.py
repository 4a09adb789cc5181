"""Every officer, operator and admin action on every node leaves an audit entry naming who, what and which.

The routes are read from each node's own FastAPI app: a new mutating route fails this test until it is
called here (and audited) or named below as an applicant's, the public's or a machine's. Each one is
then called over HTTP on a running `gerbang up`, and the node's audit log must hold an entry with the
caller as actor, the action and the record it acted on. Failed sign-ins are checked the same way.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from local_gerbang import GERBANG, LocalGerbang, citizen_zone

from gerbang.infra.accounts import digest
from gerbang.infra.roles import ROLE_PERMISSIONS, Permission, Role
from gerbang.infra.settings import load_settings

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
ADDRESS = "127.0.3.1"  # this module's own loopback address: its sign-in failures lock no one else out

# Mutating routes that are not an officer's, operator's or admin's, and why.
NOT_OFFICERS: dict[tuple[str, str, str], str] = {
    **{
        ("central", "POST", path): "an applicant's own action"
        for path in (
            "/api/v1/visas/applications",
            "/api/v1/passports/applications",
            "/api/v1/passports/applications/{application_id}/booking",
            "/api/v1/passports/applications/{application_id}/reschedule",
            "/api/v1/passports/applications/{application_id}/cancel",
            "/api/v1/passports/inbox/{notice_id}/read",
            "/passports/signup",
            "/passports/apply",
            "/passports/applications/{ident}/book",
            "/passports/applications/{ident}/reschedule",
            "/passports/applications/{ident}/cancel",
            "/passports/inbox/{ident}/read",
            "/passports/inbox/contact",
        )
    },
    ("central", "PUT", "/api/v1/passports/contact"): "an applicant's own action",
    ("central", "POST", "/api/v1/passports/payments/callback"): "the bank's signed callback",
    ("central", "POST", "/api/v1/passports/payments/statement"): "the bank's signed statement",
    ("central", "POST", "/demo-bank"): "the demo platform's simulated bank",
    ("central", "POST", "/api/v1/sync/batches"): "an edge node's upload (its records are audited on ingest)",
    ("status", "POST", "/api/v1/status/subscribers"): "the public subscribing",
    ("status", "POST", "/api/v1/status/subscribers/confirm"): "the public confirming",
    ("status", "POST", "/subscribe"): "the public subscribing",
    ("status", "POST", "/unsubscribe"): "the public unsubscribing",
    ("cgk", "POST", "/language"): "a display preference kept in a cookie",
    **{
        (node, "POST", path): "signing in: test_every_failed_sign_in_is_audited"
        for node, path in (
            ("central", "/api/v1/auth/token"),
            ("cgk", "/api/v1/auth/token"),
            ("status", "/api/v1/auth/token"),
            ("jks", "/api/v1/auth/token"),
            ("central", "/passports/login"),
            ("cgk", "/login"),
            ("jks", "/office/login"),
        )
    },
}
# Permissions no applicant, machine or passer-by holds: a route asking for one is an officer's.
NOT_OFFICERS_PERMISSIONS = (
    ROLE_PERMISSIONS[Role.APPLICANT]
    | ROLE_PERMISSIONS[Role.NODE_CHECKPOINT]
    | ROLE_PERMISSIONS[Role.NODE_OFFICE]
    | {Permission.SELF_READ}
)
SCHEDULE = (
    "flight,scheduled_on_block,actual_on_block,passengers,citizen_share\n"
    "GA410,10:00,,180,0.6\nSQ956,11:30,,250,0.3\n"
)


def _node_app(node: dict[str, Any]) -> FastAPI:
    settings = load_settings(Path(node["config"]))
    if node["role"] == "central":
        from gerbang.apps.central import create_app

        return create_app(settings)
    if node["role"] == "status":
        from gerbang.apps.status import create_app as create_status

        return create_status(settings, background=False)
    from gerbang.apps.edge import create_app as create_edge

    return create_edge(settings, background=False)


def _flat(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    # FastAPI keeps an included router as one entry; walk into it for the routes and their prefixes.
    for route in routes:
        original = getattr(route, "original_router", None)
        if original is not None:
            yield from _flat(original.routes, prefix + (route.include_context.prefix or ""))
        else:
            yield prefix, route


def _permissions(dependant: Any) -> set[Permission]:
    """The permissions a route's dependencies ask for (require, require_any and caller_with)."""
    found: set[Permission] = set()
    for cell in getattr(dependant.call, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        values = value if isinstance(value, tuple) else (value,)
        found |= {v for v in values if isinstance(v, Permission)}
    for sub in dependant.dependencies:
        found |= _permissions(sub)
    return found


def mutating_routes(gerbang: LocalGerbang) -> dict[tuple[str, str, str], set[Permission]]:
    """Every (node, method, path) that changes something, with the permissions its dependencies ask for."""
    routes: dict[tuple[str, str, str], set[Permission]] = {}
    for name, node in gerbang.nodes().items():
        app = _node_app(node)
        try:
            for prefix, route in _flat(list(app.routes)):
                if isinstance(route, APIRoute):
                    for method in route.methods & MUTATING:
                        routes[(name, method, prefix + route.path)] = _permissions(route.dependant)
        finally:
            app.state.database.dispose()
    return routes


@dataclass
class Platform:
    gerbang: LocalGerbang
    clients: dict[str, httpx.Client]
    tokens: dict[tuple[str, str], str] = field(default_factory=dict)
    passwords: dict[tuple[str, str], str] = field(default_factory=dict)
    called: dict[tuple[str, str, str], str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def head(self, node: str) -> int:
        with closing(self._audit(node)) as db:
            return int(db.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0])

    def entries_after(self, node: str, seq: int) -> list[dict[str, Any]]:
        with closing(self._audit(node)) as db:
            db.row_factory = sqlite3.Row
            query = "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq"
            return [dict(row) for row in db.execute(query, (seq,))]

    def _audit(self, node: str) -> sqlite3.Connection:
        # The node's own database file, read-only: what the node wrote, not what an API chooses to show.
        path = Path(self.gerbang.nodes()[node]["data_dir"]) / "gerbang.db"
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)

    def sign_in(self, node: str, username: str) -> str:
        body = {"username": username, "password": self.passwords[(node, username)], "name": "audit check"}
        response = self.clients[node].post("/api/v1/auth/token", json=body)
        assert response.status_code == 201, response.text
        token: str = response.json()["token"]
        self.tokens[(node, username)] = token
        return token

    def bearer(self, node: str, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[(node, username)]}"}

    def act(
        self,
        node: str,
        who: str,
        method: str,
        route: str,
        *,
        action: str,
        target: str | Callable[[httpx.Response], str] | None,
        path: str | None = None,
        cookie: bool = False,
        **request: Any,
    ) -> httpx.Response:
        """Call `route` as `who` and check the node audited `action` by `who` on `target`."""
        before = self.head(node)
        if cookie:
            self.clients[node].cookies.set("gerbang_token", self.tokens[(node, who)])
            headers = {}
        else:
            headers = self.bearer(node, who)
        response = self.clients[node].request(method, path or route, headers=headers, **request)
        self.clients[node].cookies.clear()
        self.called[(node, method, route)] = action
        if response.status_code >= 400:
            self.problems.append(
                f"{node} {method} {route}: answered {response.status_code} {response.text[:300]}"
            )
            return response
        wanted = target(response) if callable(target) else target
        actor = f"account:{who}"
        entries = self.entries_after(node, before)
        if not any(
            e["actor"] == actor and e["action"] == action and (wanted is None or e["record_id"] == wanted)
            for e in entries
        ):
            seen = [(e["actor"], e["action"], e["record_id"]) for e in entries]
            self.problems.append(
                f"{node} {method} {route}: no audit of {action} by {actor} on {wanted}: {seen}"
            )
        return response


def _strong_password() -> str:
    return f"Gerbang-{secrets.token_urlsafe(12)}-audit"


def _local_admin(gerbang: LocalGerbang, node: str, username: str, password: str) -> None:
    # Only the center's `gerbang up` has an admin; the other nodes get theirs as an operator would.
    config = gerbang.nodes()[node]["config"]
    env = {**os.environ, "GERBANG_NEW_PASSWORD": password}
    command = [*GERBANG, "admin", "create-user", username, "--role", "admin", "--config", config]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def platform(gerbang: LocalGerbang) -> Iterator[Platform]:
    transport = {name: httpx.HTTPTransport(local_address=ADDRESS) for name in gerbang.nodes()}
    clients = {
        name: httpx.Client(base_url=node["url"], transport=transport[name], timeout=60)
        for name, node in gerbang.nodes().items()
    }
    platform = Platform(gerbang, clients)
    for login in json.loads((gerbang.root / "logins.json").read_text()):
        platform.passwords[(login["node"], login["username"])] = login["password"]
    for node in ("cgk", "status", "jks"):
        password = _strong_password()
        _local_admin(gerbang, node, "audit-admin", password)
        platform.passwords[(node, "audit-admin")] = password
    for node, username in platform.passwords:
        platform.sign_in(node, username)
    try:
        yield platform
    finally:
        for client in clients.values():
            client.close()


def _accounts(platform: Platform, node: str, admin: str) -> None:
    username = f"audited-{secrets.token_hex(4)}"
    body = {"username": username, "password": _strong_password(), "roles": ["checkpoint-officer"]}
    created = platform.act(
        node,
        admin,
        "POST",
        "/api/v1/accounts",
        json=body,
        action="account.create",
        target=lambda r: str(r.json()["id"]),
    )
    account_id = str(created.json().get("id"))
    for step, action in (
        ("tokens/revoke", "token.revoke_all"),
        ("disable", "account.disable"),
        ("enable", "account.enable"),
    ):
        route = f"/api/v1/accounts/{{username}}/{step}"
        path = f"/api/v1/accounts/{username}/{step}"
        platform.act(node, admin, "POST", route, path=path, action=action, target=account_id)


def _center(platform: Platform) -> None:
    demo = json.loads((platform.gerbang.root / "demo.json").read_text())["passport_office"]
    appointments = [a["application_id"] for a in demo["appointments"]]
    _accounts(platform, "central", "admin")
    name = f"audited-node-{secrets.token_hex(3)}"
    platform.act(
        "central",
        "admin",
        "POST",
        "/api/v1/nodes",
        json={"name": name, "role": "status"},
        action="node.credential.issue",
        target=name,
    )
    # Visas: an applicant applies (twice); the visa officer approves one, refuses the other, then extends
    # and revokes what was issued.
    applicant = platform.bearer("central", "applicant")
    visa = {
        "type": "evoa",
        "name": "JANE CITIZEN",
        "passport_number": "PA1234567",
        "nationality": "AUS",
        "birth_date": "1988-11-02",
    }
    ids = []
    for n in range(2):
        number = f"PA{secrets.randbelow(10**6):06d}{n}"
        applied = platform.clients["central"].post(
            "/api/v1/visas/applications", json={**visa, "passport_number": number}, headers=applicant
        )
        assert applied.status_code == 201, applied.text
        ids.append(str(applied.json()["id"]))
    approved = platform.act(
        "central",
        "visa-officer",
        "POST",
        "/api/v1/visas/applications/{application_id}/approve",
        path=f"/api/v1/visas/applications/{ids[0]}/approve",
        json={"screening_reviewed": True},
        action="visa.approve",
        target=ids[0],
    )
    platform.act(
        "central",
        "visa-officer",
        "POST",
        "/api/v1/visas/applications/{application_id}/refuse",
        path=f"/api/v1/visas/applications/{ids[1]}/refuse",
        json={"reason": "documents do not match"},
        action="visa.refuse",
        target=ids[1],
    )
    credential = str(approved.json().get("credential_id"))
    extended = platform.act(
        "central",
        "visa-officer",
        "POST",
        "/api/v1/visas/credentials/{credential_id}/extend",
        path=f"/api/v1/visas/credentials/{credential}/extend",
        action="visa.extend",
        target=None,
    )
    newest = str(extended.json().get("id"))
    platform.act(
        "central",
        "visa-officer",
        "POST",
        "/api/v1/visas/credentials/{credential_id}/revoke",
        path=f"/api/v1/visas/credentials/{newest}/revoke",
        json={"reason": "overstay abroad"},
        action="visa.revoke",
        target=None,
    )
    # Passports: the last of JKS's booked appointments go through the center's officer steps.
    first, second, third = appointments[-1], appointments[-2], appointments[-3]
    steps = "/api/v1/passports/applications/{application_id}/"
    for ident in (first, second, third):
        platform.act(
            "central",
            "admin",
            "POST",
            steps + "interview",
            path=steps.format(application_id=ident) + "interview",
            json={"photo_sha256": hashlib.sha256(b"photo").hexdigest(), "fingerprints_sha256": "ab" * 32},
            action="passport.interviewed",
            target=ident,
        )
    for step, action in (
        ("approve", "passport.approved"),
        ("printed", "passport.printed"),
        ("ready", "passport.ready"),
    ):
        platform.act(
            "central",
            "admin",
            "POST",
            steps + step,
            path=steps.format(application_id=first) + step,
            action=action,
            target=first,
        )
    platform.act(
        "central",
        "admin",
        "POST",
        steps + "reject",
        path=steps.format(application_id=second) + "reject",
        json={"reason": "the photo is not the applicant's"},
        action="passport.rejected",
        target=second,
    )
    platform.act(
        "central",
        "admin",
        "POST",
        "/passports/officer/{ident}/{step}",
        path=f"/passports/officer/{third}/approve",
        data={},
        action="passport.approved",
        target=third,
    )
    now = datetime.now(UTC)
    outage = platform.act(
        "central",
        "operator",
        "POST",
        "/api/v1/passports/outages",
        json={"starts_at": (now - timedelta(hours=2)).isoformat(), "reason": "audit coverage check"},
        action="passport.outage.declare",
        target=lambda r: str(r.json()["id"]),
    )
    outage_id = str(outage.json().get("id"))
    platform.act(
        "central",
        "operator",
        "POST",
        "/api/v1/passports/outages/{outage_id}/close",
        path=f"/api/v1/passports/outages/{outage_id}/close",
        json={"ended_at": (now - timedelta(hours=1)).isoformat()},
        action="passport.outage.close",
        target=outage_id,
    )
    token = platform.sign_in("central", "admin")
    platform.act(
        "central",
        "admin",
        "POST",
        "/passports/logout",
        cookie=True,
        action="token.revoke",
        target=None,
    )
    assert (
        platform.clients["central"].get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).is_error
    )
    platform.sign_in("central", "admin")


def _checkpoint(platform: Platform) -> None:
    _accounts(platform, "cgk", "audit-admin")
    zone = citizen_zone(7_100_001 + secrets.randbelow(800_000))
    crossing = {
        "mrz": zone,
        "direction": "entry",
        "lane": "C1",
        "flight": "GA1",
        "credential": None,
        "biometric_match": True,
    }
    decided = platform.act(
        "cgk",
        "officer",
        "POST",
        "/api/v1/crossings",
        json=crossing,
        action="crossing.decide",
        target=lambda r: str(r.json()["id"]),
    )
    crossing_id = str(decided.json().get("id"))
    platform.act(
        "cgk",
        "supervisor",
        "POST",
        "/api/v1/crossings/{crossing_id}/override",
        path=f"/api/v1/crossings/{crossing_id}/override",
        json={"decision": "refer", "reason": "second look at the passport"},
        action="crossing.override",
        target=crossing_id,
    )
    before = platform.head("cgk")
    form = {
        "direction": "entry",
        "mrz": "\n".join(citizen_zone(7_900_001 + secrets.randbelow(90_000))),
        "flight": "GA2",
        "biometric": "yes",
    }
    platform.act(
        "cgk",
        "officer",
        "POST",
        "/lanes/{lane}",
        path="/lanes/C2",
        data=form,
        action="crossing.decide",
        target=None,
    )
    page_crossing = next(
        (e["record_id"] for e in platform.entries_after("cgk", before) if e["action"] == "crossing.decide"),
        "-",
    )
    platform.act(
        "cgk",
        "supervisor",
        "POST",
        "/lanes/{lane}/crossings/{crossing_id}/override",
        path=f"/lanes/C2/crossings/{page_crossing}/override",
        data={"decision": "refer", "reason": "second look at the passport"},
        action="crossing.override",
        target=page_crossing,
    )
    platform.act(
        "cgk",
        "supervisor",
        "POST",
        "/api/v1/lanes/{lane}",
        path="/api/v1/lanes/C3",
        json={"status": "closed"},
        action="lane.change",
        target="C3",
    )
    platform.act(
        "cgk",
        "supervisor",
        "POST",
        "/supervisor/lanes/{lane}",
        path="/supervisor/lanes/C3",
        data={"status": "open"},
        action="lane.change",
        target="C3",
    )
    platform.act(
        "cgk",
        "supervisor",
        "POST",
        "/supervisor/queues/count",
        data={"queue": "citizens", "people": "12"},
        action="queue.count",
        target=None,
    )
    platform.act(
        "cgk",
        "supervisor",
        "POST",
        "/api/v1/schedule",
        json={"schedule": SCHEDULE},
        action="schedule.load",
        target=None,
    )
    platform.act(
        "cgk",
        "supervisor",
        "POST",
        "/supervisor/schedule",
        data={"schedule": SCHEDULE},
        action="schedule.load",
        target=None,
    )
    platform.act("cgk", "officer", "POST", "/logout", cookie=True, action="token.revoke", target=None)
    platform.sign_in("cgk", "officer")


def _status(platform: Platform) -> None:
    _accounts(platform, "status", "audit-admin")
    words = {"text_id": "Pemeriksaan log audit.", "text_en": "Checking the audit log."}
    incident = platform.act(
        "status",
        "operator",
        "POST",
        "/api/v1/status/incidents",
        json={**words, "title_id": "Uji audit", "title_en": "Audit check", "components": ["passports"]},
        action="status.incident.create",
        target=lambda r: str(r.json()["id"]),
    )
    incident_id = str(incident.json().get("id"))
    update = platform.act(
        "status",
        "operator",
        "POST",
        "/api/v1/status/incidents/{incident_id}/updates",
        path=f"/api/v1/status/incidents/{incident_id}/updates",
        json={**words, "resolve": True},
        action="status.update.create",
        target=lambda r: str(r.json()["id"]),
    )
    update_id = str(update.json().get("id"))
    platform.act(
        "status",
        "operator",
        "PATCH",
        "/api/v1/status/updates/{update_id}",
        path=f"/api/v1/status/updates/{update_id}",
        json={"text_id": "Pemeriksaan selesai.", "text_en": "The check is over."},
        action="status.update.edit",
        target=update_id,
    )
    starts = datetime.now(UTC) + timedelta(days=30)
    window = platform.act(
        "status",
        "operator",
        "POST",
        "/api/v1/status/maintenance",
        json={
            **words,
            "title_id": "Pemeliharaan",
            "title_en": "Maintenance",
            "components": ["passports"],
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=1)).isoformat(),
        },
        action="status.maintenance.schedule",
        target=lambda r: str(r.json()["id"]),
    )
    window_id = str(window.json().get("id"))
    platform.act(
        "status",
        "operator",
        "POST",
        "/api/v1/status/maintenance/{window_id}/cancel",
        path=f"/api/v1/status/maintenance/{window_id}/cancel",
        action="status.maintenance.cancel",
        target=window_id,
    )


def _office(platform: Platform) -> None:
    _accounts(platform, "jks", "audit-admin")
    demo = json.loads((platform.gerbang.root / "demo.json").read_text())["passport_office"]
    booked, ready = demo["appointments"], [r for r in demo["ready"] if "collector" not in r]
    officer = "office-officer"
    digest_of = hashlib.sha256(b"photo").hexdigest()
    body = {
        "application_id": booked[0]["application_id"],
        "photo_sha256": digest_of,
        "fingerprints_sha256": digest_of,
    }
    platform.act(
        "jks",
        officer,
        "POST",
        "/api/v1/office/interviews",
        json=body,
        action="passport.office.interview",
        target=booked[0]["application_id"],
    )
    platform.act(
        "jks",
        officer,
        "POST",
        "/office/interviews/{ident}",
        path=f"/office/interviews/{booked[1]['application_id']}",
        files={"photo": ("photo.jpg", b"photo"), "fingerprints": ("prints.wsq", b"prints")},
        action="passport.office.interview",
        target=booked[1]["application_id"],
    )
    holder = ready[0]
    platform.act(
        "jks",
        officer,
        "POST",
        "/api/v1/office/handovers",
        json={
            "application_id": holder["application_id"],
            "collector_kind": "holder",
            "nik": holder["nik"],
            "name": holder["name"],
            "birth_date": holder["birth_date"],
        },
        action="passport.office.handover",
        target=holder["application_id"],
    )
    holder = ready[1]
    platform.act(
        "jks",
        officer,
        "POST",
        "/office/handovers/{ident}",
        path=f"/office/handovers/{holder['application_id']}",
        data={
            "collector_kind": "holder",
            "nik": holder["nik"],
            "name": holder["name"],
            "birth_date": holder["birth_date"],
        },
        action="passport.office.handover",
        target=holder["application_id"],
    )
    platform.act("jks", officer, "POST", "/office/logout", cookie=True, action="token.revoke", target=None)
    platform.sign_in("jks", officer)


def test_every_officer_operator_and_admin_action_is_audited(platform: Platform) -> None:
    routes = mutating_routes(platform.gerbang)
    officers = {key for key in routes if key not in NOT_OFFICERS}
    assert not set(NOT_OFFICERS) - set(routes), "routes named here that no node serves any more"
    for key, permissions in routes.items():
        if key in NOT_OFFICERS:
            assert permissions <= NOT_OFFICERS_PERMISSIONS, (
                f"{key} asks for {permissions}: an officer's route"
            )
    _center(platform)
    _checkpoint(platform)
    _status(platform)
    _office(platform)
    assert not platform.problems, "\n".join(platform.problems)
    assert officers - set(platform.called) == set(), "officer routes this test does not call"
    assert len(officers) >= 40


def _failures_audited(platform: Platform, node: str, before: int, username: str, action: str) -> bool:
    return any(
        e["action"] == action and e["actor"] == f"address:{ADDRESS}" and username in (e["details"] or "")
        for e in platform.entries_after(node, before)
    )


@pytest.mark.parametrize("node", ["central", "cgk", "status", "jks"])
def test_every_failed_sign_in_is_audited(platform: Platform, node: str) -> None:
    client = platform.clients[node]
    known = next(u for n, u in platform.passwords if n == node)
    # A wrong password for a real account, through the API and the node's sign-in page.
    before = platform.head(node)
    wrong = client.post("/api/v1/auth/token", json={"username": known, "password": "not-the-password-1"})
    assert wrong.status_code == 401, wrong.text
    assert _failures_audited(platform, node, before, known, "account.sign_in_failed")
    page = {"central": "/passports/login", "cgk": "/login", "jks": "/office/login"}.get(node)
    if page:
        before = platform.head(node)
        answered = client.post(page, data={"username": known, "password": "not-the-password-2"})
        assert answered.status_code == 401, answered.text
        assert _failures_audited(platform, node, before, known, "account.sign_in_failed")
    # An account locked after too many failures: the refusal itself is audited too.
    locked = f"nobody-{secrets.token_hex(3)}"
    for _ in range(5):
        client.post("/api/v1/auth/token", json={"username": locked, "password": "not-the-password-3"})
    before = platform.head(node)
    refused = client.post("/api/v1/auth/token", json={"username": locked, "password": "not-the-password-3"})
    assert refused.status_code == 429, refused.text
    assert _failures_audited(platform, node, before, locked, "account.sign_in_locked")
    # A bad bearer token (never issued, or a node key nobody holds) is audited, named by its digest only.
    for secret, kind in (
        (f"gtk_{secrets.token_urlsafe(24)}", "api_token"),
        (f"gnk_{secrets.token_urlsafe(24)}", "node"),
    ):
        before = platform.head(node)
        answered = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
        assert answered.status_code == 401, answered.text
        entries = [e for e in platform.entries_after(node, before) if e["action"] == "auth.bad_token"]
        assert [(e["actor"], e["record_type"], e["record_id"]) for e in entries] == [
            (f"address:{ADDRESS}", kind, digest(secret)[:16])
        ]
        assert secret not in json.dumps(entries)
