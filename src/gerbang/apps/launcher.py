"""Run each node of a local Gerbang as its own OS process, wait until it is ready, and stop them cleanly."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from gerbang.apps.provision import NodeRecord
from gerbang.kernel.errors import Unavailable

SERVE_COMMAND = {
    "central": ["central", "serve"],
    "checkpoint": ["edge", "serve"],
    # The edge command defaults to --role checkpoint, which would override the role in the settings file.
    "office": ["edge", "serve", "--role", "office"],
    "status": ["status", "serve"],
}


def node_command(node: NodeRecord) -> list[str]:
    """The command that starts `node` from its settings file; `--only NAME` replays exactly this."""
    return [sys.executable, "-m", "gerbang.cli", *SERVE_COMMAND[node.role], "--config", node.config]


def start_node(
    node: NodeRecord, log_dir: Path, *, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start `node` in the background, its output appended to LOG_DIR/NAME.log; `env` over ours."""
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    node.command = node_command(node)
    with (log_dir / f"{node.name}.log").open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and a path we wrote
            node.command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            umask=0o077,
            env={**os.environ, **env} if env else None,
        )
    node.pid = process.pid
    return process


def port_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port, so a node can take it."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
# The lowest port handed out at random: below the registered services most machines run.
LOWEST_PORT = 10000


def free_port_block(size: int, *, host: str = "127.0.0.1") -> int:
    """A port P with P … P+size-1 free on `host`, below the kernel's ephemeral range.

    Ports the kernel gives to outgoing connections are avoided: one of those can be taken by any
    connection between this check and the node's bind, which then fails on a busy machine.
    """
    try:
        ephemeral_low = int(EPHEMERAL_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        ephemeral_low = 32768
    highest = max(LOWEST_PORT + size, min(ephemeral_low, 65536) - size)
    chooser = random.SystemRandom()
    for _ in range(500):
        port = chooser.randrange(LOWEST_PORT, highest)
        if all(port_free(host, port + k) for k in range(size)):
            return port
    raise Unavailable("up.no_free_ports", size=size)


def free_port(*, host: str = "127.0.0.1") -> int:
    """One free port on `host`, below the kernel's ephemeral range."""
    return free_port_block(1, host=host)


def wait_ready(node: NodeRecord, process: subprocess.Popen[bytes], *, timeout: float = 90.0) -> bool:
    """Poll /readyz until the node answers 200; False if it exits or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if httpx.get(f"{node.url}/readyz", timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    return False


def stop_all(processes: dict[str, subprocess.Popen[bytes]], *, grace: float = 15.0) -> None:
    """Ask every node to stop (SIGTERM), wait, then kill any that did not."""
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
