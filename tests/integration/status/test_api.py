"""The status API and pages on a real store: public reads, operator writes with audit, and bad input."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from sqlalchemy import select

from gerbang.infra.orm import AuditEntryRow
from gerbang.status.orm import StatusSubscriberRow

if TYPE_CHECKING:
    # The fixture's type only: at run time the fixture comes from this folder's conftest.
    from conftest import StatusNode

ATOM = "{http://www.w3.org/2005/Atom}"
INCIDENT = {
    "title_id": "Pembayaran PNBP terganggu",
    "title_en": "PNBP payments disrupted",
    "components": ["passports"],
    "text_id": "Bank mitra sedang gangguan.",
    "text_en": "The partner bank has an outage.",
}


def open_incident(node: StatusNode) -> str:
    response = node.client.post("/api/v1/status/incidents", json=INCIDENT, headers=node.operator)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_public_status_needs_no_token_and_names_components_in_the_asked_language(node: StatusNode) -> None:
    english = node.client.get("/api/v1/status", params={"lang": "en"}).json()
    indonesian = node.client.get("/api/v1/status").json()
    assert [c["id"] for c in english["components"]] == [
        "passports",
        "portal",
        "visas",
        "evoa",
        "checkpoint-cgk",
    ]
    assert english["components"][0]["name"] == "Passports"
    assert indonesian["components"][0]["name"] == "Paspor"
    assert {c["state"] for c in english["components"]} == {"unknown"}  # no round yet: never green


def test_operator_opens_updates_edits_and_resolves_and_every_step_is_audited(node: StatusNode) -> None:
    incident_id = open_incident(node)
    node.clock.advance(timedelta(minutes=5))
    update = node.client.post(
        f"/api/v1/status/incidents/{incident_id}/updates",
        headers=node.operator,
        json={"text_id": "Masih gangguan.", "text_en": "Still disrupted."},
    )
    assert update.status_code == 201
    words = {"text_id": "Masih terganggu.", "text_en": "Still disrupted (bank)."}
    edited = node.client.patch(
        f"/api/v1/status/updates/{update.json()['id']}", headers=node.operator, json=words
    )
    assert edited.status_code == 200
    node.clock.advance(timedelta(minutes=5))
    last = {"text_id": "Sudah pulih.", "text_en": "Recovered.", "resolve": True}
    done = node.client.post(
        f"/api/v1/status/incidents/{incident_id}/updates", headers=node.operator, json=last
    )
    assert done.status_code == 201
    incident = node.client.get("/api/v1/status", params={"lang": "en"}).json()["incidents"][0]
    assert incident["state"] == "resolved"
    assert [u["text_en"] for u in incident["updates"]] == [
        "Recovered.",
        "Still disrupted (bank).",
        INCIDENT["text_en"],
    ]
    assert incident["updates"][1]["edited_at"] is not None
    with node.database.transaction() as session:
        actions = session.execute(select(AuditEntryRow.action, AuditEntryRow.actor)).all()
    status_actions = [(a, who) for a, who in actions if a.startswith("status.")]
    assert status_actions == [
        ("status.incident.create", "account:ops"),
        ("status.update.create", "account:ops"),
        ("status.update.edit", "account:ops"),
        ("status.update.create", "account:ops"),
    ]
    again = node.client.post(
        f"/api/v1/status/incidents/{incident_id}/updates",
        headers=node.operator,
        json={"text_id": "Lagi.", "text_en": "Again."},
    )
    assert again.status_code == 409


def test_several_incidents_run_at_once(node: StatusNode) -> None:
    first = open_incident(node)
    node.clock.advance(timedelta(minutes=1))
    second = open_incident(node)
    incidents = node.client.get("/api/v1/status").json()["incidents"]
    assert [i["id"] for i in incidents] == [second, first]
    assert {i["state"] for i in incidents} == {"open"}


def test_operator_api_refuses_strangers_and_the_wrong_role(node: StatusNode) -> None:
    assert node.client.post("/api/v1/status/incidents", json=INCIDENT).status_code == 401
    assert node.client.post("/api/v1/status/incidents", json=INCIDENT, headers=node.viewer).status_code == 403
    assert node.client.get("/api/v1/status/deliveries", headers=node.viewer).status_code == 403


def test_bad_input_gets_a_4xx_with_a_message_never_a_500(node: StatusNode) -> None:
    nobody = uuid.uuid4()
    cases = [
        ("post", "/api/v1/status/incidents", {**INCIDENT, "components": ["nope"]}, 422),
        ("post", "/api/v1/status/incidents", {**INCIDENT, "extra": 1}, 422),
        ("post", f"/api/v1/status/incidents/{nobody}/updates", {"text_id": "abc", "text_en": "ab"}, 422),
        ("post", f"/api/v1/status/incidents/{nobody}/updates", {"text_id": "abc", "text_en": "xyz"}, 404),
        ("post", "/api/v1/status/incidents/not-a-uuid/updates", {"text_id": "abc", "text_en": "abc"}, 422),
        ("patch", f"/api/v1/status/updates/{uuid.uuid4()}", {"text_id": "abc", "text_en": "abc"}, 404),
        (
            "post",
            "/api/v1/status/maintenance",
            {**INCIDENT, "starts_at": "2026-01-01T10:00:00+07:00", "ends_at": "2026-01-01T09:00:00+07:00"},
            422,
        ),
        (
            "post",
            "/api/v1/status/maintenance",
            {**INCIDENT, "starts_at": "2026-01-01T10:00:00", "ends_at": "2026-01-01T11:00:00"},
            422,
        ),
    ]
    for method, path, body, expected in cases:
        response = node.client.request(method, path, json=body, headers=node.operator)
        assert response.status_code == expected, (path, response.text)
        assert response.json()["message"]
    for body in (
        {"kind": "email", "address": "not an email"},
        {"kind": "webhook", "address": "ftp://x"},
        {"kind": "sms", "address": "0812"},
    ):
        assert node.client.post("/api/v1/status/subscribers", json=body).status_code == 422
    assert node.client.get("/api/v1/status", params={"lang": "fr"}).status_code == 422
    assert node.client.get("/unsubscribe", params={"token": "x.y"}).status_code == 404
    assert node.client.post("/subscribe", data={"email": "nope"}).status_code == 422


def test_one_click_unsubscribe_needs_no_login(node: StatusNode) -> None:
    node.app.state.allow_private_webhooks = True  # the receiver would be on loopback, as in a lab
    made = node.client.post(
        "/api/v1/status/subscribers", json={"kind": "webhook", "address": "http://127.0.0.1:9/x"}
    )
    assert made.status_code == 201
    link = made.json()["unsubscribe_url"]
    assert link.startswith("https://status.example.id/unsubscribe?token=")
    page = node.client.get(link.removeprefix("https://status.example.id") + "&lang=en")
    assert page.status_code == 200
    assert "You are unsubscribed" in page.text
    with node.database.transaction() as session:
        row = session.execute(select(StatusSubscriberRow)).scalar_one()
        assert row.unsubscribed_at is not None


def test_page_form_subscribes_without_javascript(node: StatusNode) -> None:
    response = node.client.post(
        "/subscribe", data={"email": "budi@contoh.id", "lang": "en"}, follow_redirects=False
    )
    assert response.status_code == 303
    page = node.client.get(response.headers["location"])
    assert "You will get the next update by email." in page.text
    # Only this node's own scripts, none inline, and no full-page reload that would wipe a form.
    assert re.findall(r"<script[^>]*>", page.text) == [
        '<script src="/static/htmx.min.js" defer>',
        '<script src="/static/status.js" defer>',
    ]
    assert 'http-equiv="refresh"' not in page.text


def test_feed_is_valid_atom_with_an_entry_per_update(node: StatusNode) -> None:
    open_incident(node)
    response = node.client.get("/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own node's output
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    for required in ("id", "title", "updated", "content"):
        assert entries[0].find(f"{ATOM}{required}") is not None
    assert entries[0].findtext(f"{ATOM}id", "").startswith("urn:uuid:")
    assert "The partner bank has an outage." in entries[0].findtext(f"{ATOM}content", "")


def test_page_language_follows_the_query_then_accept_language(node: StatusNode) -> None:
    assert 'lang="en"' in node.client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).text
    assert 'lang="id"' in node.client.get("/", headers={"Accept-Language": "id-ID,id;q=0.9,en;q=0.8"}).text
    assert 'lang="id"' in node.client.get("/", params={"lang": "id"}, headers={"Accept-Language": "en"}).text
    assert 'lang="id"' in node.client.get("/", params={"lang": "xx"}).text
