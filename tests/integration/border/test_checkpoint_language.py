"""The checkpoint's pages in the officer's chosen language: a decision's reasons, the supervisor view and
the queue board, from the catalogue; reasons never contradict the outcome; rupiah the Indonesian way."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from gerbang.documents import make_zone

PASSWORD = "correct-horse-battery"


def zone(nationality: str, *, expiry: str = "320101", number: str = "A12345678") -> str:
    lines = make_zone(
        format="TD3", document_type="P", issuing_state=nationality, surname="Walker",
        given_names="Ann", document_number=number, nationality=nationality, birth_date="900101",
        sex="F", expiry_date=expiry,
    )  # fmt: skip
    return "\n".join(lines)


@pytest.fixture
def client(checkpoint_client: TestClient) -> TestClient:
    response = checkpoint_client.post("/login", data={"username": "super1", "password": PASSWORD})
    assert response.status_code == 303, response.text
    return checkpoint_client


def key_of(client: TestClient) -> str:
    found = re.search(r'name="key" value="([0-9a-f]+)"', client.get("/lanes/C1").text)
    assert found
    return found.group(1)


def reasons_of(html: str) -> list[str]:
    listed = re.search(r'<ul class="reasons">(.*?)</ul>', html, re.S)
    assert listed, html
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", listed.group(1))]


def choose(client: TestClient, lang: str) -> None:
    assert client.post("/language", data={"lang": lang, "next": "/lanes/C1"}).status_code == 303


def test_a_refused_traveller_reads_why_in_indonesian_and_is_never_told_to_buy_a_visa(
    client: TestClient,
) -> None:
    # An Australian (visa on arrival) with an expired passport: refused, so no visa is sold.
    refused = client.post(
        "/lanes/C1", data={"key": key_of(client), "direction": "entry", "mrz": zone("AUS", expiry="200101")}
    )
    assert 'class="word">TOLAK<' in refused.text
    reasons = " ".join(reasons_of(refused.text))
    assert "Paspor sudah habis berlaku pada 1 Januari 2020." in reasons  # the day the Indonesian way
    assert "jangan jual visa" in reasons
    assert "Tagih biayanya" not in reasons
    assert "Collect the fee" not in refused.text
    assert "The passport expired" not in refused.text

    choose(client, "en")
    again = client.post(
        "/lanes/C1", data={"key": key_of(client), "direction": "entry", "mrz": zone("AUS", expiry="200101")}
    )
    english = " ".join(reasons_of(again.text))
    assert "The passport expired on 2020-01-01." in english
    assert "do not sell one" in english
    assert "Collect the fee" not in english


def test_a_visa_on_arrival_names_its_fee_in_rupiah_with_indonesian_separators(client: TestClient) -> None:
    unpaid = client.post(
        "/lanes/C1",
        data={"key": key_of(client), "direction": "entry", "mrz": zone("AUS"), "biometric": "yes"},
    )
    assert 'class="word">RUJUK<' in unpaid.text
    said = " ".join(reasons_of(unpaid.text))
    assert "dapat membeli visa kedatangan (Rp 500.000). Tagih biayanya." in said
    paid = client.post(
        "/lanes/C1",
        data={"key": key_of(client), "direction": "entry", "mrz": zone("AUS", number="B7654321"),
              "biometric": "yes", "voa_paid": "on"},
    )  # fmt: skip
    assert 'class="word">IZINKAN<' in paid.text
    assert "Visa kedatangan dibayar (Rp 500.000); 30 hari" in " ".join(reasons_of(paid.text))


def test_the_supervisor_view_speaks_the_chosen_language(client: TestClient) -> None:
    client.post("/lanes/C1", data={"key": key_of(client), "direction": "entry", "mrz": zone("IDN")})
    indonesian = client.get("/supervisor").text
    assert '<html lang="id">' in indonesian
    for said in ("Jalur di CGK", "Diizinkan hari ini", "Menunggu diunggah", "Pusat terjangkau",
                 "Belum ada data referensi dari pusat", "1 izinkan", ">IZINKAN<", "Kedatangan"):  # fmt: skip
        assert said in indonesian, said
    for english in ("Lanes at", "Admitted today", "Waiting to upload", "no reference data received",
                    "No crossings yet", ">ADMIT<", "Attention"):  # fmt: skip
        assert english not in indonesian, english

    choose(client, "en")
    english = client.get("/supervisor").text
    assert '<html lang="en">' in english
    for said in ("Lanes at CGK", "Admitted today", "No crossings yet", "no reference data received"):
        assert said in english, said
    assert "Diizinkan hari ini" not in english


def test_the_queue_board_speaks_the_chosen_language(client: TestClient) -> None:
    indonesian = client.get("/supervisor/queues").text
    assert '<html lang="id">' in indonesian
    for said in ("Antrean di CGK", "Dua jam ke depan", "Hitung antrean", "Muat jadwal", "WNI", "Buka"):
        assert said in indonesian, said
    for english in ("Queues at", "Next two hours", "Head count", "Load schedule", "Out of order",
                    "predicted wait", "in line", "Indonesian citizens"):  # fmt: skip
        assert english not in indonesian, english

    choose(client, "en")
    english = client.get("/supervisor/queues").text
    for said in ("Queues at CGK", "Next two hours", "Head count", "Indonesian citizens"):
        assert said in english, said
    assert "Hitung antrean" not in english
