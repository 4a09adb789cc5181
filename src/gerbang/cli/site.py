"""`gerbang site`: see each site's database members and promote a standby site after its peer is lost."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from gerbang.cli.common import console, friendly_errors

app = typer.Typer(
    help="The center's sites: their database state, and fenced promotion.", no_args_is_help=True
)

DataDir = Annotated[
    Path, typer.Option("--data", help="Directory holding cluster.json (a lab's --data directory).")
]


@app.command("promote")
@friendly_errors()
def promote(
    site: Annotated[str, typer.Argument(help="The standby site to promote, e.g. B.")],
    data: DataDir = Path("gerbang-lab"),
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Skip the fence checks. Only once the other site is known lost and cannot take writes "
            "again (powered off): two sites cannot tell a partition from a loss by themselves.",
        ),
    ] = False,
) -> None:
    """Make SITE's standby cluster the primary; refused while the other site still leads."""
    from gerbang.recovery.cluster.promote import promote_site
    from gerbang.recovery.cluster.topology import read_topology

    topology = read_topology(data)
    if force:
        console.print(
            "[yellow]--force: not checking the other site. Make sure it cannot take writes again. / "
            "tanpa pemeriksaan situs lain[/yellow]"
        )
    with console.status(f"promoting site {site.upper()} / mempromosikan situs {site.upper()}…"):
        primary = promote_site(topology, site, force=force)
    console.print(
        f"site {site.upper()} is primary: {primary.name} on port {primary.pg_port} / "
        f"situs {site.upper()} kini primer"
    )


@app.command("status")
@friendly_errors()
def status(data: DataDir = Path("gerbang-lab")) -> None:
    """Each site's PostgreSQL members as Patroni reports them, and whether site A's leader key is held."""
    from gerbang.recovery.cluster import health
    from gerbang.recovery.cluster.topology import read_topology

    topology = read_topology(data)
    table = Table(title="sites / situs", title_justify="left")
    for column in ("site", "member", "role", "state", "timeline", "leader key"):
        table.add_column(column)
    for each in topology.sites:
        key = health.leader_key(each)
        held = (key.holder or "none") if key.reachable else "etcd unreachable"
        for member in each.postgres:
            seen = health.member_state(member)
            table.add_row(
                each.name,
                member.name,
                seen.role or "no answer",
                seen.state or "",
                str(seen.timeline or ""),
                held,
            )
    console.print(table)
