"""The e-visa page: holder, validity, QR code and credential text; bilingual, printable, no JavaScript."""

from __future__ import annotations

import uuid

import segno
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from gerbang.kernel.countries import country_name
from gerbang.kernel.errors import GerbangError, NotFound
from gerbang.visas.center import service
from gerbang.visas.domain.credential import CredentialType
from gerbang.web.deps import SessionDep, current_principal_from_cookie_or_header
from gerbang.web.errors import status_for
from gerbang.web.session_pages import page_routes, said

_environment = Environment(
    loader=ChoiceLoader(
        [
            PackageLoader("gerbang.visas", "templates"),
            PackageLoader("gerbang.web", "templates"),
            PackageLoader("gerbang.web", "static"),
        ]
    ),
    autoescape=select_autoescape(["html"]),
)
_environment.filters["moment"] = lambda moment: f"{moment:%Y-%m-%d %H:%M} UTC"
_environment.filters["said"] = said

TYPE_ID = {
    CredentialType.EVOA: "Visa kunjungan saat kedatangan elektronik (e-VoA)",
    CredentialType.VISIT_SINGLE: "Visa kunjungan sekali perjalanan",
    CredentialType.VISIT_MULTIPLE: "Visa kunjungan beberapa kali perjalanan",
    CredentialType.KITAS: "Izin tinggal terbatas (ITAS / KITAS)",
    CredentialType.KITAP: "Izin tinggal tetap (ITAP / KITAP)",
}
# Personal data: no caching anywhere, no referrer leaving the page, no framing, no scripts at all.
_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
}
# A refusal (not signed in, not the holder's, no such visa) is answered as a page in both languages.
router = APIRouter(tags=["visa pages"], route_class=page_routes(lambda r, e: _error_page(r, e)))
_TITLES = {
    401: "Masuk dulu / Please sign in",
    403: "Tidak diizinkan / Not allowed",
    404: "Tidak ditemukan / Not found",
}


@router.get("/visas/{credential_id}", response_class=HTMLResponse)
def evisa_page(credential_id: str, request: Request, session: SessionDep) -> HTMLResponse:
    """The e-visa of its holder (the applicant who owns it) or for a visa officer; print gives an A4 copy."""
    principal = current_principal_from_cookie_or_header(request)
    view = service.get_credential(session, credential_id=_credential_id(credential_id), principal=principal)
    qr = segno.make(view.text, error="m", micro=False)
    svg = qr.svg_inline(scale=4, omitsize=True, svgclass="qr", title=f"QR: e-Visa {view.id}")
    html = _environment.get_template("evisa.html").render(
        credential=view,
        type_id=TYPE_ID[view.type],
        country=country_name(view.holder.nationality.rstrip("<")),
        enter_by=view.stay_days is not None,
        # segno writes the SVG itself from the signed text's bits; nothing user-typed reaches it raw.
        qr_svg=Markup(svg),  # noqa: S704
    )
    return HTMLResponse(html, headers=_HEADERS)


def _credential_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError as exc:
        raise NotFound("visa.not_found_text", text=text[:40]) from exc


def _error_page(_request: Request, error: GerbangError) -> HTMLResponse:
    status = status_for(error)
    html = _environment.get_template("error.html").render(
        title=_TITLES.get(status, "Permintaan ditolak / Request refused"), said=error.text()
    )
    headers = dict(_HEADERS, **({"WWW-Authenticate": "Bearer"} if status == 401 else {}))
    return HTMLResponse(html, status_code=status, headers=headers)
