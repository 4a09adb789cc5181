"""What the passport pages share at the center and the office: templates, labels in two languages, errors."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from gerbang import words
from gerbang.infra.accounts import MIN_PASSWORD_LENGTH
from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import GerbangError, InvalidInput
from gerbang.passports.domain.lifecycle import Status
from gerbang.web.errors import status_for
from gerbang.web.session_pages import PAGE_HEADERS, is_htmx, page_environment

JAKARTA = ZoneInfo("Asia/Jakarta")
_environment = page_environment("gerbang.passports")


def _pair(reason: str) -> tuple[str, str]:
    said = words.text(reason)
    return said.id, said.en


# Labels as (Indonesian, English), from the catalogue: a page shows the Indonesian, the English beside it.
STATUS = {status: _pair(f"page.status_{status.value}") for status in Status}
SERVICE = {
    service: _pair(f"page.service_{service.replace('-', '_')}")
    for service in ("regular", "same-day", "priority")
}
KIND = {kind: _pair(f"page.kind_{kind}") for kind in ("electronic", "ordinary")}
_TITLES = {
    401: ("Masuk dulu", "Please sign in"),
    403: ("Tidak diizinkan", "Not allowed"),
    404: ("Tidak ditemukan", "Not found"),
}


def tanggal(day: date) -> str:
    """A day the Indonesian way: Selasa, 23 Juni 2026."""
    return words.tanggal(day)


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")  # fmt: skip


def both_days(day: date) -> words.Text:
    """A day for a catalogue text: "Selasa, 23 Juni 2026" in Indonesian, "23 June 2026" in English."""
    return words.Text(tanggal(day), f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}")


def fee_note(source: str) -> words.Text:
    """The fee's legal source in the page's languages: the regulation's number, then what it is."""
    return words.text("page.fee_legal_note", law=source.split(" on ", 1)[0].strip())


def local(moment: datetime, zone: ZoneInfo = JAKARTA) -> str:
    """A moment in the office's time with its zone's name (WIB, WITA, WIT)."""
    at = moment.astimezone(zone)
    return f"{at.day} {words.MONTHS[at.month - 1]} {at.year} {at:%H:%M} {at.tzname()}"


_environment.filters.update(tanggal=tanggal, local=local, fee_note=fee_note)
# `t("reason", ...)|said`: a page's own words come from the catalogue, in both languages.
_environment.globals.update(
    STATUS=STATUS, SERVICE=SERVICE, KIND=KIND, t=words.text, min_password_length=MIN_PASSWORD_LENGTH
)


def database_of(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def clock_of(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def render(name: str, code: int = 200, /, **context: Any) -> HTMLResponse:
    """A template as the response (positional `code`, so `status` stays free for the context)."""
    return HTMLResponse(
        _environment.get_template(name).render(**context), status_code=code, headers=PAGE_HEADERS
    )


def error_page(request: Request, error: GerbangError, *, home: str, static: str) -> HTMLResponse:
    """The refusal as a page (or, for htmx, as a panel), in both languages, never a traceback."""
    status = status_for(error)
    if is_htmx(request):
        return render("paspor_problem.html", status, said=error.text())
    title = _TITLES.get(status, ("Permintaan ditolak", "Request refused"))
    return render("paspor_error.html", status, title=title, said=error.text(), home=home, static=static)


def first_problem(exc: ValidationError) -> InvalidInput:
    """A form the model rejects, as the field and the reason a person can act on."""
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "form"
    return InvalidInput("form.field_problem", field=field, what=field, problem=first["msg"])


def parse_day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("form.bad_date", field=field) from None


def parse_hour(text: str) -> int:
    # int(), not str.isdigit(): "²" is a digit that int() refuses.
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput("form.choose_hour", field="hour") from None
