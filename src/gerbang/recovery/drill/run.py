"""One drill from start to verdict: set up, play the scenario's events on its clock, drain, collect."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gerbang import words
from gerbang.infra.signing import load_signer
from gerbang.kernel.clock import as_utc
from gerbang.recovery.drill import plan as planning
from gerbang.recovery.drill.driver.border import LISTED, Border, Travellers
from gerbang.recovery.drill.driver.clock import ScenarioClock
from gerbang.recovery.drill.driver.operator import Operator, StatusDesk
from gerbang.recovery.drill.driver.passports import Passports
from gerbang.recovery.drill.driver.site_b import SiteB
from gerbang.recovery.drill.driver.supervisor import Supervisor
from gerbang.recovery.drill.lab_platform import LabPlatform
from gerbang.recovery.drill.platform import Platform
from gerbang.recovery.drill.scenario import Scenario, clock_text, minutes
from gerbang.recovery.drill.scrape import scrape
from gerbang.recovery.drill.timeline import Recorder
from gerbang.visas.center.issuer import issue
from gerbang.visas.domain.credential import CredentialType, Holder


@dataclass
class Played:
    """Everything the drill saw, for the outcome and the report."""

    scenario: Scenario
    speed: float
    plan: list[planning.Planned]
    in_window: int
    border: Border
    supervisor: Supervisor
    passports: Passports
    operator: Operator
    desk: StatusDesk
    recorder: Recorder
    ready: list[dict[str, Any]]
    attack_at: datetime | None = None
    serve_at: datetime | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    play_s: float = 0.0
    drain_s: float = 0.0
    steps: dict[str, Any] = field(default_factory=dict)
    # A recovery by site B: when `gerbang site promote B` was typed, how long it took, and the RTO.
    recovery: dict[str, Any] = field(default_factory=dict)
    # Each node's own Prometheus figures, read once the day has drained, with tokens that may read them.
    metrics: dict[str, Any] = field(default_factory=dict)
    metrics_tokens: dict[str, str] = field(default_factory=dict)


def issue_evoas(platform: Platform, items: list[planning.Planned]) -> dict[int, str]:
    """An e-VoA for each planned holder, issued by the center's visa key as the online purchase would."""
    signer = load_signer(platform.data_dir("central") / "keys" / "visas")
    at = datetime.now(UTC)
    issued = {}
    for item in items:
        if item.lane_type == "e-VoA":
            nationality, surname, given, number, born = planning.visitor(item.serial, evoa=True)
            holder = Holder(
                name=f"{given} {surname}", passport_number=number, nationality=nationality, birth_date=born
            )
            issued[item.serial] = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=at).text
    return issued


def wait_for(check: Callable[[], bool], timeout: float, interval: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except Exception:  # a node still starting answers oddly; the next look decides
            time.sleep(interval)
            continue
        time.sleep(interval)
    return False


def set_up(platform: Platform, scenario: Scenario, speed: float, work: Path) -> Played:
    platform.provision(watchlist_size=scenario.watchlist_size)
    items, in_window = planning.plan(scenario)
    travellers = Travellers(platform.demo()["travellers"], issue_evoas(platform, items))
    platform.start_all()
    central_dir = platform.data_dir("central")
    passports = Passports(
        center=platform.url("central"),
        office=platform.url("jks"),
        admin=platform.token("central"),
        office_token=platform.token("jks"),
        central_dir=central_dir,
    )
    database = platform.database()
    try:
        passports.enrol(
            same_day=scenario.passports.same_day,
            regular=scenario.passports.regular,
            office_code=scenario.passports.office,
            database=database,
            at=datetime.now(UTC),
        )
    finally:
        database.dispose()
    # They paid online before the day, through the bank's signed callback; the office must know it.
    passports.pay_all()
    wait_for(lambda: passports.waiting_at_office("paid") == len(passports.applicants), timeout=90)
    clock = ScenarioClock(scenario.start_min, speed)
    recorder = Recorder(
        clock,
        urls={n: platform.url(n) for n in ("central", platform.checkpoint, "jks", "status")},
        tokens={n: platform.token(n) for n in (platform.checkpoint, "jks")},
        checkpoint=platform.checkpoint,
    )
    border = Border(
        url=platform.url(platform.checkpoint),
        token=platform.token(platform.checkpoint),
        plan=items,
        travellers=travellers,
        clock=clock,
        workers=scenario.crossings.workers,
    )
    supervisor = Supervisor(
        url=platform.url(platform.checkpoint),
        token=platform.supervisor_token,
        plan=items,
        decided=lambda: list(border.acks),
        clock=clock,
    )
    return Played(
        scenario=scenario,
        speed=speed,
        plan=items,
        in_window=in_window,
        border=border,
        supervisor=supervisor,
        passports=passports,
        operator=Operator(work=work, central_dir=central_dir, database=platform.database),
        desk=StatusDesk(platform.url("status"), platform.token("status")),
        recorder=recorder,
        ready=platform.demo()["passport_office"]["ready"],
        metrics_tokens=platform.metrics_tokens,
    )


def events(played: Played, platform: Platform) -> list[tuple[float, str, Callable[[], Any]]]:
    """The scenario's events in time order, each with the move that makes it happen."""
    s, op = played.scenario, played.operator

    def attack() -> Any:
        played.attack_at = datetime.now(UTC)
        platform.kill("central")
        return {"files_encrypted": op.ransomware()}

    def restore() -> Any:
        assert played.attack_at is not None
        done = op.restore_from_vault(before=played.attack_at)
        if "from" in done:  # the set's name, not where this machine keeps the vault
            done["from"] = Path(str(done["from"])).name
        if s.listed_during_outage is not None:
            entry = {**LISTED, "list": s.listed_during_outage.list_kind, "valid_until": None}
            done["watchlist_entries"] = op.key_in_listing(entry)
        return done

    def serve() -> Any:
        platform.start("central")
        platform.wait_ready("central")
        played.serve_at = datetime.now(UTC)
        return {"ready": True}

    def update(at: str) -> Callable[[], Any]:
        def post() -> Any:
            text = words.text("drill.status_update", at=at)
            return {"posted": played.desk.post_update(text_id=text.id, text_en=text.en, scenario_at=at)}

        return post

    def interviews() -> Any:
        played.passports.interviews()
        return {"acknowledged": len(played.passports.acks["passport-interview"])}

    def handovers() -> Any:
        played.passports.handovers(played.ready, s.passports.handovers)
        return {"acknowledged": len(played.passports.acks["passport-handover"])}

    p = s.passports
    moves: list[tuple[float, str, Callable[[], Any]]] = [
        (minutes(b), "backup", op.backup) for b in s.backups_at
    ]
    moves += [
        (minutes(p.interviews_at), "interviews", interviews),
        (minutes(p.handovers_at), "handovers", handovers),
    ]
    if isinstance(platform, LabPlatform) and s.recovery.source == "site-b":
        site_b = SiteB(played, platform)
        moves += [
            (float(s.attack.minute), "attack", site_b.attack),
            (minutes(s.recovery.restore_at), "promote", site_b.promote),
            (minutes(s.recovery.serve_at), "serve", site_b.serve),
        ]
    else:
        moves += [
            (float(s.attack.minute), "attack", attack),
            (minutes(s.recovery.restore_at), "restore", restore),
            (minutes(s.recovery.serve_at), "serve", serve),
        ]
    if s.listed_during_outage is not None:
        moves.append((minutes(s.listed_during_outage.listed_at), "listed", lambda: {"entry": LISTED["id"]}))
    first = s.attack.minute + s.status.every_min
    for minute in range(first, minutes(s.recovery.serve_at), s.status.every_min):
        moves.append((float(minute), "status_update", update(clock_text(minute))))
    return sorted(moves, key=lambda m: m[0])


def play(played: Played, platform: Platform, console: Console) -> None:
    """The scenario on its clock, with a bar for the day and one for the crossings sent."""
    clock, border, rec = played.recorder.clock, played.border, played.recorder
    clock.started = time.monotonic()
    played.started_at = datetime.now(UTC)
    rec.start()
    border.start()
    played.supervisor.start()
    started = time.monotonic()
    total_min = played.scenario.end_min - played.scenario.start_min
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        day = progress.add_task("scenario minutes / menit skenario", total=total_min)
        sent = progress.add_task("crossings sent / perlintasan", total=len(played.plan))

        def tick() -> None:
            progress.update(day, completed=min(total_min, clock.minute_now() - played.scenario.start_min))
            progress.update(sent, completed=border.sent)

        for minute, kind, move in events(played, platform):
            while time.monotonic() < clock.wall_at(minute):
                tick()
                time.sleep(min(0.25, max(0.0, clock.wall_at(minute) - time.monotonic())))
            began = time.monotonic()
            try:
                result = move()
            except Exception as exc:  # a failed step is part of the day's record; the drill goes on
                result = {"error": f"{type(exc).__name__}: {exc}"}
            rec.event(kind, seconds=round(time.monotonic() - began, 2), result=_small(result))
            played.steps.setdefault(kind, []).append(_small(result))
            tick()
        while not border.done or clock.minute_now() < played.scenario.end_min:
            tick()
            time.sleep(0.25)
        tick()
    played.supervisor.stop()
    played.play_s = time.monotonic() - started
    rec.event("end")


def drain(played: Played, platform: Platform, console: Console) -> None:
    """After the day: every edge's outbox empty, the incident resolved, the compensation done."""
    started = time.monotonic()
    with console.status("waiting for the edges to upload / menunggu titik mengunggah…"):
        wait_for(lambda: _backlogs_empty(played.recorder), timeout=240, interval=1.0)
        wait_for(lambda: _resolved(played.recorder), timeout=90, interval=1.0)
        wait_for(lambda: _compensated(played), timeout=90, interval=1.0)
        time.sleep(2)  # one more round of re-screening and notices after the last upload
    played.recorder.stop()
    played.recorder.sample_once()
    played.metrics = scrape(played.recorder.urls, played.metrics_tokens)
    played.drain_s = time.monotonic() - started


def _backlogs_empty(rec: Recorder) -> bool:
    sample = rec.sample_once()
    return sample.center_ready and all(v == 0 for v in sample.backlog.values())


def _resolved(rec: Recorder) -> bool:
    return not rec.sample_once().incident_open


def _compensated(played: Played) -> bool:
    same_day = [a for a in played.passports.applicants if a.service == "same-day"]
    return all(played.passports.outcome(a)["application"]["refund_owed_idr"] > 0 for a in same_day)


def office_day(played: Played) -> tuple[date, int, str]:
    """The office's local day, its opening hour and time zone, as the center keeps them."""
    from gerbang.passports.center.booking import slots

    database = played.operator.open_database()
    try:
        with database.reading() as session:
            office = slots.office(session, played.scenario.passports.office)
            today = slots.local_now(office, datetime.now(UTC)).date()
            return today, office.first_hour, office.timezone
    finally:
        database.dispose()


def _small(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _small(v) for k, v in value.items() if k != "rows"}
    if isinstance(value, list):
        return value[:10]
    return value


def wall_to_minute(played: Played, moment: datetime) -> float:
    """A wall-clock moment as a scenario minute (the drill's clock started at `started_at`)."""
    offset = (as_utc(moment) - played.started_at).total_seconds()
    return played.scenario.start_min + offset * played.speed / 60
