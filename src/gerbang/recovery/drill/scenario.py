"""Load and check a drill scenario (TOML or JSON): what happens when, in the scenario's own clock."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import timedelta
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from gerbang.kernel.errors import InvalidInput

PACKAGED = ("cgk-day", "ci-short", "ci-site-loss")
# A checkpoint's site is its three-letter port code (CGK, DPS, KNO); the one-machine platform provisions
# a checkpoint for whichever the scenario names. The two-site lab provisions CGK only.
SITE_CODE = re.compile(r"^[A-Z]{3}$")
LAB_SITES = ("CGK",)


def minutes(text: str) -> int:
    """'04:15' as minutes after the scenario's midnight; '24:00' is the end of the day."""
    hours, _, mins = text.partition(":")
    if not (hours.isdigit() and mins.isdigit() and len(mins) == 2):
        raise ValueError(f"{text!r} is not a time of day HH:MM")
    value = int(hours) * 60 + int(mins)
    if int(mins) >= 60 or value > 24 * 60:
        raise ValueError(f"{text!r} is not a time of day HH:MM")
    return value


def clock_text(at_minutes: float) -> str:
    """Minutes after midnight as HH:MM (the report's and the messages' way of telling scenario time)."""
    whole = int(at_minutes)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Moment(Strict):
    at: str

    @field_validator("at")
    @classmethod
    def _time(cls, value: str) -> str:
        minutes(value)
        return value

    @property
    def minute(self) -> int:
        return minutes(self.at)


class Wave(Strict):
    """A wave of flights: its peak hour, its spread in hours and its share of the day's flights."""

    peak: str
    spread_h: float = Field(gt=0, le=12)
    share: float = Field(gt=0, le=1)

    @field_validator("peak")
    @classmethod
    def _time(cls, value: str) -> str:
        minutes(value)
        return value


class Crossings(Strict):
    """The day's crossings: how many the day has, how many the drill sends, and who they are."""

    day_total: int = Field(ge=1, le=500_000, description="Crossings the day has (CGK: about 44,000).")
    send: int = Field(ge=1, le=500_000, description="Crossings the drill sends (sampled evenly if fewer).")
    citizen_share: float = Field(gt=0, lt=1)
    autogate_share: float = Field(default=0.55, ge=0, le=1, description="Citizens through autogates.")
    evoa_holders: int = Field(default=20, ge=0, le=2000, description="Foreigners with an e-VoA.")
    exit_share: float = Field(default=0.0, ge=0, lt=1, description="Share of crossings leaving.")
    workers: int = Field(default=6, ge=1, le=64, description="Lanes sending at once.")
    seed: int = 2024
    waves: list[Wave] = Field(min_length=1)

    @model_validator(mode="after")
    def _sane(self) -> Crossings:
        if self.send > self.day_total:
            raise ValueError("send must not exceed day_total")
        return self


class Hit(Moment):
    """A traveller on the watchlist who presents at the checkpoint at `at`."""

    who: Literal["exit-ban", "entry-ban", "lost-document"]


class ListedDuringOutage(Strict):
    """A traveller listed while the center is down: crosses before the edge can know, re-screened later."""

    listed_at: str
    crosses_at: str
    list_kind: Literal["entry-ban", "wanted"] = "wanted"

    @field_validator("listed_at", "crosses_at")
    @classmethod
    def _time(cls, value: str) -> str:
        minutes(value)
        return value


class Passports(Strict):
    """Applicants at one office (they pay online before the day), interviews and hand-overs at the counter."""

    office: str = "JKS"
    same_day: int = Field(default=3, ge=0, le=40)
    regular: int = Field(default=3, ge=0, le=40)
    interviews_at: str = "08:00"
    handovers_at: str = "09:00"
    handovers: int = Field(default=4, ge=0, le=6, description="Ready passports collected (6 are ready).")

    @field_validator("interviews_at", "handovers_at")
    @classmethod
    def _time(cls, value: str) -> str:
        minutes(value)
        return value


class Attack(Moment):
    kind: Literal["ransomware"] = "ransomware"


class Recovery(Strict):
    """The operator's steps at `restore_at`: restore from the vault (and verify), or promote site B.

    From the vault the center serves again at `serve_at`; with site B (the two-site lab only) the
    attack takes all of site A and `restore_at` is when the operator types `gerbang site promote B`.
    """

    restore_at: str
    serve_at: str
    source: Literal["vault", "site-b"] = "vault"

    @field_validator("restore_at", "serve_at")
    @classmethod
    def _time(cls, value: str) -> str:
        minutes(value)
        return value


class PlatformKind(Strict):
    """Which platform the drill starts: one machine (SQLite center), or the two-site lab."""

    kind: Literal["single", "lab"] = "single"


class StatusUpdates(Strict):
    """The operator's words to the public while the incident is open, every `every_min` scenario minutes."""

    every_min: int = Field(default=20, ge=1, le=30)


class Fault(Strict):
    """A deliberate fault for testing the verdict; none unless named."""

    drop_every: int = Field(default=0, ge=0, le=1000, description="Center ingest drops every Nth record.")


class Scenario(Strict):
    """A whole drill: its window of the day, the speed it plays at, the traffic and the events."""

    name: str = Field(min_length=1, max_length=60)
    title_id: str
    title_en: str
    site: str = Field(default="CGK", description="The checkpoint's three-letter port code.")
    start: str = "00:00"
    end: str = "24:00"
    speed: float = Field(default=200, gt=0, le=10_000)
    watchlist_size: int = Field(default=0, ge=0, le=100_000, description="Synthetic watchlist entries.")
    crossings: Crossings
    hits: list[Hit] = Field(default_factory=list)
    listed_during_outage: ListedDuringOutage | None = None
    passports: Passports = Passports()
    backups_at: list[str] = Field(default_factory=list)
    attack: Attack
    recovery: Recovery
    platform: PlatformKind = PlatformKind()
    status: StatusUpdates = StatusUpdates()
    fault: Fault = Fault()

    @field_validator("start", "end")
    @classmethod
    def _time(cls, value: str) -> str:
        minutes(value)
        return value

    @field_validator("backups_at")
    @classmethod
    def _times(cls, value: list[str]) -> list[str]:
        for item in value:
            minutes(item)
        return value

    @property
    def start_min(self) -> int:
        return minutes(self.start)

    @property
    def end_min(self) -> int:
        return minutes(self.end)

    @property
    def checkpoint(self) -> str:
        """The checkpoint's node name: its site in lower case (cgk), as the platform provisions it."""
        return self.site.lower()

    @property
    def length(self) -> timedelta:
        return timedelta(minutes=self.end_min - self.start_min)

    def moments(self) -> list[tuple[str, str]]:
        """Every named event with its time, in the order the scenario must keep."""
        events = [("start", self.start)]
        events += [("backup", b) for b in sorted(self.backups_at, key=minutes)]
        events += [
            ("attack", self.attack.at),
            ("restore", self.recovery.restore_at),
            ("serve", self.recovery.serve_at),
            ("end", self.end),
        ]
        return events


def check_site(scenario: Scenario) -> None:
    """Refuse a site the drill's platform cannot run, rather than play it as another."""
    site = scenario.site
    if not SITE_CODE.match(site) or site == scenario.passports.office:
        raise InvalidInput("drill.scenario_site", field="site", site=site, office=scenario.passports.office)
    if scenario.platform.kind == "lab" and site not in LAB_SITES:
        raise InvalidInput("drill.scenario_site_lab", field="site", site=site, known=", ".join(LAB_SITES))


def check_recovery(scenario: Scenario) -> None:
    """A restore from the vault needs a backup in it; a promotion of site B needs the two-site lab."""
    source = scenario.recovery.source
    if source == "vault" and not scenario.backups_at:
        raise InvalidInput("drill.scenario_no_backup", field="backups_at")
    if (source == "site-b") != (scenario.platform.kind == "lab"):
        raise InvalidInput(
            "drill.scenario_source_platform",
            field="recovery.source",
            source=source,
            kind=scenario.platform.kind,
        )


def on_lab(scenario: Scenario, *, lab: bool) -> Scenario:
    """The scenario as `--lab` plays it: on the two-site lab, recovered by promoting site B."""
    if not lab:
        return scenario
    recovery = scenario.recovery.model_copy(update={"source": "site-b"})
    played = scenario.model_copy(
        update={"platform": PlatformKind(kind="lab"), "recovery": recovery, "backups_at": []}
    )
    check_site(played)
    return played


def check_order(scenario: Scenario) -> None:
    """Refuse a scenario whose events run out of order or fall outside its window, naming the pair."""
    events = scenario.moments()
    for (before, at_before), (after, at_after) in pairwise(events):
        if minutes(at_after) <= minutes(at_before):
            raise InvalidInput(
                "drill.scenario_order", field=after, what=after, at=at_after, other=before, other_at=at_before
            )
    attack, serve = minutes(scenario.attack.at), minutes(scenario.recovery.serve_at)
    listed = scenario.listed_during_outage
    if listed is not None:
        for what, at in (("listed_at", listed.listed_at), ("crosses_at", listed.crosses_at)):
            if not attack < minutes(at) < serve:
                raise InvalidInput(
                    "drill.scenario_outside_outage",
                    field=what,
                    what=what,
                    at=at,
                    attack=scenario.attack.at,
                    serve=scenario.recovery.serve_at,
                )
    for hit in scenario.hits:
        if not scenario.start_min <= hit.minute < scenario.end_min:
            raise InvalidInput(
                "drill.scenario_outside_window",
                field="hits",
                at=hit.at,
                start=scenario.start,
                end=scenario.end,
            )


def parse(data: Any, *, source: str) -> Scenario:
    """A scenario from parsed TOML or JSON; the first problem is named with its place in the file."""
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"]) or "(top)"
        raise InvalidInput(
            "drill.scenario_field", field=where, path=source, where=where, problem=problem["msg"]
        ) from None
    check_site(scenario)
    check_recovery(scenario)
    check_order(scenario)
    return scenario


def load(path: Path) -> Scenario:
    """Read a scenario file (.toml or .json), or a packaged one by name (cgk-day, ci-short, ci-site-loss)."""
    if not path.exists() and str(path) in PACKAGED:
        text = resources.files("gerbang.recovery.drill").joinpath(f"scenarios/{path}.toml").read_text()
        return parse(_decode(text, "toml", str(path)), source=str(path))
    if not path.is_file():
        raise InvalidInput("drill.scenario_missing", field="scenario", path=path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("toml", "json"):
        raise InvalidInput("drill.scenario_kind", field="scenario", path=path)
    return parse(_decode(path.read_text(encoding="utf-8"), kind, str(path)), source=str(path))


def _decode(text: str, kind: str, source: str) -> Any:
    try:
        return tomllib.loads(text) if kind == "toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(
            "drill.scenario_unreadable", field="scenario", path=source, problem=str(exc)
        ) from None
