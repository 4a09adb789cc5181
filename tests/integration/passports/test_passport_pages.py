"""The passport pages over HTTP: the applicant's portal, the center's officer console, the office console."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gerbang.apps.edge import create_app as create_edge_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import KEY_SET_FILE
from gerbang.kernel.signed import KeySet
from gerbang.passports.center.intake.feed import refresh_if_changed
from gerbang.sync.center.publisher import Audience
from gerbang.sync.edge.reference_store import ReferenceStore

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def sign_in(client: TestClient, username: str, password: str, *, path: str = "/passports") -> str:
    """Sign in through the page and return the form key of the page signed in to."""
    client.cookies.clear()
    response = client.post(f"{path}/login", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    assert "gerbang_token" in client.cookies
    return key_of(response.text)


def key_of(html: str) -> str:
    found = re.search(r'name="key" value="([0-9a-f]{32})"', html)
    assert found, "the page has no form key"
    return found.group(1)


def apply_form(key: str, *people: dict[str, Any], action: str = "submit") -> dict[str, Any]:
    columns: dict[str, Any] = {"key": key, "action": action}
    for field in ("name", "nik", "birth_date", "sex", "passport", "service"):
        columns[field] = [p[field] for p in people]
    return columns


def ayu_form(center: Any, **changes: str) -> dict[str, str]:
    ayu = center.ayu
    return {
        "name": ayu["name"], "nik": ayu["nik"], "birth_date": ayu["birth_date"], "sex": ayu["sex"],
        "passport": f"{ayu['kind']}/{ayu['validity_years']}", "service": ayu["service"],
    } | changes  # fmt: skip


def applied(center: Any, key: str) -> str:
    """Apply for Ayu through the page; returns the application's id from the booking page it lands on."""
    response = center.client.post("/passports/apply", data=apply_form(key, ayu_form(center)))
    assert response.status_code == 200, response.text
    found = re.search(r"/passports/applications/([0-9a-f-]{36})/book", str(response.url))
    assert found, response.url
    return found.group(1)


def test_signing_in_with_a_wrong_password_says_so_and_keeps_the_username(center: Any) -> None:
    response = center.client.post("/passports/login", data={"username": "ayu", "password": "nope"})
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in response.text  # account.wrong_password
    assert "Wrong username or password" in response.text
    assert 'value="ayu"' in response.text


def test_pages_send_a_visitor_without_a_session_to_sign_in(center: Any) -> None:
    response = center.client.get("/passports/apply", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/passports/login?next=/passports/apply"


def test_a_new_applicant_signs_up_and_lands_on_their_empty_list(center: Any) -> None:
    response = center.client.post(
        "/passports/signup", data={"username": "sari", "password": "short", "display_name": "Sari"}
    )
    assert response.status_code == 422
    assert "at least 10 characters" in response.text
    response = center.client.post(
        "/passports/signup", data={"username": "sari", "password": "panjang-sekali-1", "display_name": "Sari"}
    )
    assert response.status_code == 200
    # The same answer for a taken username: sign-up never tells which usernames exist.
    again = center.client.post(
        "/passports/signup", data={"username": "sari", "password": "lain-lagi-sekali-2"}
    )
    assert (again.status_code, again.text) == (response.status_code, response.text)
    signed_in = center.client.post(
        "/passports/login", data={"username": "sari", "password": "panjang-sekali-1"}
    )
    assert "Belum ada permohonan" in signed_in.text
    assert "Halo, Sari." in signed_in.text  # the name given at sign-up, not the username "sari"
    weak = center.client.post("/passports/signup", data={"username": "budi", "password": "x" * 12})
    assert weak.status_code == 422
    assert "too easy to guess" in weak.text


def test_a_bad_nik_is_refused_next_to_the_field_keeping_what_was_typed(center: Any) -> None:
    key = sign_in(center.client, "ayu", center.password)
    form = apply_form(key, ayu_form(center, nik="31740555049"))
    response = center.client.post("/passports/apply", data=form)
    assert response.status_code == 422
    assert 'id="nik-0-problem"' in response.text
    assert "A NIK has exactly 16 digits" in response.text
    assert 'value="31740555049"' in response.text
    assert 'value="Ayu Lestari"' in response.text
    assert "Traceback" not in response.text


def test_the_fee_from_policy_is_shown_before_submitting(center: Any) -> None:
    key = sign_in(center.client, "ayu", center.password)
    person = ayu_form(center, service="same-day")
    response = center.client.post("/passports/apply", data=apply_form(key, person, action="preview"))
    assert response.status_code == 200
    # An electronic 5-year passport at same-day speed: 650,000 + 1,000,000 under PP 45/2024.
    assert "Rp 1.650.000" in response.text
    assert center.client.get("/passports").text.count("/passports/applications/") == 0


def test_one_form_files_a_family_or_nobody(center: Any) -> None:
    key = sign_in(center.client, "ayu", center.password)
    child = center.person(7) | {"passport": "ordinary/5"}
    child = {k: child[k] for k in ("name", "nik", "birth_date", "sex", "passport", "service")}
    broken = dict(child, birth_date="1985-01-03")
    response = center.client.post("/passports/apply", data=apply_form(key, ayu_form(center), broken))
    assert response.status_code == 422
    assert 'id="birth_date-1-problem"' in response.text
    assert "Ayu Lestari" not in center.client.get("/passports").text
    response = center.client.post("/passports/apply", data=apply_form(key, ayu_form(center), child))
    assert response.status_code == 200
    assert "Ayu Lestari" in response.text
    assert "Person 7" in response.text


def test_an_applicant_applies_books_and_sees_the_billing_code(center: Any) -> None:
    key = sign_in(center.client, "ayu", center.password)
    ident = applied(center, key)
    page = center.client.get(f"/passports/applications/{ident}/book")
    assert "Kantor imigrasi" in page.text
    assert "JKS" in page.text
    bad = {"key": key, "office": "JKS", "day": "2026-06-27", "hour": "9"}  # a Saturday
    response = center.client.post(f"/passports/applications/{ident}/book", data=bad)
    assert response.status_code == 422
    assert "not a working day" in response.text
    good = bad | {"day": center.day.isoformat()}
    response = center.client.post(f"/passports/applications/{ident}/book", data=good)
    assert response.status_code == 200
    code = center.get(ident)["billing"]["code"]
    assert len(code) == 15
    assert f'id="billing-code">{code}<' in response.text
    assert "Rp 650.000" in response.text
    assert "20 Juni 2026 13:15 WIB" in response.text  # two hours after 11:15 WIB


def test_the_page_says_payment_received_when_the_bank_callback_lands(center: Any) -> None:
    key = sign_in(center.client, "ayu", center.password)
    ident = applied(center, key)
    center.client.post(
        f"/passports/applications/{ident}/book",
        data={"key": key, "office": "JKS", "day": center.day.isoformat(), "hour": "9"},
    )
    billing = center.get(ident)["billing"]
    notice = {"transaction_id": "BNI-1", "billing_code": billing["code"], "amount_idr": billing["amount_idr"],
              "paid_at": center.clock.now().isoformat()}  # fmt: skip
    assert center.pay(notice).json()["outcome"] == "applied"
    page = center.client.get(f"/passports/applications/{ident}").text
    assert "Pembayaran diterima" in page
    assert "Payment received" in page
    assert page.count("<li><strong>") == 3  # submitted, awaiting payment, paid


def test_an_applicant_cannot_see_another_applicants_application(center: Any) -> None:
    key = sign_in(center.client, "ayu", center.password)
    ident = applied(center, key)
    sign_in(center.client, "ben", center.password)
    for path in (f"/passports/applications/{ident}", f"/passports/applications/{ident}/book"):
        response = center.client.get(path)
        assert response.status_code == 404
        assert "Tidak ditemukan" in response.text
        assert "Ayu" not in response.text
    assert center.client.get("/passports/applications/not-a-uuid").status_code == 404


def test_a_form_without_the_session_key_is_refused(center: Any) -> None:
    sign_in(center.client, "ayu", center.password)
    response = center.client.post("/passports/apply", data=apply_form("0" * 32, ayu_form(center)))
    assert response.status_code == 403
    assert "out of date" in response.text


def test_the_center_officer_approves_after_the_interview(center: Any) -> None:
    ident = center.apply()["id"]
    billing = center.book(ident).json()["billing"]
    notice = {"transaction_id": "BNI-2", "billing_code": billing["code"], "amount_idr": billing["amount_idr"],
              "paid_at": center.clock.now().isoformat()}  # fmt: skip
    center.pay(notice)
    center.officer(ident, "interview", {"photo_sha256": "ab" * 32, "fingerprints_sha256": "cd" * 32})
    key = sign_in(center.client, "rina", center.password)
    console = center.client.get("/passports/officer?status=interviewed")
    assert "Ayu Lestari" in console.text
    refused = center.client.post(f"/passports/officer/{ident}/reject", data={"key": key, "reason": ""})
    assert refused.status_code == 409
    assert "Give the reason" in refused.text
    response = center.client.post(f"/passports/officer/{ident}/approve", data={"key": key})
    assert response.status_code == 200
    assert "Recorded" in response.text
    assert center.get(ident)["status"] == "approved"
    again = center.client.post(f"/passports/officer/{ident}/approve", data={"key": key})
    assert again.status_code == 409
    assert center.client.get("/passports/officer?status=bogus").status_code == 200


def test_an_applicant_cannot_open_the_officer_console(center: Any) -> None:
    sign_in(center.client, "ayu", center.password)
    response = center.client.get("/passports/officer")
    assert response.status_code == 403
    assert "Tidak diizinkan" in response.text


# Tuesday 23 June 2026, 08:00 in Jakarta: the day the appointments were booked for.
INTERVIEW_DAY = datetime(2026, 6, 23, 1, 0, tzinfo=UTC)
DIGEST = "ab" * 32


def paid(center: Any, serial: int) -> str:
    application = center.apply("ben", center.person(serial))
    billing = center.book(application["id"], user="ben", hour=8 + serial).json()["billing"]
    notice = {"transaction_id": f"BNI-{serial}", "billing_code": billing["code"],
              "amount_idr": billing["amount_idr"], "paid_at": center.clock.now().isoformat()}  # fmt: skip
    assert center.pay(notice).json()["outcome"] == "applied"
    return str(application["id"])


def ready(center: Any) -> str:
    ident = paid(center, 5)
    center.officer(ident, "interview", {"photo_sha256": DIGEST, "fingerprints_sha256": DIGEST})
    for step in ("approve", "printed", "ready"):
        assert center.officer(ident, step).status_code == 200
    return ident


@pytest.fixture
def office(center: Any, tmp_path: Path) -> Iterator[TestClient]:
    """Office JKS on the interview day, holding the center's signed appointments and ready passports."""
    center.waiting, center.ready = paid(center, 1), ready(center)
    center.move_to(INTERVIEW_DAY)
    now = center.clock.now()
    with center.database.transaction() as session:
        refresh_if_changed(session, at=now, previous=None)
        text = center.client.app.state.reference_publisher.latest(
            session, at=now, audience=Audience("office", "JKS")
        ).text
    home = tmp_path / "jks"
    (home / "trust").mkdir(parents=True)
    shutil.copy(tmp_path / "keys" / "reference" / KEY_SET_FILE, home / "trust" / "reference-keys.json")
    trust = KeySet.loads((home / "trust" / "reference-keys.json").read_bytes())
    ReferenceStore(home / "reference", trust).install(text, at=now)
    url = f"sqlite:///{home / 'gerbang.db'}"
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        accounts.create_account(
            session, username="clerk", password=center.password, roles=frozenset({Role.OFFICE_OFFICER}),
            display_name=None, actor="shell:admin", at=now,
        )  # fmt: skip
    settings = Settings(data_dir=home, role="office", node_name="jks", site="JKS")
    app = create_edge_app(settings, clock=center.clock, database=database, background=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_the_office_console_lists_the_days_queue_and_records_an_interview_from_files(
    center: Any, office: TestClient
) -> None:
    key = sign_in(office, "clerk", center.password, path="/office")
    page = office.get("/office").text
    assert "Person 1" in page
    assert "Person 5" in page  # ready for collection
    files = {"photo": ("face.jpg", b"\xff\xd8 a photo", "image/jpeg"),
             "fingerprints": ("prints.wsq", b"ten prints", "application/octet-stream")}  # fmt: skip
    missing = office.post(
        f"/office/interviews/{center.waiting}", data={"key": key}, files={"photo": files["photo"]}
    )
    assert missing.status_code == 422
    assert "Choose the fingerprints file" in missing.text
    response = office.post(f"/office/interviews/{center.waiting}", data={"key": key}, files=files)
    assert response.status_code == 200
    assert "Sudah wawancara" in response.text
    with TestClient(office.app) as api:
        token = api.post("/api/v1/auth/token", json={"username": "clerk", "password": center.password})
        headers = {"Authorization": f"Bearer {token.json()['token']}"}
        entries = api.get("/api/v1/office/appointments", headers=headers).json()["appointments"]
    assert [e["status"] for e in entries if e["application_id"] == center.waiting] == ["interviewed"]


def test_a_handover_with_the_wrong_nik_is_refused_with_its_reason(center: Any, office: TestClient) -> None:
    key = sign_in(office, "clerk", center.password, path="/office")
    holder = center.person(5)
    form = {"key": key, "collector_kind": "holder", "nik": holder["nik"][:-1] + "9", "name": holder["name"],
            "birth_date": holder["birth_date"]}  # fmt: skip
    refused = office.post(f"/office/handovers/{center.ready}", data=form)
    assert refused.status_code == 409
    assert "Hand-over refused" in refused.text
    assert f'value="{form["nik"]}"' in refused.text
    short = office.post(f"/office/handovers/{center.ready}", data=form | {"nik": "123"})
    assert short.status_code == 422
    assert 'id="nik-0-problem"' in short.text
    done = office.post(f"/office/handovers/{center.ready}", data=form | {"nik": holder["nik"]})
    assert done.status_code == 200
    assert "Sudah diserahkan" in done.text


def test_the_first_booking_lists_the_days_with_places_as_rescheduling_does(center: Any) -> None:
    key = sign_in(center.client, "ayu", center.password)
    ident = applied(center, key)
    page = center.client.get(f"/passports/applications/{ident}/book?office=JKS")
    assert page.status_code == 200
    assert "Hari yang masih ada tempat di JKS" in page.text
    listed = f'id="open-{center.day.isoformat()}"'
    assert listed in page.text
    assert "tempat" in page.text.split(listed, 1)[1][:400]
    chosen = {"key": key, "office": "JKS", "day": center.day.isoformat(), "hour": "9"}
    booked = center.client.post(f"/passports/applications/{ident}/book", data=chosen)
    assert booked.status_code == 200
    assert center.get(ident)["booking"]["day"] == center.day.isoformat()
