"""`gerbang up`: the whole system on one machine, each node its own process on loopback."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.table import Table

from gerbang.apps import launcher, provision
from gerbang.cli.common import console, errors, friendly_errors
from gerbang.kernel.errors import InvalidInput, NotFound


@friendly_errors()
def up(
    data: Annotated[Path, typer.Option("--data", help="Where every node keeps its data.")] = Path(
        "gerbang-data"
    ),
    only: Annotated[
        str | None, typer.Option("--only", help="Start just this node again, as configured.")
    ] = None,
    host: Annotated[str, typer.Option(help="Loopback address to serve on.")] = "127.0.0.1",
    base_port: Annotated[
        int, typer.Option(help="Port of the center; other nodes take the next ones.")
    ] = 8000,
    watchlist_size: Annotated[
        int, typer.Option(help="Synthetic watchlist entries to seed on first run.")
    ] = 5000,
) -> None:
    """Start every node (set up with demo data on first run); Ctrl-C stops them all."""
    data = data.resolve()
    if (data / provision.NODES_FILE).exists():
        nodes = provision.read_nodes(data)
    elif only:
        raise NotFound(f"{data} has no {provision.NODES_FILE}; run gerbang up --data {data} first")
    else:
        with console.status("setting up the nodes and demo data…"):
            nodes = provision.provision(
                data, host=host, base_port=base_port, synthetic_entries=watchlist_size
            )
    chosen = [n for n in nodes if only in (None, n.name)]
    if not chosen:
        raise InvalidInput(f"no node named {only!r}; nodes: {', '.join(n.name for n in nodes)}", field="only")

    processes: dict[str, subprocess.Popen[bytes]] = {}
    _stop_on_sigterm()
    try:
        for node in chosen:
            processes[node.name] = launcher.start_node(node, data / "logs")
            provision.write_nodes(data, nodes)
            if not launcher.wait_ready(node, processes[node.name]):
                errors.print(
                    f"[red]{node.name} did not become ready; see {data / 'logs' / node.name}.log[/red]"
                )
                raise typer.Exit(1)
        _print_summary(data, chosen)
        _watch(processes)
    except KeyboardInterrupt:
        console.print("stopping…")
    finally:
        launcher.stop_all(processes)
        console.print("all nodes stopped")


def _watch(processes: dict[str, subprocess.Popen[bytes]]) -> None:
    """Keep running while nodes run; a node that stops is reported, the others carry on (as in an outage)."""
    reported: set[str] = set()
    while True:
        for name, process in processes.items():
            if process.poll() is not None and name not in reported:
                console.print(
                    f"[yellow]{name} stopped (exit {process.returncode}); the other nodes carry on[/yellow]"
                )
                reported.add(name)
        time.sleep(0.5)


def _stop_on_sigterm() -> None:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def _print_summary(data: Path, nodes: list[provision.NodeRecord]) -> None:
    table = Table(title="Gerbang is running", title_justify="left")
    for column in ("node", "role", "URL", "logins (username / password)"):
        table.add_column(column)
    logins = provision.read_logins(data)
    for node in nodes:
        people = "\n".join(f"{x.username} / {x.password}" for x in logins if x.node == node.name)
        table.add_row(node.name, node.role, f"{node.url}/docs", people)
    console.print(table)
    console.print(
        f"API tokens: {data / provision.NODES_FILE}   sample passports: {data / provision.DEMO_FILE}"
    )
    console.print("Press Ctrl-C to stop every node.")
