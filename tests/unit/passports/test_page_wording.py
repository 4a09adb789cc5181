"""What the pages say in Indonesian beside the services' English, and how they read what people type."""

from __future__ import annotations

import pytest

from gerbang.kernel.errors import Conflict, GerbangError, InvalidInput, NotFound
from gerbang.passports.center.pages.said import FALLBACK, said
from gerbang.passports.domain.lifecycle import Status, transition
from gerbang.passports.office.pages import bilingual_warnings
from gerbang.passports.office.service import OFFICE_WORDING
from gerbang.passports.pages_common import parse_hour

# The refusals as quotas, slots and the lifecycle word them.
REFUSALS = [
    (
        Conflict("a booking can be rescheduled once only, and this one already was"),
        "Jadwal hanya bisa diubah satu kali, dan jadwal ini sudah pernah diubah.",
    ),
    (
        Conflict("a reschedule is possible up to the day before the interview (2026-06-23)", field="day"),
        "Jadwal hanya bisa diubah paling lambat sehari sebelum wawancara (Selasa, 23 Juni 2026).",
    ),
    (
        Conflict("the regular quota of JKS on 2026-06-25 is full; choose another day or office", field="day"),
        "Kuota JKS pada Kamis, 25 Juni 2026 sudah penuh; pilih hari atau kantor lain.",
    ),
    (
        InvalidInput("2026-06-27 is not a working day; offices are closed", field="day"),
        "Sabtu, 27 Juni 2026 bukan hari kerja; kantor tutup.",
    ),
    (
        InvalidInput("JKS takes interviews from 08:00 to 15:00; choose an hour in that range", field="hour"),
        "JKS menerima wawancara pukul 08.00 sampai 15.00; pilih jam dalam rentang itu.",
    ),
    (
        Conflict("this application holds no booking to reschedule"),
        "Permohonan ini belum punya jadwal wawancara untuk diubah.",
    ),
    (
        NotFound("no passport office 'XXX'; GET /api/v1/passports/offices lists them", field="office"),
        "Kantor imigrasi itu tidak ada; pilih dari daftar.",
    ),
]


@pytest.mark.parametrize(("error", "indonesian"), REFUSALS)
def test_a_booking_refusal_reads_in_indonesian_with_the_services_english_beside(
    error: GerbangError, indonesian: str
) -> None:
    text = said(error)
    assert text.id == indonesian
    assert text.en == error.message[0].upper() + error.message[1:]


def test_a_step_the_lifecycle_refuses_names_the_status_in_indonesian() -> None:
    with pytest.raises(Conflict) as cancelled_twice:
        transition(Status.CANCELLED, Status.CANCELLED)
    assert said(cancelled_twice.value).id == (
        "Permohonan ini berstatus “dibatalkan” dan tidak bisa dibatalkan lagi."
    )
    with pytest.raises(Conflict) as too_early:
        transition(Status.PAID, Status.READY)
    assert said(too_early.value).id == (
        "Permohonan ini berstatus “pembayaran diterima”; langkah ke “siap diambil” tidak bisa dilakukan."
    )


def test_a_refusal_not_known_to_the_pages_still_says_refused_in_indonesian_and_why_in_english() -> None:
    text = said(Conflict("something new went wrong"))
    assert (text.id, text.en) == (FALLBACK, "Something new went wrong")


def test_office_warnings_come_in_indonesian_first_with_the_hours_written_the_indonesian_way() -> None:
    report = [OFFICE_WORDING.no_data, OFFICE_WORDING.stale.format(hours="6.5"), OFFICE_WORDING.offline]
    texts = bilingual_warnings(report)
    assert [t.en for t in texts] == report
    assert [t.id for t in texts] == [
        "Belum ada data janji wawancara dari pusat",
        "Data janji wawancara sudah berumur 6,5 jam; pemesanan sesudahnya belum tercantum",
        "Pusat tidak terjangkau: kantor bekerja offline, catatan menunggu di outbox untuk dikirim",
    ]


def test_an_office_warning_the_console_does_not_know_is_shown_as_the_node_said_it() -> None:
    (text,) = bilingual_warnings(["a warning added later"])
    assert (text.id, text.en) == ("Peringatan", "a warning added later")


@pytest.mark.parametrize("typed", ["²", "9.5", "", "sembilan"])
def test_an_hour_that_is_not_a_whole_number_is_refused_with_a_reason_not_a_crash(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_hour(typed)
    assert refused.value.field == "hour"
    assert said(refused.value).id == "Pilih jam wawancara."
