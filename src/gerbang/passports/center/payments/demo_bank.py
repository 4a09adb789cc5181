"""The demo platform's simulated bank: pays a billing code through the center's real signed callback."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from typing import Annotated

import httpx
from fastapi import APIRouter, Form, Request, Response

from gerbang.kernel.errors import InvalidInput, NotFound
from gerbang.passports.center import repository as repo
from gerbang.passports.center.pages.auth import STATIC, Pages
from gerbang.passports.pages_common import clock_of, database_of, render

BANK = "/demo-bank"
CALLBACK = "/api/v1/passports/payments/callback"
# Mounted by apps/central.py only when the settings say demo_bank = true (gerbang up sets it).
router = APIRouter(tags=["demo bank"], include_in_schema=False, route_class=Pages)


@router.get(BANK, response_model=None)
def bank_form(request: Request, code: str = "") -> Response:
    """A bank counter: type the billing code; the amount it asks for is shown before paying."""
    code = code.strip()[:20]
    amount = None
    if code.isdigit() and len(code) == 15:
        with database_of(request).transaction() as session:
            billing = repo.billing_by_code(session, code)
            amount = billing.amount_idr if billing else None
    return render("demo_bank.html", code=code, amount=amount, static=STATIC)


@router.post(BANK, response_model=None)
async def pay(request: Request, code: Annotated[str, Form(max_length=20)] = "") -> Response:
    """Pay the whole amount of `code`: the bank signs its notice with the shared secret and sends it to
    the center's callback, exactly as a real bank would; the receipt shows what the center answered."""
    code = code.strip()
    if not (code.isdigit() and len(code) == 15):
        raise InvalidInput("bank.bad_code", field="code")
    with database_of(request).transaction() as session:
        billing = repo.billing_by_code(session, code)
        if billing is None:
            raise NotFound("bank.unknown_code", field="code", code=code)
        amount, application_id = billing.amount_idr, billing.application_id
    notice = {
        "transaction_id": f"DEMO-{uuid.uuid4().hex[:20]}",
        "billing_code": code,
        "amount_idr": amount,
        "paid_at": clock_of(request).now().isoformat(),
    }
    body = json.dumps(notice).encode()
    signature = hmac.new(request.app.state.payment_secret, body, hashlib.sha256).hexdigest()
    # Through the center's own HTTP route (signature check, matching, audit), not a shortcut into it.
    transport = httpx.ASGITransport(app=request.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://demo-bank.invalid") as client:
        answer = await client.post(
            CALLBACK, content=body, headers={"X-Signature": signature, "Content-Type": "application/json"}
        )
    outcome = answer.json().get("outcome", "refused") if answer.status_code == 200 else "refused"
    return render(
        "demo_bank.html",
        200 if answer.status_code == 200 else 502,
        code=code,
        amount=amount,
        paid=notice,
        outcome=outcome,
        application_id=application_id,
        static=STATIC,
    )
