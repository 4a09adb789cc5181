"""The checkpoint pages: cookie sign-in, the lane console with and without htmx, the supervisor view."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from gerbang.documents import make_zone
from gerbang.infra.database import Database
from gerbang.kernel.clock import FixedClock

PASSWORD = "correct-horse-battery"


def zone(nationality: str = "IDN", *, expiry: str = "320101", number: str = "A12345678") -> str:
    lines = make_zone(
        format="TD3", document_type="P", issuing_state=nationality, surname="Santoso",
        given_names="Budi", document_number=number, nationality=nationality, birth_date="900101",
        sex="M", expiry_date=expiry,
    )  # fmt: skip
    return "\n".join(lines)


@pytest.fixture
def client(checkpoint_client: TestClient) -> TestClient:
    checkpoint_client.cookies.set("gerbang_lang", "en")  # these tests read the console in English
    return checkpoint_client


def sign_in(client: TestClient, username: str = "officer1") -> str:
    """Sign in and return the form key of the lane console."""
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 303, response.text
    page = client.get("/lanes/C1")
    assert page.status_code == 200
    found = re.search(r'name="key" value="([0-9a-f]+)"', page.text)
    assert found
    return found.group(1)


def verdict(html: str) -> str:
    found = re.search(r'class="word">(\w+)<', html)
    assert found, html
    return found.group(1)


def test_signing_in_sets_an_httponly_strict_cookie_and_opens_the_lane_console(client: TestClient) -> None:
    response = client.post("/login", data={"username": "officer1", "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["location"] == "/lanes/C1"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("gerbang_token=gtk_")
    assert "HttpOnly" in cookie
    assert "samesite=strict" in cookie.lower()
    assert "Max-Age=43200" in cookie
    assert "Lane C1" in client.get("/lanes/C1").text


def test_signing_in_returns_to_the_page_asked_for_but_never_to_another_site(client: TestClient) -> None:
    back = client.post("/login", data={"username": "super1", "password": PASSWORD, "next": "/supervisor"})
    assert back.headers["location"] == "/supervisor"
    away = client.post("/login", data={"username": "super1", "password": PASSWORD, "next": "//evil.example"})
    assert away.headers["location"] == "/lanes/C1"


def test_a_wrong_password_shows_the_form_again_without_saying_which_part(client: TestClient) -> None:
    response = client.post("/login", data={"username": "officer1", "password": "not-the-password"})
    assert response.status_code == 401
    assert "Wrong username or password" in response.text  # account.wrong_password
    assert 'value="officer1"' in response.text
    assert "set-cookie" not in response.headers
    unknown = client.post("/login", data={"username": "nobody", "password": "not-the-password"})
    assert "Wrong username or password" in unknown.text


def test_pages_without_a_cookie_redirect_to_sign_in(client: TestClient) -> None:
    for path in ["/lanes/C1", "/supervisor"]:
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["location"] == f"/login?next={path}"
    # htmx would put a redirected page inside the panel, so it is told to load the sign-in page whole.
    polled = client.get("/supervisor", headers={"HX-Request": "true"})
    assert polled.headers["hx-redirect"] == "/login?next=/supervisor"


def test_signing_out_forgets_the_cookie(client: TestClient) -> None:
    sign_in(client)
    response = client.post("/logout")
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert client.get("/lanes/C1").status_code == 303


def test_signing_out_revokes_the_token_itself(client: TestClient) -> None:
    sign_in(client)
    token = client.cookies.get("gerbang_token")
    assert token
    client.post("/logout")
    # A copy of the cookie taken before sign-out no longer works anywhere.
    response = client.get("/api/v1/health", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_a_plain_form_post_of_a_citizen_renders_the_decision(client: TestClient) -> None:
    key = sign_in(client)
    response = client.post(
        "/lanes/C1", data={"key": key, "direction": "entry", "mrz": zone(), "biometric": "yes"}
    )
    assert response.status_code == 200
    assert "<html" in response.text  # the whole page again: it works without JavaScript
    assert verdict(response.text) == "ADMIT"
    assert "citizen_entry" in response.text
    assert "SANTOSO" in response.text
    assert "Decided offline</dt><dd>Yes" in response.text  # no center has answered yet
    assert "version 0" in response.text
    assert "Record override" not in response.text  # officers see no override form


def test_an_expired_foreign_passport_is_refused_with_its_reason(client: TestClient) -> None:
    key = sign_in(client)
    response = client.post(
        "/lanes/C1", data={"key": key, "direction": "entry", "mrz": zone("MYS", expiry="200101")}
    )
    assert verdict(response.text) == "REFUSE"
    assert "expired" in response.text


def test_an_htmx_post_answers_with_the_panel_and_a_fresh_form(client: TestClient) -> None:
    key = sign_in(client)
    response = client.post(
        "/lanes/C1", data={"key": key, "direction": "exit", "mrz": zone()}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert verdict(response.text) == "ADMIT"
    assert 'id="lane-form"' in response.text
    assert 'hx-swap-oob="true"' in response.text
    assert 'value="exit" checked' in response.text  # the direction stays for the next traveller


def test_a_malformed_zone_names_line_and_position_and_keeps_what_was_typed(client: TestClient) -> None:
    key = sign_in(client)
    typed = zone().replace("SANTOSO", "SANT0$O")
    response = client.post(
        "/lanes/C1", data={"key": key, "direction": "entry", "mrz": typed, "flight": "GA871"}
    )
    assert response.status_code == 400
    assert re.search(r"Line 1, position \d+", response.text)
    assert "SANT0$O" in response.text
    assert 'value="GA871"' in response.text
    short = client.post("/lanes/C1", data={"key": key, "direction": "entry", "mrz": "P<IDNSANTOSO"})
    assert short.status_code == 422
    assert "he zone has 1 line" in short.text  # a sentence on the page: "The zone has 1 line(s)"


def test_an_overstay_shows_the_fine_in_rupiah(client: TestClient, clock: FixedClock) -> None:
    key = sign_in(client)
    mrz = zone("MYS", number="K77777777")
    entered = client.post(
        "/lanes/C1", data={"key": key, "direction": "entry", "mrz": mrz, "biometric": "yes"}
    )
    assert verdict(entered.text) == "ADMIT"
    clock.advance(timedelta(days=40))
    key = sign_in(client)  # the first session has run out meanwhile
    left = client.post("/lanes/C1", data={"key": key, "direction": "exit", "mrz": mrz, "biometric": "yes"})
    assert re.search(r'class="fine">Rp \d{1,3}(\.\d{3})+<', left.text), left.text


def test_an_officer_cannot_override_or_open_the_supervisor_view(client: TestClient, sqlite_url: str) -> None:
    key = sign_in(client)
    decided = client.post("/lanes/C1", data={"key": key, "direction": "entry", "mrz": zone()})
    assert verdict(decided.text) == "ADMIT"
    store = Database(sqlite_url)  # officers' pages never show the id, so it is read from the store
    with store.transaction() as session:
        target = session.execute(text("SELECT id FROM crossings")).scalar_one()
    store.dispose()
    response = client.post(
        f"/lanes/C1/crossings/{uuid.UUID(str(target))}/override",
        data={"key": key, "decision": "refuse", "reason": "because"},
    )
    assert response.status_code == 403
    assert "crossings:override" in response.text
    assert client.get("/supervisor").status_code == 403


def test_a_form_without_the_session_key_is_refused(client: TestClient) -> None:
    sign_in(client)
    response = client.post("/lanes/C1", data={"key": "forged", "direction": "entry", "mrz": zone()})
    assert response.status_code == 403
    assert "reload the page" in response.text


def test_an_unknown_lane_is_a_page_not_a_traceback(client: TestClient) -> None:
    sign_in(client)
    response = client.get("/lanes/Z9")
    assert response.status_code == 422
    assert "C1, A1" in response.text


def test_a_supervisor_overrides_and_the_original_stays(client: TestClient) -> None:
    key = sign_in(client, "super1")
    decided = client.post("/lanes/C1", data={"key": key, "direction": "entry", "mrz": zone("MYS")})
    found = re.search(r"/crossings/([0-9a-f-]{36})/override", decided.text)
    assert found
    response = client.post(
        f"/lanes/C1/crossings/{found.group(1)}/override",
        data={"key": key, "decision": "refer", "reason": "second look at the photo"},
    )
    assert response.status_code == 200
    assert "Overridden from <strong>ADMIT</strong> to <strong>REFER</strong>" in response.text
    assert verdict(response.text) == "REFER"  # what the lane acts on now


def test_the_supervisor_view_shows_lanes_counts_and_warnings(client: TestClient) -> None:
    key = sign_in(client, "super1")
    client.post("/lanes/C1", data={"key": key, "direction": "entry", "mrz": zone()})
    client.post("/lanes/C1", data={"key": key, "direction": "entry", "mrz": zone("MYS", expiry="200101")})
    response = client.get("/supervisor")
    assert response.status_code == 200
    assert 'hx-trigger="every 10s"' in response.text
    assert "no reference data received from the center yet" in response.text
    assert "the center is not reachable" in response.text
    assert re.search(r'<div class="n">1</div><div class="label">✓ Admitted today', response.text)
    assert re.search(r'<div class="n">1</div><div class="label">✕ Refused today', response.text)
    assert re.search(r'<div class="n">2</div><div class="label">Waiting to upload', response.text)
    assert 'A1</a> <span class="id">autogate' in response.text
    assert "…5678" in response.text
    assert "A12345678" not in response.text
    polled = client.get("/supervisor", headers={"HX-Request": "true"})
    assert polled.text.lstrip().startswith('<div id="board"')


def test_the_console_is_indonesian_until_the_officer_chooses_english_and_remembers_it(
    client: TestClient,
) -> None:
    client.cookies.delete("gerbang_lang")
    login = client.get("/login")
    assert '<html lang="id">' in login.text
    assert "Nama pengguna" in login.text
    assert "Username" not in login.text
    key = sign_in(client)
    console = client.get("/lanes/C1")
    assert '<html lang="id">' in console.text
    assert ">Putuskan</button>" in console.text
    assert "Machine-readable zone" not in console.text
    decided = client.post("/lanes/C1", data={"key": key, "direction": "entry", "mrz": zone()})
    assert verdict(decided.text) == "IZINKAN"
    assert "Diputuskan luring</dt><dd>Ya" in decided.text
    assert "Kedatangan di jalur C1" in decided.text

    chosen = client.post("/language", data={"lang": "en", "next": "/lanes/C1"})
    assert chosen.status_code == 303
    assert chosen.headers["location"] == "/lanes/C1"
    cookie = chosen.headers["set-cookie"]
    assert cookie.startswith("gerbang_lang=en;")
    assert "Max-Age=34560000" in cookie  # kept for 400 days: the next shift reads the same language
    english = client.get("/lanes/C1")
    assert '<html lang="en">' in english.text
    assert ">Decide</button>" in english.text
    assert "Putuskan" not in english.text
    assert 'value="en" lang="en" aria-pressed="true"' in english.text
    decided = client.post(
        "/lanes/C1", data={"key": form_key(english.text), "direction": "exit", "mrz": zone()}
    )
    assert verdict(decided.text) == "ADMIT"
    assert "Exit at lane C1" in decided.text

    back = client.post("/language", data={"lang": "id", "next": "//evil.example/"})
    assert back.headers["location"] == "/"  # never another host
    assert ">Putuskan</button>" in client.get("/lanes/C1").text


def form_key(html: str) -> str:
    found = re.search(r'name="key" value="([0-9a-f]+)"', html)
    assert found
    return found.group(1)
