"""A PostgreSQL instance of our own (initdb, start, stop), run as a non-root OS user: restores, tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from gerbang.kernel.errors import Unavailable

PG_BIN = Path(os.environ.get("GERBANG_PG_BIN", "/usr/lib/postgresql/15/bin"))


def as_user(command: list[str], user: str | None) -> list[str]:
    """`command` run as `user` when we are root (PostgreSQL refuses to run as root)."""
    if user is not None and os.geteuid() == 0:
        return ["runuser", "-u", user, "--", *command]
    return command


@dataclass
class PgInstance:
    """One cluster: its data directory, port and socket directory."""

    data: Path
    port: int
    socket_dir: Path
    user: str | None = "postgres"

    def _run(self, *command: str, timeout: float = 120) -> str:
        done = subprocess.run(  # noqa: S603 - PostgreSQL's own binaries, our own arguments
            as_user([str(PG_BIN / command[0]), *command[1:]], self.user),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise Unavailable(
                "backup.command_failed",
                command=command[0],
                output=(done.stderr or done.stdout).strip()[-500:],
            )
        return done.stdout

    def own(self, *paths: Path) -> None:
        """Hand directories to the instance's OS user, so it can write them."""
        if self.user is None or os.geteuid() != 0:
            return
        for path in paths:
            path.mkdir(parents=True, exist_ok=True)
            shutil.chown(path, self.user, self.user)

    def initdb(self, settings: dict[str, str]) -> None:
        """A new cluster with data checksums and `settings` appended to postgresql.conf."""
        self.own(self.data.parent, self.socket_dir)
        self._run(
            "initdb", "--pgdata", str(self.data), "--auth=trust", "--data-checksums", "--username=postgres"
        )
        self.configure(settings)

    def configure(self, settings: dict[str, str]) -> None:
        base = {
            "port": str(self.port),
            "listen_addresses": "''",
            "unix_socket_directories": f"'{self.socket_dir}'",
        }
        with (self.data / "postgresql.conf").open("a") as conf:
            for name, value in {**base, **settings}.items():
                conf.write(f"{name} = {value}\n")

    def start(self, *, timeout: float = 60) -> None:
        self.own(self.socket_dir)
        log = self.data.parent / f"{self.data.name}.log"
        self._run(
            "pg_ctl",
            "--pgdata",
            str(self.data),
            "--log",
            str(log),
            "--wait",
            f"--timeout={int(timeout)}",
            "start",
            timeout=timeout + 10,
        )

    def wait_accepting(self, *, timeout: float = 120) -> None:
        """Until the server accepts connections and has left recovery (a restore replays all its WAL).

        A restored cluster takes read-only connections while it still replays, so accepting alone
        would let a check count rows that are not there yet.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = subprocess.run(  # noqa: S603
                [
                    str(PG_BIN / "pg_isready"),
                    "-h",
                    str(self.socket_dir),
                    "-p",
                    str(self.port),
                    "-U",
                    "postgres",
                ],
                capture_output=True,
                check=False,
            )
            if done.returncode == 0 and self.sql("SELECT pg_is_in_recovery()") == "f":
                return
            time.sleep(0.3)
        raise Unavailable("backup.pg_not_ready", port=self.port, timeout=timeout)

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "--pgdata", str(self.data), "--mode", mode, "--wait", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}&port={self.port}"

    def sql(self, statement: str, database: str = "postgres", *, timeout: float = 120) -> str:
        """Run one statement with psql; its unaligned output."""
        return self._run(
            "psql",
            "-h",
            str(self.socket_dir),
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-At",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            statement,
            timeout=timeout,
        ).strip()
