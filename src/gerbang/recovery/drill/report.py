"""The drill's report: report.json, index.html (Indonesian) and index.en.html (English), PNG charts."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from gerbang import words
from gerbang.border.domain.queueing.erlang import smallest_servers
from gerbang.border.domain.queueing.measure import DEFAULT_SERVICE_S
from gerbang.recovery.drill import charts
from gerbang.recovery.drill.driver.supervisor import QUEUE_OF
from gerbang.recovery.drill.plan import day_forecast, slice_minute
from gerbang.recovery.drill.queues import TARGET_MIN, longest_waited, measured_queues, queue_waits
from gerbang.recovery.drill.run import Played, wall_to_minute
from gerbang.recovery.drill.scenario import clock_text, minutes

PAGES = {"id": "index.html", "en": "index.en.html"}


def forecast_rows(played: Played) -> list[dict[str, Any]]:
    """Arrivals per 15 minutes in the window and the counters Erlang C advises for 95% within 15 min.

    Counters serve foreigners and the citizens not using autogates, at the online pace, or the slower
    offline pace while the center is down (the defaults the checkpoint's own advice starts from).
    """
    s = played.scenario
    day = day_forecast(s.crossings)
    attack, serve = s.attack.minute, minutes(s.recovery.serve_at)
    rows = []
    for k, piece in enumerate(day.slices):
        minute = slice_minute(day, k)
        if not s.start_min <= minute < s.end_min:
            continue
        offline = attack <= minute < serve
        to_counters = piece["foreigners"] + piece["citizens"] * (1 - s.crossings.autogate_share)
        advised = smallest_servers(
            arrivals_per_min=to_counters / 15,
            service_min=DEFAULT_SERVICE_S[("counter", offline)] / 60,
            target_min=15,
            share=0.95,
        )
        rows.append(
            {
                "minute": minute,
                "citizens": round(piece["citizens"], 1),
                "foreigners": round(piece["foreigners"], 1),
                "counters_advised": advised.servers,
                "offline": offline,
            }
        )
    return rows


def recovery_figures(played: Played) -> dict[str, Any]:
    """How the center came back: from the vault, or site B promoted, with when and the RTO (wall seconds).

    The RTO runs from the promotion command typed to site B's first acknowledged write.
    """
    s = played.scenario
    figures: dict[str, Any] = {"recovery_source": s.recovery.source, "platform": s.platform.kind}
    if s.recovery.source != "site-b":
        return figures
    done = played.recovery
    typed = done.get("typed_at")
    figures |= {
        "promoted_at": clock_text(wall_to_minute(played, datetime.fromisoformat(typed))) if typed else None,
        "promotion_s": done.get("promotion_s"),
        "rto_s": done.get("rto_s"),
        "rto_scenario_min": round(done["rto_s"] * played.speed / 60, 1) if "rto_s" in done else None,
    }
    return figures


def build(played: Played, found: dict[str, Any], *, wall_s: float) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    s, public, verdict = played.scenario, found["public"], found["verdict"]
    sent = len(played.border.acks)
    told = public.told_after_s
    summary = {
        "scenario": s.name,
        "title_id": s.title_id,
        "title_en": s.title_en,
        "site": s.site,
        "speed": played.speed,
        "start": s.start,
        "end": s.end,
        "start_min": s.start_min,
        "end_min": s.end_min,
        "attack": s.attack.at,
        "restore": s.recovery.restore_at,
        "serve": s.recovery.serve_at,
        "wall_seconds": round(wall_s, 1),
        "play_seconds": round(played.play_s, 1),
        "drain_seconds": round(played.drain_s, 1),
        "crossings_in_window": played.in_window,
        "crossings_planned": len(played.plan),
        "crossings_sent": sent,
        "crossings_failed": len(played.border.errors),
        "crossings_offline": found["offline"],
        "decisions": found["decisions"],
        "applicants": len(played.passports.applicants),
        "interviews": len(played.passports.acks["passport-interview"]),
        "handovers": len(played.passports.acks["passport-handover"]),
        "alerts": len(found["alerts"]),
        "backups": played.operator.backups,
        "fault_drop_every": s.fault.drop_every,
        "told_after_wall_s": round(told, 1) if told is not None else None,
        "longest_silence_scenario_min": round(public.longest_silence_min(), 1),
        **recovery_figures(played),
        "time_note": "told_after is wall time (the status node probes in real seconds); gaps between "
        "updates are scenario minutes",
    }
    lines = [line.as_dict() for line in found["lines"]]
    forecast = forecast_rows(played)
    return {
        "summary": summary,
        "verdict": {
            "passed": verdict.passed,
            "exit_code": verdict.exit_code,
            "failures": [
                {"reason": f.reason, **f.params, "id": f.text().id, "en": f.text().en}
                for f in verdict.failures
            ],
        },
        "reconciliation": lines,
        "hits": [h.__dict__ | {"caught": h.caught} for h in found["hits"]],
        "hits_not_sent": found["hits_not_sent"],
        "alerts": [
            a | {"minute": round(wall_to_minute(played, datetime.fromisoformat(a["raised_at"])), 1)}
            for a in found["alerts"]
        ],
        "public": {
            "attack_at": public.attack_at.isoformat(),
            "told_at": public.told_at.isoformat() if public.told_at else None,
            "resolved_at": public.resolved_at.isoformat() if public.resolved_at else None,
            "updates": [u.isoformat() for u in public.updates],
            "updates_minutes": [round(wall_to_minute(played, u), 1) for u in public.updates],
            "operator_updates": played.desk.posted,
        },
        "applicants": found["applicants"],
        "outages_declared": found["outages"],
        "incidents": found["incidents"],
        "metrics": played.metrics,
        "timeline": {
            "events": played.recorder.events,
            "samples": [x.__dict__ for x in played.recorder.samples],
            "clearances": [[a.lane_type, round(a.sent, 2)] for a in played.border.acks],
            "forecast": forecast,
            "queue_boards": played.recorder.queues,
            "head_counts": [count.__dict__ for count in played.supervisor.counts],
        },
        "queue_waits": {
            "target_min": TARGET_MIN,
            "note": "each queue's longest wait as the checkpoint's own queue board worked it out "
            "(GET /api/v1/queues) from the floor supervisor's head counts, in scenario minutes, beside "
            "the counters Erlang C advises",
            "slices": queue_waits(played.recorder.queues, forecast, speed=played.speed),
            # From the driver's side: how long each slice's arrivals really waited to be sent.
            "waited": longest_waited(
                [(QUEUE_OF[a.lane_type], a.planned, a.sent) for a in played.border.acks], forecast
            ),
        },
        "errors": {
            "crossings": played.border.errors[:20],
            "passports": played.passports.errors[:20],
            "head_counts": played.supervisor.errors[:20],
        },
    }


def write(report: dict[str, Any], directory: Path) -> list[Path]:
    """Write the JSON, both pages and the charts into `directory`; return the pages."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "report.json").write_text(json.dumps(report, indent=1, default=str) + "\n")
    pictures = charts.draw_all(report, directory)
    environment = Environment(
        loader=PackageLoader("gerbang.recovery.drill", "templates"), autoescape=select_autoescape()
    )
    template = environment.get_template("drill_report.html")
    pages = []
    for language, name in PAGES.items():
        other = "en" if language == "id" else "id"

        def t(reason: str, _lang: str = language, **params: Any) -> str:
            return words.say(reason, _lang, **params)

        html = template.render(
            r=report,
            lang=language,
            t=t,
            other_page=PAGES[other],
            charts=[
                (picture, words.say(f"drill.chart_{picture.split('.')[0]}", language))
                for picture in pictures[language]
            ],
            lane_key=charts.lane_key,
            service_key=charts.service_key,
            clock=clock_text,
            failures=[f[language] for f in report["verdict"]["failures"]],
            queue_names=measured_queues(report["queue_waits"]["slices"]),
        )
        (directory / name).write_text(html)
        pages.append(directory / name)
    return pages
