"""`gerbang lab`: the two-site topology (etcd, Patroni, PostgreSQL, centers, edges, status) on one machine."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.table import Table

from gerbang.cli.common import console, friendly_errors

app = typer.Typer(
    help="A two-site lab on this machine (needs Debian's patroni and etcd-server).", no_args_is_help=True
)

DataDir = Annotated[Path, typer.Option("--data", help="Where every process of the lab keeps its data.")]


@app.command("up")
@friendly_errors()
def up(
    data: DataDir = Path("gerbang-lab"),
    base_port: Annotated[
        int, typer.Option(help="Port of site A's center; the lab numbers its other ports from it.")
    ] = 8100,
    watchlist_size: Annotated[int, typer.Option(help="Synthetic watchlist entries to seed.")] = 1000,
) -> None:
    """Start the lab (etcd ×4, PostgreSQL ×3 under Patroni, 2 centers, CGK, JKS, status); Ctrl-C stops it."""
    # Imported here: the cluster code is only needed by this command.
    from gerbang.recovery.cluster import supervise
    from gerbang.recovery.lab.run import Lab

    supervise.require_binaries()
    lab = Lab(data, base_port=base_port, watchlist_size=watchlist_size)
    _stop_on_sigterm()
    try:
        with console.status("starting the lab / menyalakan lab…") as status:
            nodes = lab.up(lambda line: status.update(f"{line}…"))
        table = Table(title="Gerbang lab is running / lab berjalan", title_justify="left")
        for column in ("name", "role", "site", "URL", "Patroni", "pid"):
            table.add_column(column)
        for node in nodes:
            table.add_row(
                node.name, node.role, node.site or "", node.url, node.patroni_url or "", str(node.pid)
            )
        console.print(table)
        console.print(f"every process: {lab.root / 'nodes.json'}   cluster plan: {lab.root / 'cluster.json'}")
        console.print("Press Ctrl-C to stop the lab / tekan Ctrl-C untuk berhenti.")
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        console.print("stopping / menghentikan…")
    finally:
        lab.down()
        console.print("the lab is stopped / lab berhenti")


@app.command("down")
@friendly_errors()
def down(data: DataDir = Path("gerbang-lab")) -> None:
    """Stop a lab that `gerbang lab up` started elsewhere, from its nodes.json."""
    from gerbang.kernel.errors import NotFound
    from gerbang.recovery.lab.nodes import NODES_FILE
    from gerbang.recovery.lab.run import down_from_file

    if not (data / NODES_FILE).exists():
        raise NotFound("lab.none_here", data=data, nodes_file=NODES_FILE)
    with console.status("stopping the lab / menghentikan lab…"):
        count = down_from_file(data)
    console.print(f"stopped {count} processes / {count} proses dihentikan")


def _stop_on_sigterm() -> None:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
