"""Who may open the center's passport pages: the applicant or the office officer signed in by cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, Request, Response

from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.kernel.errors import GerbangError
from gerbang.passports.pages_common import error_page
from gerbang.web.session_pages import page_routes, signed_in

HOME = "/passports"
LOGIN = "/passports/login"
STATIC = "/passports/static"
FormKey = Annotated[str, Form(max_length=100)]


def refusal(request: Request, error: GerbangError) -> Response:
    return error_page(request, error, home=HOME, static=STATIC)


# Every portal page answers a refusal here, in both languages, and a missing session with the sign-in page.
Pages = page_routes(refusal)


def _applicant(request: Request) -> Principal:
    return signed_in(request, Permission.APPLICATIONS_OWN, login=LOGIN)


def _applicant_form(request: Request, key: FormKey = "") -> Principal:
    return signed_in(request, Permission.APPLICATIONS_OWN, form=key, login=LOGIN)


def _officer(request: Request) -> Principal:
    return signed_in(request, Permission.APPLICATIONS_PROCESS, login=LOGIN)


def _officer_form(request: Request, key: FormKey = "") -> Principal:
    return signed_in(request, Permission.APPLICATIONS_PROCESS, form=key, login=LOGIN)


def _anyone(request: Request) -> Principal:
    return signed_in(request, Permission.APPLICATIONS_OWN, Permission.APPLICATIONS_PROCESS, login=LOGIN)


# The signed-in person a page is for; a form's post must also carry the session's form key.
Applicant = Annotated[Principal, Depends(_applicant)]
ApplicantForm = Annotated[Principal, Depends(_applicant_form)]
Officer = Annotated[Principal, Depends(_officer)]
OfficerForm = Annotated[Principal, Depends(_officer_form)]
SignedIn = Annotated[Principal, Depends(_anyone)]
