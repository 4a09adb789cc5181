"""From what the drill saw to its findings: reconciliation, hits, the public word, applicants, verdict."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from gerbang.kernel.clock import as_utc
from gerbang.passports.domain.deadlines import Window, spans_service_day
from gerbang.recovery.drill.collect import Center
from gerbang.recovery.drill.reconcile import Key, reconcile
from gerbang.recovery.drill.run import Played, office_day, wall_to_minute
from gerbang.recovery.drill.verdict import (
    Applicant,
    HitOutcome,
    Incident,
    Public,
    Verdict,
    judge,
    wrongly_opened,
)


def _when(text: str | None) -> datetime | None:
    return as_utc(datetime.fromisoformat(text)) if text else None


def findings(played: Played, center: Center) -> dict[str, Any]:
    """Everything the report shows and the verdict judges, as plain data."""
    site = played.scenario.site
    acks = played.border.acks
    checkpoint = played.scenario.checkpoint
    acknowledged: dict[Key, list[str]] = {(checkpoint, "crossing"): [a.id for a in acks]}
    held: dict[Key, list[str]] = {(checkpoint, "crossing"): center.crossing_ids(site)}
    records = center.office_records(played.scenario.passports.office)
    for record_type, ids in played.passports.acks.items():
        acknowledged[("jks", record_type)] = ids
        held[("jks", record_type)] = [r["id"] for r in records if r["record_type"] == record_type]
    outcomes = {a.application_id: played.passports.outcome(a) for a in played.passports.applicants}
    acknowledged[("bank", "payment")] = [a.application_id for a in played.passports.applicants if a.paid]
    held[("bank", "payment")] = [i for i, o in outcomes.items() if o["application"]["paid_idr"] > 0]
    lines = reconcile(acknowledged, held)

    alerts = center.alerts()
    alerted = {a["crossing_id"] for a in alerts}
    hits = [HitOutcome(a.hit or "", a.id, a.decision, a.id in alerted) for a in acks if a.hit]
    missing_hits = [h for h in played.plan if h.hit and h.hit not in {x.label for x in hits}]

    public = public_record(played)
    applicants, late = applicant_records(played, outcomes)
    incidents = opened_incidents(played)
    false = wrongly_opened(incidents, downtime(played))
    verdict = judge(
        lines=lines,
        hits=hits,
        public=public,
        late_same_day=late,
        false_incidents=false,
        start=played.started_at,
    )
    return {
        "lines": lines,
        "hits": hits,
        "hits_not_sent": [h.hit for h in missing_hits],
        "alerts": alerts,
        "public": public,
        "applicants": applicants,
        "late": late,
        "verdict": verdict,
        "incidents": [
            {
                "id": i.id,
                "components": list(i.components),
                "started_at": i.started_at.isoformat(),
                "minute": round(wall_to_minute(played, i.started_at), 1),
                "false": i in false,
            }
            for i in incidents
        ],
        "outages": center.outages(),
        "decisions": dict(Counter(a.decision for a in acks)),
        "offline": sum(1 for a in acks if a.offline),
    }


def opened_incidents(played: Played) -> list[Incident]:
    """Every incident the drill saw on the public status, oldest first."""
    found = []
    for incident in played.recorder.incidents.values():
        started = _when(incident.get("started_at"))
        if started is not None:
            found.append(Incident(incident["id"], tuple(incident.get("components") or ()), started))
    return sorted(found, key=lambda i: i.started_at)


def downtime(played: Played) -> dict[str, list[tuple[datetime, datetime | None]]]:
    """What the drill really took down: the center, from the attack until it served again; no edge."""
    if played.attack_at is None:
        return {}
    return {"central": [(played.attack_at, played.serve_at)]}


def public_record(played: Played) -> Public:
    """When the public was first told after the attack, each update since, and the resolution."""
    attack = played.attack_at or datetime.now(UTC)
    chosen: dict[str, Any] | None = None
    for incident in played.recorder.incidents.values():
        started = _when(incident["started_at"])
        if (
            started is not None
            and started >= attack
            and (chosen is None or started < (_when(chosen["started_at"]) or started))
        ):
            chosen = incident
    if chosen is None:
        return Public(attack, None, [], None, datetime.now(UTC), played.speed)
    updates = sorted(u for u in (_when(x["at"]) for x in chosen["updates"]) if u is not None)
    told = updates[0] if updates else _when(chosen["started_at"])
    return Public(attack, told, updates, _when(chosen["resolved_at"]), datetime.now(UTC), played.speed)


def applicant_records(
    played: Played, outcomes: dict[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[Applicant]]:
    """Each applicant's compensation and notices; the same-day ones the real outage made late.

    Late is the platform's own rule (the outage fell in their service day, from opening to midnight),
    applied to the real outage, from the attack to the moment the center served again.
    """
    today, opens, zone = office_day(played)
    window = Window(played.attack_at or datetime.now(UTC), played.serve_at)
    rows, late = [], []
    for applicant in played.passports.applicants:
        got = outcomes[applicant.application_id]
        application, notices = got["application"], got["notices"]
        kinds = {n["kind"]: n for n in notices}
        refund = kinds.get("surcharge_refunded")
        # The day of the applicant's own slot, as the center weighs it (not the day the drill ended).
        day = date.fromisoformat(applicant.slot.split()[0]) if applicant.slot else today
        is_late = applicant.service == "same-day" and spans_service_day(
            window, datetime.now(UTC), day, opens, ZoneInfo(zone)
        )
        told_at = _when(refund["created_at"]) if refund else None
        rows.append(
            {
                "application_id": applicant.application_id,
                "name": applicant.name,
                "service": applicant.service,
                "slot": applicant.slot,
                "paid_idr": application["paid_idr"],
                "refund_owed_idr": application["refund_owed_idr"],
                "late": is_late,
                "notices": sorted(kinds),
                "told_at": told_at.isoformat() if told_at else None,
                "told_minute": round(wall_to_minute(played, told_at), 1) if told_at else None,
            }
        )
        if is_late:
            late.append(
                Applicant(applicant.application_id, applicant.name, application["refund_owed_idr"], told_at)
            )
    return rows, late


def verdict_lines(verdict: Verdict, language: str) -> list[str]:
    return [f.text().said_in(language) for f in verdict.failures]
