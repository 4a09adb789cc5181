"""`gerbang up`: the whole system on one machine, each node its own process on loopback."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.table import Table

from gerbang.apps import launcher, provision
from gerbang.cli import local
from gerbang.cli.common import console, errors, friendly_errors
from gerbang.kernel.errors import Conflict, InvalidInput, NotFound


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
        int | None,
        typer.Option(
            min=1024, max=65530, help="Port of the center (default 8000); the other nodes take the next ones."
        ),
    ] = None,
    watchlist_size: Annotated[
        int, typer.Option(help="Synthetic watchlist entries to seed on first run.")
    ] = 5000,
) -> None:
    """Start every node (set up with demo data on first run); Ctrl-C stops them all."""
    os.umask(0o077)  # the demo data, keys, databases and logs are the operator's alone
    data = data.resolve()
    if (data / provision.NODES_FILE).exists():
        nodes = provision.read_nodes(data)
        set_up_with = min(n.port for n in nodes)
        if base_port is not None and base_port != set_up_with:
            raise InvalidInput(
                "up.ports_fixed", field="base_port", data=data, port=set_up_with, asked=base_port
            )
    elif only:
        raise NotFound("up.not_provisioned", data=data, nodes_file=provision.NODES_FILE)
    else:
        with console.status("setting up the nodes and demo data…"):
            nodes = provision.provision(
                data, host=host, base_port=base_port or 8000, synthetic_entries=watchlist_size
            )
    chosen = [n for n in nodes if only in (None, n.name)]
    if not chosen:
        raise InvalidInput("up.no_node", field="only", only=only, nodes=", ".join(n.name for n in nodes))

    taken = [n for n in chosen if not local.alive(n.pid) and not launcher.port_free(host, n.port)]
    if taken:
        ports = ", ".join(f"{n.port} ({n.name})" for n in taken)
        raise Conflict("up.ports_taken", ports=ports, data=data)

    processes: dict[str, subprocess.Popen[bytes]] = {}
    _stop_on_sigterm()
    local.write_supervisor(data)
    try:
        for node in chosen:
            processes[node.name] = launcher.start_node(node, data / "logs")
            provision.write_nodes(data, nodes)
            if not launcher.wait_ready(node, processes[node.name]):
                errors.print(
                    f"[red]{node.name} did not become ready; see {data / 'logs' / node.name}.log[/red]"
                )
                raise typer.Exit(1)
        _print_summary(data, chosen, every=only is None)
        _watch(processes)
    except KeyboardInterrupt:
        console.print("stopping…")
    finally:
        launcher.stop_all(processes)
        (data / local.SUPERVISOR_FILE).unlink(missing_ok=True)
        console.print("all nodes stopped" if only is None else f"{only} stopped")


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


def _print_summary(data: Path, nodes: list[provision.NodeRecord], *, every: bool) -> None:
    # One row a node, URLs to the pages people start on, so it reads in an 80-column terminal.
    table = Table(title="Gerbang is running", title_justify="left", expand=False)
    table.add_column("node", no_wrap=True)
    table.add_column("open", overflow="fold")
    table.add_column("sign in as (user / password)", overflow="fold")
    logins = provision.read_logins(data)
    for node in nodes:
        people = "\n".join(f"{x.username} / {x.password}" for x in logins if x.node == node.name)
        table.add_row(f"{node.name}\n[dim]{node.role}[/dim]", local.first_page(node), people or "-")
    console.print(table)
    console.print(f"API tokens: {data / provision.NODES_FILE}")
    console.print(f"sample passports: {data / provision.DEMO_FILE}")
    console.print(
        "Another terminal: gerbang ps | gerbang logs NAME | gerbang down"
        + (f" (with --data {data})" if data.name != "gerbang-data" else "")
    )
    console.print("Press Ctrl-C to stop every node." if every else "Press Ctrl-C to stop this node.")
