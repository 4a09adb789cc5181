"""The apply page: for oneself or up to five family members, with the fee from policy shown before filing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from gerbang.infra.accounts import Principal
from gerbang.kernel.errors import GerbangError, InvalidInput
from gerbang.passports.center import applications
from gerbang.passports.center.pages.auth import HOME, STATIC, Applicant, ApplicantForm, Pages
from gerbang.passports.domain.minors import is_minor
from gerbang.passports.domain.nik import Sex
from gerbang.passports.domain.policy import Kind, Service
from gerbang.passports.packaged_policy import load_policy
from gerbang.passports.pages_common import clock_of, database_of, parse_day, render
from gerbang.web.session_pages import form_key, is_htmx
from gerbang.words import Text

router = APIRouter(route_class=Pages)
APPLY = "/passports/apply"
MAX_PEOPLE = load_policy().max_people_per_account
# The passport types and validities offered; a validity the law of the day lacks is refused by policy.
PASSPORTS = ("electronic/5", "electronic/10", "ordinary/5", "ordinary/10")
BLANK = {"name": "", "nik": "", "birth_date": "", "sex": "", "passport": "electronic/5", "service": "regular",
         "guardian_name": "", "guardian_relationship": "", "guardian_nik": "", "guardian_consent": "",
         "married": ""}  # fmt: skip
# Checkboxes send only when ticked, so each carries its person's index instead of "on".
TICKS = ("guardian_consent", "married")
Texts = Annotated[list[str], Form()]


@dataclass
class Person:
    values: dict[str, str]
    problems: dict[str, Text] = field(default_factory=dict)
    fee: int | None = None
    minor: bool = False


class _Undo(Exception):
    """Raised inside the transaction so that no one is filed when anyone in the form is refused."""


def fee_of(values: dict[str, str], request: Request) -> int:
    kind, _, years = values["passport"].partition("/")
    try:
        chosen = (Kind(kind), int(years), Service(values["service"]))
    except ValueError:
        raise InvalidInput("apply.choose_kind", field="passport") from None
    return load_policy().fee(*chosen, clock_of(request).now().date()).total_idr


def minors_marked(people: list[Person], request: Request) -> None:
    """Who the birth date makes a child today: their form asks for the parent or guardian."""
    today = clock_of(request).now().date()
    for person in people:
        try:
            born = date.fromisoformat(person.values["birth_date"].strip())
        except ValueError:
            continue
        # Asked of everyone under age: a married one ticks so and is filed without a guardian.
        person.minor = born <= today and is_minor(born, on=today, married=False, rule=load_policy().minors)


def priced(people: list[Person], request: Request) -> list[Person]:
    minors_marked(people, request)
    for person in people:
        try:
            person.fee = fee_of(person.values, request)
        except GerbangError as exc:
            person.problems.setdefault("passport", exc.text())
    return people


def page(request: Request, who: Principal, people: list[Person], status: int = 200, **extra: Any) -> Response:
    total = sum(p.fee or 0 for p in people)
    return render(
        "paspor_apply.html", status, who=who, key=form_key(request), people=people, total=total,
        passports=PASSPORTS, max_people=MAX_PEOPLE, static=STATIC, minors=load_policy().minors, **extra,
    )  # fmt: skip


@router.get(APPLY, response_model=None)
def apply_form(request: Request, who: Applicant, people: int = 1) -> Response:
    count = min(max(people, 1), MAX_PEOPLE)
    return page(request, who, priced([Person(dict(BLANK)) for _ in range(count)], request))


@router.post(APPLY, response_model=None)
def apply(
    request: Request,
    who: ApplicantForm,
    action: Annotated[str, Form(max_length=20)] = "submit",
    name: Texts = [],  # noqa: B006  (FastAPI copies form defaults)
    nik: Texts = [],  # noqa: B006
    birth_date: Texts = [],  # noqa: B006
    sex: Texts = [],  # noqa: B006
    passport: Texts = [],  # noqa: B006
    service: Texts = [],  # noqa: B006
    guardian_name: Texts = [],  # noqa: B006
    guardian_relationship: Texts = [],  # noqa: B006
    guardian_nik: Texts = [],  # noqa: B006
    guardian_consent: Texts = [],  # noqa: B006
    married: Texts = [],  # noqa: B006
) -> Response:
    """File everyone in the form at once, or nobody: each refusal is shown next to its field."""
    columns = {"name": name, "nik": nik, "birth_date": birth_date, "sex": sex,
               "passport": passport, "service": service, "guardian_name": guardian_name,
               "guardian_relationship": guardian_relationship, "guardian_nik": guardian_nik}  # fmt: skip
    count = min(max((len(c) for c in columns.values()), default=1), MAX_PEOPLE)
    people = [
        Person({k: (v[i][:200] if i < len(v) else BLANK[k]) for k, v in columns.items()})
        for i in range(count)
    ]
    ticked = {"guardian_consent": set(guardian_consent), "married": set(married)}
    for i, person in enumerate(people):
        person.values |= {tick: "on" if str(i) in ticked[tick] else "" for tick in TICKS}
    if action == "add" and count < MAX_PEOPLE:
        people.append(Person(dict(BLANK)))
    if action == "remove" and count > 1:
        people.pop()
    priced(people, request)
    if action != "submit":
        return page(request, who, people)
    try:
        filed = _file(request, who, people)
    except _Undo:
        return page(request, who, people, 422)
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": f"{HOME}/applications/{filed[0]}/book"})
    target = f"{HOME}/applications/{filed[0]}/book" if len(filed) == 1 else f"{HOME}?filed={len(filed)}"
    return RedirectResponse(target, status_code=303)


def _file(request: Request, who: Principal, people: list[Person]) -> list[str]:
    if any(p.problems for p in people):
        raise _Undo
    now = clock_of(request).now()
    filed = []
    with database_of(request).transaction() as session:
        for person in people:
            v = person.values
            try:
                kind, _, years = v["passport"].partition("/")
                with session.begin_nested():
                    view = applications.apply(
                        session, applicant=who, nik=v["nik"].strip(), name=v["name"],
                        birth_date=parse_day(v["birth_date"], "birth_date"), sex=_sex(v["sex"]),
                        kind=Kind(kind), validity_years=int(years), service=Service(v["service"]), at=now,
                        married=bool(v["married"]), guardian=applications.GuardianGiven(
                            name=v["guardian_name"], relationship=v["guardian_relationship"],
                            nik=v["guardian_nik"], consent=bool(v["guardian_consent"]),
                        ),
                    )  # fmt: skip
                filed.append(str(view.id))
            except GerbangError as exc:
                where = {"validity_years": "passport", "kind": "passport"}.get(exc.field or "", exc.field)
                person.problems[where if where in BLANK else "name"] = exc.text()
        if any(p.problems for p in people):
            raise _Undo  # rolls back those filed before the refused one
    return filed


def _sex(text: str) -> Sex:
    try:
        return Sex(text)
    except ValueError:
        raise InvalidInput("apply.choose_sex", field="sex") from None
