"""Start, stop and kill the lab's processes; PostgreSQL members run as an unprivileged user.

PostgreSQL refuses to run as root, so when the lab is started by root every Patroni (and the
PostgreSQL it starts) runs as the `postgres` user that Debian's packages create, and its directory
is handed to that user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import time
from contextlib import suppress
from pathlib import Path

from gerbang.kernel.errors import Unavailable

DEBIAN_PACKAGES = "patroni etcd-server"
UNPRIVILEGED_USER = "postgres"


def require_binaries() -> dict[str, str]:
    """Where `etcd`, `patroni` and `patronictl` are; a clear refusal naming the packages if one is missing."""
    found = {name: shutil.which(name) for name in ("etcd", "patroni", "patronictl")}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise Unavailable("lab.packages_missing", missing=", ".join(missing), debian_packages=DEBIAN_PACKAGES)
    return {name: path for name, path in found.items() if path is not None}


def running_as_root() -> bool:
    return os.geteuid() == 0


def hand_over(path: Path) -> None:
    """Give `path` (recursively) to the unprivileged user when we are root; PostgreSQL wants it 0700."""
    if not running_as_root():
        return
    user = pwd.getpwnam(UNPRIVILEGED_USER)
    for directory, _subdirs, files in os.walk(path):
        os.chown(directory, user.pw_uid, user.pw_gid)
        for name in files:
            os.chown(Path(directory) / name, user.pw_uid, user.pw_gid)
    check_reachable(path)


def check_reachable(path: Path) -> None:
    """Refuse early if the unprivileged user cannot walk down to `path` (PostgreSQL would fail later)."""
    user = pwd.getpwnam(UNPRIVILEGED_USER)
    for parent in reversed(path.resolve().parents):
        mode = parent.stat()
        if mode.st_uid != user.pw_uid and not mode.st_mode & 0o001:
            raise Unavailable("lab.user_cannot_enter", parent=parent, unprivileged_user=UNPRIVILEGED_USER)


def start(
    command: list[str], log_file: Path, *, unprivileged: bool = False, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` in a session of its own, its output appended to `log_file`."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    user = UNPRIVILEGED_USER if unprivileged and running_as_root() else None
    environment = {**os.environ, **(env or {})}
    # Our own working directory may be closed to the unprivileged user (a checkout under a private
    # directory), and Patroni's worker processes change into their parent's at start: start in its home.
    working_dir = None
    if user is not None:
        environment["HOME"] = working_dir = pwd.getpwnam(user).pw_dir
    with log_file.open("ab") as log:
        return subprocess.Popen(  # noqa: S603 - binaries found on PATH and arguments we built
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=working_dir,
            user=user,
            group=user,
            env=environment,
        )


def postmaster_pid(data_dir: Path) -> int | None:
    """The PostgreSQL server's pid from its postmaster.pid, if it is running."""
    try:
        pid = int((data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None
    return pid if alive(pid) else None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def kill_group(pid: int, sig: int = signal.SIGKILL) -> None:
    """Signal `pid`'s process group when it leads one (started in a session of its own), else `pid` alone."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)
    with suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)


def kill_member(patroni_pid: int | None, data_dir: Path) -> None:
    """What a dead machine looks like: Patroni, the PostgreSQL server and its backends, all SIGKILLed."""
    server = postmaster_pid(data_dir)
    if patroni_pid is not None:
        kill_group(patroni_pid)
    if server is not None:
        # Patroni starts the server in a session of its own, so its backends share its group.
        kill_group(server)


def stop(process: subprocess.Popen[bytes] | int, *, grace: float = 20.0) -> None:
    """SIGTERM, wait up to `grace` seconds, then SIGKILL the whole group."""
    pid = process if isinstance(process, int) else process.pid
    kill_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if isinstance(process, subprocess.Popen):
            if process.poll() is not None:
                return
        elif not alive(pid):
            return
        time.sleep(0.2)
    kill_group(pid)
    if isinstance(process, subprocess.Popen):
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
