"""What the pages say in Indonesian beside the services' English, and how they read what people type."""

from __future__ import annotations

from datetime import date

import pytest

from gerbang.kernel.errors import Conflict, GerbangError, InvalidInput, NotFound
from gerbang.passports.domain.lifecycle import Status, transition
from gerbang.passports.pages_common import parse_hour
from gerbang.sync.edge.health import warning_texts
from gerbang.words import text

# The refusals as quotas, slots and the lifecycle raise them, with what an applicant reads.
REFUSALS = [
    (
        Conflict("booking.rescheduled_once"),
        "a booking can be rescheduled once only, and this one already was",
        "Jadwal hanya bisa diubah satu kali, dan jadwal ini sudah pernah diubah.",
    ),
    (
        Conflict("booking.reschedule_too_late", field="day", day=date(2026, 6, 23)),
        "a reschedule is possible up to the day before the interview (2026-06-23)",
        "Jadwal hanya bisa diubah paling lambat sehari sebelum wawancara (Selasa, 23 Juni 2026).",
    ),
    (
        Conflict(
            "booking.day_full",
            field="day",
            service=text("service.regular"),
            office_code="JKS",
            day=date(2026, 6, 25),
        ),
        "the regular quota of JKS on 2026-06-25 is full; choose another day or office",
        "Kuota reguler JKS pada Kamis, 25 Juni 2026 sudah penuh; pilih hari atau kantor lain.",
    ),
    (
        InvalidInput("booking.not_working_day", field="day", day=date(2026, 6, 27)),
        "2026-06-27 is not a working day; offices are closed",
        "Sabtu, 27 Juni 2026 bukan hari kerja; kantor tutup.",
    ),
    (
        InvalidInput("booking.outside_hours", field="hour", code="JKS", first_hour=8, last_hour=15),
        "JKS takes interviews from 08:00 to 15:00; choose an hour in that range",
        "JKS menerima wawancara pukul 08.00 sampai 15.00; pilih jam dalam rentang itu.",
    ),
    (
        Conflict("booking.nothing_to_reschedule"),
        "this application holds no booking to reschedule",
        "Permohonan ini belum punya jadwal wawancara untuk diubah.",
    ),
    (
        NotFound("booking.no_office", field="office", code="XXX"),
        "no passport office 'XXX'; GET /api/v1/passports/offices lists them",
        "Kantor imigrasi 'XXX' tidak ada; pilih dari daftar (GET /api/v1/passports/offices).",
    ),
]


@pytest.mark.parametrize(("error", "english", "indonesian"), REFUSALS)
def test_a_booking_refusal_reads_in_indonesian_and_in_the_services_english(
    error: GerbangError, english: str, indonesian: str
) -> None:
    assert error.message == english
    assert error.said_in("id") == indonesian
    assert error.to_dict()["reason"] == error.reason


def test_a_step_the_lifecycle_refuses_names_the_status_in_indonesian() -> None:
    with pytest.raises(Conflict) as cancelled_twice:
        transition(Status.CANCELLED, Status.CANCELLED)
    assert cancelled_twice.value.reason == "application.cannot_cancel"
    assert cancelled_twice.value.said_in("id").startswith(
        "Permohonan ini berstatus “dibatalkan” dan tidak bisa dibatalkan lagi"
    )
    with pytest.raises(Conflict) as too_early:
        transition(Status.PAID, Status.READY)
    assert too_early.value.reason == "application.wrong_step"
    assert too_early.value.said_in("id").startswith(
        "Permohonan ini berstatus “pembayaran diterima”; langkah ke “siap diambil” tidak bisa dilakukan."
    )
    assert too_early.value.message.startswith("the application is paid; it cannot become ready")


def test_office_warnings_come_in_indonesian_first_with_the_hours_written_the_indonesian_way() -> None:
    report = {
        "warning_reasons": [
            {"reason": "office.no_data"},
            {"reason": "office.data_stale", "hours": 6.5},
            {"reason": "office.offline"},
        ]
    }
    texts = warning_texts(report)
    assert [t.id for t in texts] == [
        "Belum ada data janji wawancara dari pusat",
        "Data janji wawancara sudah berumur 6,5 jam; pemesanan sesudahnya belum tercantum",
        "Pusat tidak terjangkau: kantor bekerja offline, catatan menunggu di outbox untuk dikirim",
    ]
    assert texts[1].en == "appointment data is 6.5 hours old; bookings made since are not listed"


@pytest.mark.parametrize("typed", ["²", "9.5", "", "sembilan"])
def test_an_hour_that_is_not_a_whole_number_is_refused_with_a_reason_not_a_crash(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_hour(typed)
    assert refused.value.field == "hour"
    assert refused.value.reason == "form.choose_hour"
    assert refused.value.said_in("id") == "Pilih jam wawancara."
