"""The words of automatic updates, in Indonesian and English: what is affected and what still works."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from gerbang.words.phrases import joined, moment_in


@dataclass(frozen=True)
class Text:
    """One message in both languages."""

    id: str
    en: str


@dataclass(frozen=True)
class Situation:
    """What a message talks about; times are already in the public's local zone."""

    affected_id: list[str]
    affected_en: list[str]
    center_affected: bool
    working_checkpoints: list[str]
    working_offices: list[str]
    started_at: datetime
    zone: str = "WIB"


def _list(names: list[str], conjunction: str) -> str:
    # "A, B, dan C": the catalogue's way of joining, in the language of the conjunction given.
    return joined(names, "en" if conjunction == "and" else "id")


def _at(moment: datetime, zone: str, language: str = "id") -> str:
    return moment_in(moment, language, zone)


def duration(span: timedelta) -> Text:
    """A span in whole minutes, e.g. '2 jam 5 menit' / '2 h 5 min'."""
    minutes = max(0, int(span.total_seconds() // 60))
    hours, rest = divmod(minutes, 60)
    if hours:
        return Text(f"{hours} jam {rest} menit", f"{hours} h {rest} min")
    return Text(f"{rest} menit", f"{rest} min")


def still_works(situation: Situation) -> Text:
    """What the public can still rely on, derived from the nodes that answer and decide."""
    parts_id: list[str] = []
    parts_en: list[str] = []
    if situation.center_affected and situation.working_checkpoints:
        sites = _list(situation.working_checkpoints, "dan")
        parts_id.append(f"tempat pemeriksaan imigrasi {sites} tetap melayani pelintas dalam mode luring")
        parts_en.append(
            f"checkpoints {_list(situation.working_checkpoints, 'and')} "
            "are clearing travellers in offline mode"
        )
    if situation.center_affected and situation.working_offices:
        parts_id.append(
            f"paspor yang sudah siap dapat diserahkan di {_list(situation.working_offices, 'dan')}"
        )
        parts_en.append(
            f"passports ready for collection can be handed over at {_list(situation.working_offices, 'and')}"
        )
    if not parts_id:
        return Text("Layanan lain berjalan seperti biasa.", "Other services work as usual.")
    return Text(
        "Yang tetap berjalan: " + "; ".join(parts_id) + ".", "What still works: " + "; ".join(parts_en) + "."
    )


def title(situation: Situation) -> Text:
    """An incident's title from what it affects."""
    return Text(
        f"Gangguan: {_list(situation.affected_id, 'dan')}", f"Outage: {_list(situation.affected_en, 'and')}"
    )


def opened(situation: Situation, *, next_update_by: datetime) -> Text:
    """The first update, written the moment the monitor is sure."""
    works = still_works(situation)
    since, by, zone = situation.started_at, next_update_by, situation.zone
    return Text(
        f"Kami mendeteksi gangguan pada {_list(situation.affected_id, 'dan')} sejak {_at(since, zone)}. "
        f"{works.id} Kabar berikutnya paling lambat {_at(by, zone)}.",
        f"We detected an outage of {_list(situation.affected_en, 'and')} since {_at(since, zone, 'en')}. "
        f"{works.en} Next update by {_at(by, zone, 'en')}.",
    )


def continuing(situation: Situation, *, now: datetime, next_update_by: datetime) -> Text:
    """A periodic update while the incident lasts: silence is what the public must never get."""
    works = still_works(situation)
    span = duration(now - situation.started_at)
    since, by, zone = situation.started_at, next_update_by, situation.zone
    return Text(
        f"Gangguan pada {_list(situation.affected_id, 'dan')} masih berlangsung sejak {_at(since, zone)} "
        f"({span.id}). Petugas sedang memulihkan layanan. {works.id} "
        f"Kabar berikutnya paling lambat {_at(by, zone)}.",
        f"The outage of {_list(situation.affected_en, 'and')} is still going on "
        f"since {_at(since, zone, 'en')} "
        f"({span.en}). Staff are restoring the service. {works.en} Next update by {_at(by, zone, 'en')}.",
    )


def resolved(situation: Situation, *, now: datetime) -> Text:
    """The last update: back to normal, and what happens next for the public."""
    span = duration(now - situation.started_at)
    when, when_en = _at(now, situation.zone), _at(now, situation.zone, "en")
    after_id = after_en = ""
    if situation.center_affected:
        after_id = " Catatan yang dibuat di tempat pemeriksaan selama gangguan sedang diunggah ke pusat."
        after_en = " Records made at checkpoints during the outage are being uploaded to the center."
    return Text(
        f"{_list(situation.affected_id, 'dan')} kembali normal pada {when} "
        f"setelah gangguan {span.id}.{after_id}",
        f"{_list(situation.affected_en, 'and')} back to normal at {when_en}, "
        f"after an outage of {span.en}.{after_en}",
    )
