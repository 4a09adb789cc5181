"""`gerbang drill`: replay a day against the whole platform, destroy the center, recover, and judge."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer

from gerbang import words
from gerbang.cli.common import console, errors, friendly_errors
from gerbang.kernel.errors import Conflict, InvalidInput

app = typer.Typer(
    help="Outage drills against the whole platform, with a report and a verdict.", no_args_is_help=True
)


@app.callback()
def drill() -> None:
    """Outage drills against the whole platform, with a report and a verdict."""


@app.command("outage")
@friendly_errors()
def outage(
    scenario: Annotated[
        Path, typer.Option("--scenario", help="A scenario file (.toml, .json), or cgk-day / ci-short.")
    ] = Path("cgk-day"),
    speed: Annotated[
        float | None,
        typer.Option("--speed", help="Scenario minutes per wall minute (the file's by default)."),
    ] = None,
    report: Annotated[Path, typer.Option("--report", help="Where to write the report.")] = Path(
        "drill-report"
    ),
    work: Annotated[
        Path | None, typer.Option("--work", help="Where the platform keeps its data (a fresh temporary one).")
    ] = None,
    keep: Annotated[bool, typer.Option("--keep", help="Keep the platform's data after the drill.")] = False,
    lab: Annotated[
        bool,
        typer.Option(
            "--lab",
            help="Play on the two-site lab and recover by promoting site B (needs Patroni and etcd).",
        ),
    ] = False,
) -> None:
    """Play the scenario, write the report, exit 0 only if every promise of the day held."""
    from gerbang.recovery.drill import outcome, run
    from gerbang.recovery.drill import report as reporting
    from gerbang.recovery.drill import scenario as scenarios
    from gerbang.recovery.drill.collect import Center
    from gerbang.recovery.drill.lab_platform import LabPlatform, require_lab
    from gerbang.recovery.drill.platform import Platform

    loaded = scenarios.on_lab(scenarios.load(scenario), lab=lab)
    pace = speed if speed is not None else loaded.speed
    if not 1 <= pace <= 10_000:
        raise InvalidInput("drill.speed_range", field="speed", speed=pace)
    on_lab = loaded.platform.kind == "lab"
    if on_lab:
        require_lab()
    if (report / "report.json").exists():
        raise Conflict("drill.report_exists", field="report", path=report)
    base = work or Path(tempfile.mkdtemp(prefix="gerbang-drill-"))
    started = time.monotonic()
    if on_lab:
        # PostgreSQL runs as its own user when we are root: the lab's directory must be reachable.
        if work is None:
            base.chmod(0o755)
        platform: Platform = LabPlatform(base / "lab", speed=pace, drop_every=loaded.fault.drop_every)
    else:
        platform = Platform(
            base / "platform", speed=pace, drop_every=loaded.fault.drop_every, site=loaded.site
        )
    played = None
    try:
        console.print(
            words.say(
                "drill.cli_start",
                "en",
                name=loaded.name,
                start=loaded.start,
                end=loaded.end,
                speed=pace,
                work=base,
            ),
            soft_wrap=True,
        )
        played = run.set_up(platform, loaded, pace, base)
        run.play(played, platform, console)
        run.drain(played, platform, console)
        center = Center(platform.url("central"), platform.token("central"))
        try:
            found = outcome.findings(played, center)
        finally:
            center.close()
        data = reporting.build(played, found, wall_s=time.monotonic() - started)
        pages = reporting.write(data, report)
    finally:
        platform.stop()
        if played is not None:
            played.operator.release_vault()
        if not keep and work is None:
            shutil.rmtree(base, ignore_errors=True)
    verdict = found["verdict"]
    summary = data["summary"]
    console.print(
        words.say(
            "drill.cli_summary",
            "en",
            sent=summary["crossings_sent"],
            offline=summary["crossings_offline"],
            in_window=summary["crossings_in_window"],
            alerts=summary["alerts"],
            told=summary["told_after_wall_s"],
            wall=summary["wall_seconds"],
            page=pages[0],
        ),
        soft_wrap=True,
    )
    if verdict.passed:
        console.print(f"[green]{words.say('drill.verdict_passed', 'en')}[/green]", soft_wrap=True)
        return
    errors.print(f"[red]{words.say('drill.verdict_failed', 'en', count=len(verdict.failures))}[/red]")
    for failure in verdict.failures:
        errors.print(f"- {failure.reason}: {failure.text().en}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)
