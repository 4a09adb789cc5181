"""A child's passport application: refused without a consenting parent or guardian, filed with one, and
the office that interviews the child sees who comes with them."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from gerbang.passports.center.intake.feed import office_section
from gerbang.passports.center.orm import GuardianRow
from gerbang.passports.office.schemas import EntryRead, GuardianRead, QueueRead
from gerbang.passports.pages_common import render

# A boy born 5 March 2012 in Jakarta Selatan: 14 on the conftest clock (20 June 2026).
CHILD = {
    "nik": "3174050503120001",
    "name": "Bima Lestari",
    "birth_date": "2012-03-05",
    "sex": "male",
    "kind": "ordinary",
    "validity_years": 5,
    "service": "regular",
}
MOTHER = {"name": "Ayu Lestari", "relationship": "parent", "nik": "3174055504900001", "consent": True}


def test_a_child_without_a_parent_or_guardian_is_refused_with_the_reason_and_the_law(center: Any) -> None:
    response = center.client.post("/api/v1/passports/applications", headers=center.as_("ayu"), json=CHILD)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["reason"] == "guardian.required"
    assert body["field"] == "guardian_name"
    assert "under 17 and not married needs a parent or guardian" in body["message"]
    assert "Permenkumham 8/2014" in body["message"]
    assert (
        center.client.get("/api/v1/passports/applications", headers=center.as_("ayu")).json()["applications"]
        == []
    )


def test_each_missing_part_of_the_guardian_is_named(center: Any) -> None:
    cases = [
        ({"name": "Ayu Lestari", "nik": MOTHER["nik"], "consent": True}, "guardian.relationship_missing"),
        ({**MOTHER, "nik": "12345"}, "guardian.nik_bad"),
        ({**MOTHER, "nik": CHILD["nik"]}, "guardian.nik_is_child"),
        ({**MOTHER, "consent": False}, "guardian.consent_missing"),
    ]
    for guardian, reason in cases:
        response = center.client.post(
            "/api/v1/passports/applications", headers=center.as_("ayu"), json=CHILD | {"guardian": guardian}
        )
        assert response.status_code == 422, response.text
        assert response.json()["reason"] == reason


def test_a_married_minor_and_an_adult_need_no_guardian(center: Any) -> None:
    married = center.apply(body=CHILD | {"married": True})
    assert married["status"] == "submitted"
    with center.database.transaction() as session:
        assert session.execute(select(GuardianRow)).scalars().all() == []


def test_a_ten_year_passport_is_for_adults_and_the_married_only(center: Any) -> None:
    """Permenkumham 18/2022 art. 2A(2): a child gets five years even with a consenting parent."""
    ten_years = CHILD | {"kind": "electronic", "validity_years": 10, "guardian": MOTHER}
    response = center.client.post("/api/v1/passports/applications", headers=center.as_("ayu"), json=ten_years)
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["reason"], body["field"]) == ("application.validity_for_children", "validity_years")
    assert "valid for 5 years" in body["message"]
    assert "17 or older or married" in body["message"]
    assert center.apply(body=ten_years | {"married": True})["validity_years"] == 10


def test_a_child_with_a_consenting_parent_is_filed_and_the_office_sees_the_parent(center: Any) -> None:
    filed = center.apply(body=CHILD | {"guardian": MOTHER})
    with center.database.transaction() as session:
        kept = session.get(GuardianRow, uuid.UUID(filed["id"]))
        assert kept is not None
        assert (kept.name, kept.relationship, kept.nik) == ("Ayu Lestari", "parent", MOTHER["nik"])
    booked = center.book(filed["id"])
    assert booked.status_code == 200, booked.text
    billing = booked.json()["billing"]
    paid = center.pay(
        {"transaction_id": "BNI-BIMA", "billing_code": billing["code"], "amount_idr": billing["amount_idr"],
         "paid_at": center.clock.now().isoformat()}
    )  # fmt: skip
    assert paid.status_code == 200, paid.text
    center.move_to(datetime(2026, 6, 23, 1, 0, tzinfo=UTC))  # the interview day, morning at JKS
    with center.database.transaction() as session:
        _, offices = office_section(session, center.clock.now())
    entry = next(e for e in offices["JKS"]["appointments"] if e["application_id"] == filed["id"])
    assert entry["guardian"] == {"name": "Ayu Lestari", "relationship": "parent", "nik": MOTHER["nik"]}


def test_the_apply_page_asks_for_the_guardian_when_the_birth_date_makes_a_child(center: Any) -> None:
    client = center.client
    client.cookies.clear()
    signed = client.post("/passports/login", data={"username": "ayu", "password": "correct-horse-battery"})
    key = re.search(r'name="key" value="([0-9a-f]{32})"', signed.text)
    assert key
    form = {"key": key.group(1), "action": "submit", "name": CHILD["name"], "nik": CHILD["nik"],
            "birth_date": CHILD["birth_date"], "sex": "male", "passport": "ordinary/5", "service": "regular",
            "guardian_name": "", "guardian_relationship": "", "guardian_nik": ""}  # fmt: skip
    refused = client.post("/passports/apply", data=form)
    assert refused.status_code == 422
    assert 'id="guardian_name-0"' in refused.text
    assert "Orang tua atau wali (pemohon di bawah 17 tahun)" in refused.text
    assert "perlu orang tua atau wali" in refused.text  # guardian.required, beside the field
    assert 'id="error-summary"' in refused.text
    filed = client.post(
        "/passports/apply",
        data=form | {"guardian_name": "Ayu Lestari", "guardian_relationship": "parent",
                     "guardian_nik": MOTHER["nik"], "guardian_consent": "0"},
    )  # fmt: skip
    assert filed.status_code == 200, filed.text
    assert "/book" in str(filed.url)
    adult = client.get("/passports/apply")
    assert 'id="guardian_name-0"' not in adult.text  # no birth date yet: nobody is asked


def test_the_office_queue_shows_who_comes_with_the_child() -> None:
    child = EntryRead(
        application_id=uuid.uuid4(), name="Bima Lestari", nik=CHILD["nik"], birth_date=date(2012, 3, 5),
        service="regular", slot=datetime(2026, 6, 23, 3, 0, tzinfo=UTC), status="paid",
        guardian=GuardianRead(name="Ayu Lestari", relationship="parent", nik=MOTHER["nik"]),
    )  # fmt: skip
    queue = QueueRead(site="JKS", day=date(2026, 6, 23), reference_version=3, appointments=[child], ready=[])
    page = render(
        "office_queue.html", q=queue, warnings=[], tz=ZoneInfo("Asia/Jakarta"), key="k",
        groups=[("late", []), ("upcoming", [child]), ("done", [])],
    ).body  # fmt: skip
    shown = re.search(rf'id="guardian-{child.application_id}">(.*?)</p>', bytes(page).decode(), re.S)
    assert shown, page
    assert "Anak: datang bersama Ayu Lestari (Orang tua, NIK 3174055504900001)" in shown.group(1)
    assert "comes with Ayu Lestari (Parent, NIK 3174055504900001)" in shown.group(1)


def test_the_center_officer_sees_who_consented_for_the_child(center: Any) -> None:
    filed = center.apply(body=CHILD | {"guardian": MOTHER})
    grown_up = {"nik": "3174050801850001", "name": "Dimas Lestari", "birth_date": "1985-01-08"}
    adult = center.apply(body=CHILD | grown_up)
    for ident, code in ((filed["id"], "BNI-CHILD"), (adult["id"], "BNI-ADULT")):
        billing = center.book(ident).json()["billing"]
        paid = center.pay(
            {"transaction_id": code, "billing_code": billing["code"], "amount_idr": billing["amount_idr"],
             "paid_at": center.clock.now().isoformat()}
        )  # fmt: skip
        assert paid.status_code == 200, paid.text
    center.client.cookies.clear()
    signed = center.client.post("/passports/login", data={"username": "rina", "password": center.password})
    assert signed.status_code == 200, signed.text
    console = center.client.get("/passports/officer?status=paid").text
    shown = re.search(rf'id="guardian-{filed["id"]}">(.*?)</p>', console, re.S)
    assert shown, console
    assert "Ayu Lestari (Orang tua, NIK 3174055504900001)" in shown.group(1)
    assert f'id="app-{adult["id"]}"' in console
    assert f'id="guardian-{adult["id"]}"' not in console  # an adult's card names no guardian
