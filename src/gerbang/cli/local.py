"""`gerbang ps`, `down` and `logs`: look at, stop and read a running `gerbang up` from another terminal."""

from __future__ import annotations

import json
import os
import signal
import time
from collections import deque
from pathlib import Path
from typing import Annotated

import httpx
import typer
from rich.table import Table

from gerbang.apps import provision
from gerbang.cli.common import console, friendly_errors
from gerbang.kernel.errors import NotFound

# The process of `gerbang up` itself, so `gerbang down` can ask it to stop every node it started.
SUPERVISOR_FILE = "up.pid"
# Where a person starts on each node: its pages, not its API reference.
FIRST_PAGE = {"central": "/passports", "checkpoint": "/login", "status": "/", "office": "/office"}

DataOption = Annotated[Path, typer.Option("--data", help="The folder `gerbang up` was started with.")]


def first_page(node: provision.NodeRecord) -> str:
    """The URL a person opens first on `node`."""
    return node.url + FIRST_PAGE.get(node.role, "/")


def running_nodes(data: Path) -> list[provision.NodeRecord]:
    """The nodes `gerbang up --data DATA` set up; a folder it never set up is named as such."""
    if not (data / provision.NODES_FILE).is_file():
        raise NotFound("up.not_provisioned", data=data, nodes_file=provision.NODES_FILE)
    return provision.read_nodes(data)


def alive(pid: int | None) -> bool:
    """True when a process with this id runs (and is ours to signal)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def node_state(node: provision.NodeRecord) -> str:
    """running and ready, running but not ready, or stopped."""
    if not alive(node.pid):
        return "stopped"
    try:
        ready = httpx.get(f"{node.url}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        ready = False
    return "ready" if ready else "not ready"


@friendly_errors()
def ps(data: DataOption = Path("gerbang-data")) -> None:
    """Each node of a local Gerbang: its page, process and whether it is ready."""
    nodes = running_nodes(data.resolve())
    table = Table(title=f"Gerbang in {data}", title_justify="left")
    for column in ("node", "role", "page", "pid", "state"):
        table.add_column(column, overflow="fold")
    for node in nodes:
        state = node_state(node)
        colour = {"ready": "green", "not ready": "yellow"}.get(state, "red")
        table.add_row(node.name, node.role, first_page(node), str(node.pid or "-"), f"[{colour}]{state}[/]")
    console.print(table)


@friendly_errors()
def down(
    data: DataOption = Path("gerbang-data"),
    wait: Annotated[float, typer.Option(help="Seconds to wait for the nodes to stop.")] = 20.0,
) -> None:
    """Stop a `gerbang up` started in another terminal: every node it runs, cleanly."""
    root = data.resolve()
    nodes = running_nodes(root)
    supervisor = _read_pid(root / SUPERVISOR_FILE)
    if alive(supervisor):
        assert supervisor is not None
        os.kill(supervisor, signal.SIGTERM)  # it stops its nodes itself, as on Ctrl-C
    else:
        for node in nodes:
            if alive(node.pid):
                assert node.pid is not None
                os.kill(node.pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and (any(alive(n.pid) for n in nodes) or alive(supervisor)):
        time.sleep(0.2)
    left = [n.name for n in nodes if alive(n.pid)]
    for node in nodes:
        if node.name in left and node.pid:
            os.kill(node.pid, signal.SIGKILL)
    console.print(
        f"stopped {', '.join(n.name for n in nodes)}" + (f" (killed {', '.join(left)})" if left else "")
    )


@friendly_errors()
def logs(
    name: Annotated[str, typer.Argument(help="The node, e.g. central, cgk, status, jks.")],
    data: DataOption = Path("gerbang-data"),
    lines: Annotated[int, typer.Option("--lines", "-n", min=1, max=100_000, help="How many to show.")] = 50,
    follow: Annotated[bool, typer.Option("--follow", "-f", help="Keep printing new lines.")] = False,
) -> None:
    """A node's log, one readable line an event (the file holds one JSON object a line)."""
    root = data.resolve()
    nodes = running_nodes(root)
    if name not in {n.name for n in nodes}:
        raise NotFound("up.no_node", only=name, nodes=", ".join(n.name for n in nodes))
    path = root / "logs" / f"{name}.log"
    if not path.is_file():
        raise NotFound("up.no_log", node=name, path=path)
    with path.open(encoding="utf-8", errors="replace") as log:
        for line in deque(log, maxlen=lines):
            console.print(readable(line), highlight=False, markup=False)
        while follow:
            line = log.readline()
            if line:
                console.print(readable(line), highlight=False, markup=False)
            else:
                time.sleep(0.3)


def readable(line: str) -> str:
    """One log line for a person: time, level, where and what; a line that is not JSON as it is."""
    try:
        event = json.loads(line)
    except ValueError:
        return line.rstrip("\n")
    if not isinstance(event, dict):
        return line.rstrip("\n")
    extra = " ".join(
        f"{key}={value}" for key, value in event.items() if key not in {"ts", "level", "logger", "message"}
    )
    when, level = event.get("ts", ""), event.get("level", "")
    text = f"{when} {level:<7} {event.get('logger', '')}: {event.get('message', '')}"
    return f"{text} {extra}".rstrip()


def write_supervisor(root: Path) -> None:
    """Record this `gerbang up` process so `gerbang down` can find it."""
    path = root / SUPERVISOR_FILE
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(f"{os.getpid()}\n")


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None
