"""Sign-in cannot be guessed at, sign-up tells nothing, tokens end, and an admin can stop an account."""

from __future__ import annotations

import secrets

import httpx
import pytest
from local_gerbang import LocalGerbang

from gerbang.infra.sign_in import PER_ACCOUNT

PASSWORD = "a-long-and-unusual-passphrase-7"


def _center(gerbang: LocalGerbang, address: str = "127.0.0.1") -> httpx.Client:
    # Each test signs in from a loopback address of its own, so one test's lockout spares the others.
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=gerbang.nodes()["central"]["url"], transport=transport, timeout=30)


def _admin(gerbang: LocalGerbang) -> dict[str, str]:
    return {"Authorization": f"Bearer {gerbang.nodes()['central']['token']}"}


def _new_officer(gerbang: LocalGerbang, client: httpx.Client) -> str:
    username = f"officer-{secrets.token_hex(4)}"
    body = {"username": username, "password": PASSWORD, "roles": ["checkpoint-officer"]}
    response = client.post("/api/v1/accounts", json=body, headers=_admin(gerbang))
    assert response.status_code == 201, response.text
    return username


def _sign_in(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/api/v1/auth/token", json={"username": username, "password": password})


@pytest.mark.slow
def test_wrong_passwords_lock_the_account_even_for_the_right_one(gerbang: LocalGerbang) -> None:
    with _center(gerbang, "127.0.2.1") as client:
        username = _new_officer(gerbang, client)
        for _ in range(PER_ACCOUNT):
            assert _sign_in(client, username, "not-the-password-at-all").status_code == 401
        assert _sign_in(client, username, PASSWORD).status_code == 429
        entries = client.get("/api/v1/audit", params={"limit": 1000}, headers=_admin(gerbang)).json()[
            "entries"
        ]
    failed = [
        e for e in entries if e["action"] == "account.sign_in_failed" and e["details"]["username"] == username
    ]
    assert len(failed) == PER_ACCOUNT


@pytest.mark.slow
def test_one_address_guessing_many_accounts_is_locked_out(gerbang: LocalGerbang) -> None:
    with _center(gerbang, "127.0.2.2") as client:
        for n in range(30):
            assert _sign_in(client, f"nobody-{n}", "not-the-password-at-all").status_code == 401
        assert _sign_in(client, "nobody-else", "not-the-password-at-all").status_code == 429
    with _center(gerbang, "127.0.2.3") as other:
        assert _sign_in(other, "nobody-else", "not-the-password-at-all").status_code == 401


@pytest.mark.slow
def test_sign_up_answers_alike_for_a_taken_username(gerbang: LocalGerbang) -> None:
    with _center(gerbang, "127.0.2.4") as client:
        name = f"sari-{secrets.token_hex(4)}"
        first = client.post("/passports/signup", data={"username": name, "password": PASSWORD})
        again = client.post("/passports/signup", data={"username": name, "password": "another-long-phrase-8"})
        assert first.status_code == again.status_code == 200
        assert first.text == again.text


@pytest.mark.slow
@pytest.mark.parametrize("password", ["aaaaaaaaaa", "password123", "qwertyuiop"])
def test_a_common_password_is_refused(gerbang: LocalGerbang, password: str) -> None:
    with _center(gerbang, "127.0.2.5") as client:
        body = {
            "username": f"u-{secrets.token_hex(4)}",
            "password": password,
            "roles": ["checkpoint-officer"],
        }
        response = client.post("/api/v1/accounts", json=body, headers=_admin(gerbang))
    assert response.status_code == 422, response.text


@pytest.mark.slow
def test_every_token_expires(gerbang: LocalGerbang) -> None:
    with _center(gerbang, "127.0.2.6") as client:
        username = _new_officer(gerbang, client)
        answer = _sign_in(client, username, PASSWORD).json()
    assert answer["expires_at"] is not None


@pytest.mark.slow
def test_an_admin_revokes_anothers_tokens_and_disables_the_account(gerbang: LocalGerbang) -> None:
    with _center(gerbang, "127.0.2.7") as client:
        username = _new_officer(gerbang, client)
        token = _sign_in(client, username, PASSWORD).json()["token"]
        mine = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/me", headers=mine).status_code == 200
        revoked = client.post(f"/api/v1/accounts/{username}/tokens/revoke", headers=_admin(gerbang))
        assert revoked.status_code == 204
        assert client.get("/api/v1/me", headers=mine).status_code == 401
        assert client.post(f"/api/v1/accounts/{username}/disable", headers=_admin(gerbang)).status_code == 204
        assert _sign_in(client, username, PASSWORD).status_code == 401
        refused = client.post(f"/api/v1/accounts/{username}/disable", headers=mine)
        assert refused.status_code == 401


@pytest.mark.slow
def test_a_form_posted_with_the_cookie_needs_its_key_whatever_the_authorization_header(
    gerbang: LocalGerbang,
) -> None:
    with _center(gerbang, "127.0.2.8") as client:
        name = f"ani-{secrets.token_hex(4)}"
        client.post("/passports/signup", data={"username": name, "password": PASSWORD})
        signed_in = client.post("/passports/login", data={"username": name, "password": PASSWORD})
        assert signed_in.status_code in (200, 303), signed_in.text
        forged = client.post(
            "/passports/inbox/contact",
            data={"email": "ani@contoh.id"},
            headers={"Authorization": "Basic eDp4"},
        )
    assert forged.status_code == 403, forged.text
