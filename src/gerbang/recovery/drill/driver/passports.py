"""Passport applicants at one office: apply, pay through the bank's signed callback, interview, collect."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from gerbang.infra.database import Database
from gerbang.passports.center import history, repository
from gerbang.passports.center.booking import slots
from gerbang.passports.center.intake.demo import nik_for
from gerbang.passports.center.payments import callbacks, ledger
from gerbang.passports.domain.lifecycle import Facts, Status
from gerbang.passports.domain.policy import Service
from gerbang.sync.center.versions import bump_version

ACTOR = "shell:gerbang-drill"
DIGEST = hashlib.sha256(b"drill capture station").hexdigest()
NAMES = ["Ayu Lestari", "Bayu Saputra", "Citra Dewi", "Dimas Pratama", "Eka Wulandari", "Fajar Nugroho"]


@dataclass
class Applicant:
    """One applicant of the drill and what happened to them."""

    application_id: str
    name: str
    nik: str
    birth_date: date
    service: str
    token: str
    slot: str = ""
    paid: dict[str, Any] = field(default_factory=dict)
    interview_id: str | None = None


class Passports:
    """The office's day as the scenario plays it; every step is the platform's real HTTP API."""

    def __init__(self, *, center: str, office: str, admin: str, office_token: str, central_dir: Path) -> None:
        self.center, self.office = center, office
        self.admin, self.office_token = admin, office_token
        self.central_dir = central_dir
        self.applicants: list[Applicant] = []
        self.acks: dict[str, list[str]] = {"passport-interview": [], "passport-handover": []}
        self.errors: list[str] = []

    def enrol(
        self, *, same_day: int, regular: int, office_code: str, database: Database, at: datetime
    ) -> None:
        """Applicants apply over HTTP; their slot today is placed as the booking they made days ago.

        The booking API only books days after today, so the slot is held with the booking module's own
        functions, as `gerbang up` seeds its demo appointments; payment then goes through the bank.
        """
        services = [Service.SAME_DAY] * same_day + [Service.REGULAR] * regular
        for number, service in enumerate(services):
            if number % 4 == 0:
                token = self._new_applicant_account(number)
            birth = date(1980 + number, 1 + number % 12, 1 + number % 27)
            nik = nik_for(7000 + number, birth, female=number % 2 == 1)
            body = {
                "nik": nik,
                "name": NAMES[number % len(NAMES)] + f" {number + 1}",
                "birth_date": birth.isoformat(),
                "sex": "female" if number % 2 else "male",
                "kind": "electronic",
                "service": service.value,
            }
            answer = self._post(self.center, "/api/v1/passports/applications", body, token)
            self.applicants.append(
                Applicant(str(answer["id"]), body["name"], nik, birth, service.value, token)
            )
        with database.transaction() as session:
            office = slots.office(session, office_code)
            local = slots.local_now(office, at)
            today = local.date()
            # The drill runs at any hour of the wall clock, while same-day work is owed only from opening
            # time: its office opens by the hour the drill starts, so the outage falls in the service day
            # of today's same-day applicants as the scenario's would, at 03:00 as at 10:00.
            office.first_hour = min(office.first_hour, local.hour)
            for number, applicant in enumerate(self.applicants):
                row = repository.get_application(session, uuid.UUID(applicant.application_id))
                assert row is not None  # applied a moment ago
                service = Service(applicant.service)
                quota = slots.ensure_quota(session, office, today, service, at=at)
                hour = office.first_hour + number % max(1, office.last_hour - office.first_hour)
                slots.hold(session, row, quota, hour, at=at)
                facts = Facts(slot_booked=True)
                history.advance(session, row, Status.AWAITING_PAYMENT, facts=facts, actor=ACTOR, at=at)
                ledger.issue_billing(session, row, at=at)
                applicant.slot = f"{today.isoformat()} {hour:02d}:00"
            bump_version(session, reason=f"drill appointments at {office_code}", at=at)

    def pay_all(self) -> None:
        """The bank pays each billing code in full and signs its notice, as a real bank's callback."""
        secret = callbacks.load_or_create_secret(self.central_dir, None, keys_dir=self.central_dir / "keys")
        for applicant in self.applicants:
            read = self._get(
                self.center, f"/api/v1/passports/applications/{applicant.application_id}", self.admin
            )
            billing = read["billing"]
            notice = {
                "transaction_id": f"DRILL-{secrets.token_hex(10)}",
                "billing_code": billing["code"],
                "amount_idr": billing["amount_idr"],
                "paid_at": datetime.now(UTC).isoformat(),
            }
            body = json.dumps(notice).encode()
            signature = hmac.new(secret, body, hashlib.sha256).hexdigest()
            answer = httpx.post(
                f"{self.center}/api/v1/passports/payments/callback",
                content=body,
                headers={"X-Signature": signature, "Content-Type": "application/json"},
                timeout=15,
            )
            if answer.status_code == 200:
                applicant.paid = notice | {"outcome": answer.json()["outcome"]}
            else:
                self.errors.append(
                    f"payment {applicant.application_id}: {answer.status_code} {answer.text[:200]}"
                )

    def interviews(self) -> None:
        """Every drill applicant is interviewed at the counter (the office decides on its own data)."""
        for applicant in self.applicants:
            body = {
                "application_id": applicant.application_id,
                "photo_sha256": DIGEST,
                "fingerprints_sha256": DIGEST,
            }
            answer = self._office_post("/api/v1/office/interviews", body)
            if answer is not None:
                applicant.interview_id = str(answer["id"])
                self.acks["passport-interview"].append(str(answer["id"]))

    def handovers(self, ready: list[dict[str, Any]], count: int) -> None:
        """Ready passports handed over: to the holder, or a child's to the parent on the family card."""
        for person in ready[:count]:
            who = person.get("collector") or {
                "collector_kind": "holder",
                "nik": person["nik"],
                "name": person["name"],
                "birth_date": person["birth_date"],
            }
            answer = self._office_post(
                "/api/v1/office/handovers", {"application_id": person["application_id"], **who}
            )
            if answer is not None:
                self.acks["passport-handover"].append(str(answer["id"]))

    def waiting_at_office(self, status: str = "paid") -> int:
        """How many of the drill's applicants the office holds among today's appointments, in `status`."""
        queue = httpx.get(
            f"{self.office}/api/v1/office/appointments", headers=self._auth(self.office_token), timeout=10
        )
        if queue.status_code != 200:
            return 0
        held = {a["application_id"] for a in queue.json()["appointments"] if a["status"] == status}
        return sum(1 for a in self.applicants if a.application_id in held)

    def outcome(self, applicant: Applicant) -> dict[str, Any]:
        """The application and the applicant's inbox as the center holds them now."""
        read = self._get(
            self.center, f"/api/v1/passports/applications/{applicant.application_id}", self.admin
        )
        inbox = httpx.get(
            f"{self.center}/api/v1/passports/inbox", headers=self._auth(applicant.token), timeout=10
        )
        notices = (
            [n for n in inbox.json() if n["application_id"] == applicant.application_id]
            if inbox.status_code == 200
            else []
        )
        return {"application": read, "notices": notices}

    def _new_applicant_account(self, number: int) -> str:
        # One account files for at most five people at a time, as a family would.
        username, password = f"drill-applicant-{number}-{secrets.token_hex(3)}", secrets.token_urlsafe(16)
        self._post(
            self.center,
            "/api/v1/accounts",
            {"username": username, "password": password, "roles": ["applicant"]},
            self.admin,
        )
        answer = httpx.post(
            f"{self.center}/api/v1/auth/token", json={"username": username, "password": password}, timeout=10
        )
        answer.raise_for_status()
        token: str = answer.json()["token"]
        return token

    def _office_post(self, path: str, body: dict[str, Any]) -> dict[str, Any] | None:
        answer = httpx.post(
            f"{self.office}{path}", json=body, headers=self._auth(self.office_token), timeout=15
        )
        if answer.status_code == 201:
            data: dict[str, Any] = answer.json()
            return data
        self.errors.append(f"{path} {body['application_id']}: {answer.status_code} {answer.text[:200]}")
        return None

    @staticmethod
    def _auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def _post(self, base: str, path: str, body: dict[str, Any], token: str) -> dict[str, Any]:
        answer = httpx.post(f"{base}{path}", json=body, headers=self._auth(token), timeout=15)
        answer.raise_for_status()
        data: dict[str, Any] = answer.json()
        return data

    def _get(self, base: str, path: str, token: str) -> dict[str, Any]:
        answer = httpx.get(f"{base}{path}", headers=self._auth(token), timeout=15)
        answer.raise_for_status()
        data: dict[str, Any] = answer.json()
        return data
