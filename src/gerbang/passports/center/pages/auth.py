"""Who may open the center's passport pages: the applicant or the office officer signed in by cookie."""

from __future__ import annotations

from fastapi import Request, Response

from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.kernel.errors import GerbangError
from gerbang.passports.pages_common import error_page
from gerbang.web import session_pages

HOME = "/passports"
LOGIN = "/passports/login"
STATIC = "/passports/static"


def refusal(request: Request, error: GerbangError) -> Response:
    return error_page(request, error, home=HOME, static=STATIC)


def applicant(request: Request, *, form: str | None = None) -> Principal | Response:
    """The signed-in applicant, or the sign-in page (or refusal) to answer instead."""
    return session_pages.guard(request, Permission.APPLICATIONS_OWN, form=form, login=LOGIN, refuse=refusal)


def officer(request: Request, *, form: str | None = None) -> Principal | Response:
    """The signed-in office officer (applications:process), or the page to answer instead."""
    return session_pages.guard(
        request, Permission.APPLICATIONS_PROCESS, form=form, login=LOGIN, refuse=refusal
    )
