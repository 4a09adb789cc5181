"""pgBackRest for a PostgreSQL cluster: its configuration, two encrypted repositories, and the commands.

The cipher passes live in a file of their own under a key directory that pgBackRest reads through
`--config-include-path`, so the main configuration holds no secret and the key sits apart from both
the data and the repositories.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gerbang.kernel.errors import GerbangError, Unavailable

PGBACKREST = "pgbackrest"
CIPHER_FILE = "cipher.conf"
# pgBackRest's largest retention: the vault repository is pruned by the vault side, never by the center.
NEVER_EXPIRE = 9999999
_NONZERO = re.compile(r"(missing|invalid|other): [1-9]")


class PgBackRestFailed(GerbangError):
    """A pgBackRest command exited non-zero; the message carries its own words."""


@dataclass(frozen=True)
class PgBackRestSetup:
    """Where one cluster's backups go: two repositories (near and vault) and the key directory."""

    stanza: str
    pg_data: Path
    pg_port: int
    pg_socket_dir: Path
    repo1: Path
    repo2: Path
    key_dir: Path
    config_file: Path
    work_dir: Path
    repo1_full_kept: int = 2
    process_max: int = 2

    def config_text(self) -> str:
        """pgbackrest.conf: both repositories aes-256-cbc, WAL archived synchronously, no secret in it."""
        lines = [
            "[global]",
            f"repo1-path={self.repo1}",
            "repo1-cipher-type=aes-256-cbc",
            f"repo1-retention-full={self.repo1_full_kept}",
            f"repo2-path={self.repo2}",
            "repo2-cipher-type=aes-256-cbc",
            f"repo2-retention-full={NEVER_EXPIRE}",
            "compress-type=zst",
            f"process-max={self.process_max}",
            "start-fast=y",
            "archive-check=y",
            f"log-path={self.work_dir / 'log'}",
            f"lock-path={self.work_dir / 'lock'}",
            f"spool-path={self.work_dir / 'spool'}",
            "log-level-console=warn",
            "log-level-file=info",
            "",
            f"[{self.stanza}]",
            f"pg1-path={self.pg_data}",
            f"pg1-port={self.pg_port}",
            f"pg1-socket-path={self.pg_socket_dir}",
            "",
        ]
        return "\n".join(lines)

    @property
    def setup_file(self) -> Path:
        return self.config_file.with_name("setup.json")

    def base_command(self) -> list[str]:
        return [
            PGBACKREST,
            f"--config={self.config_file}",
            f"--config-include-path={self.key_dir}",
            f"--stanza={self.stanza}",
        ]

    def archive_command(self) -> str:
        """The `archive_command` for postgresql.conf: every WAL segment goes to both repositories."""
        return " ".join([*self.base_command(), "archive-push", "%p"])

    def restore_command(self, *extra: str) -> str:
        """The `restore_command` for a standby or a restored cluster (`extra` options, e.g. a repo path)."""
        return " ".join([*self.base_command(), *extra, "archive-get", "%f", '"%p"'])

    def write(self, *, owner: str | None = None) -> None:
        """Write the configuration and, once, the cipher passes (0600); with `owner`, hand both to it."""
        for directory in (
            self.work_dir,
            self.work_dir / "log",
            self.work_dir / "lock",
            self.work_dir / "spool",
            self.key_dir,
            self.config_file.parent,
        ):
            directory.mkdir(parents=True, exist_ok=True)
        self.config_file.write_text(self.config_text())
        # What `gerbang backup --pgbackrest-config` reads back: the paths, never the passes.
        self.setup_file.write_text(self.to_json())
        cipher = self.key_dir / CIPHER_FILE
        if not cipher.exists():
            passes = (
                f"[global]\nrepo1-cipher-pass={secrets.token_urlsafe(48)}\n"
                f"repo2-cipher-pass={secrets.token_urlsafe(48)}\n"
            )
            fd = os.open(cipher, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(passes)
        os.chmod(self.key_dir, 0o700)
        if owner is not None:
            for path in (
                self.work_dir,
                self.work_dir / "log",
                self.work_dir / "lock",
                self.work_dir / "spool",
                self.key_dir,
                cipher,
                self.config_file,
            ):
                shutil.chown(path, owner, owner)
            for repo in (self.repo1, self.repo2):
                repo.mkdir(parents=True, exist_ok=True)
                shutil.chown(repo, owner, owner)

    def to_json(self) -> str:
        return json.dumps(
            {k: str(v) if isinstance(v, Path) else v for k, v in self.__dict__.items()}, indent=1
        )

    @classmethod
    def from_json(cls, text: str) -> PgBackRestSetup:
        raw: dict[str, Any] = json.loads(text)
        paths = {"pg_data", "pg_socket_dir", "repo1", "repo2", "key_dir", "config_file", "work_dir"}
        values: dict[str, Any] = {k: Path(v) if k in paths else v for k, v in raw.items()}
        return cls(**values)


def setup_for(
    *, stanza: str, pg_data: Path, pg_port: int, pg_socket_dir: Path, repo1: Path, repo2: Path, base: Path
) -> PgBackRestSetup:
    """The setup the lab and the tests use: config, key directory and work files under `base`."""
    return PgBackRestSetup(
        stanza=stanza,
        pg_data=pg_data,
        pg_port=pg_port,
        pg_socket_dir=pg_socket_dir,
        repo1=repo1,
        repo2=repo2,
        key_dir=base / "keys",
        config_file=base / "pgbackrest.conf",
        work_dir=base / "work",
    )


def run(setup: PgBackRestSetup, *args: str, user: str | None = None, timeout: float = 600) -> str:
    """Run one pgBackRest command (as `user` when we are root); raise PgBackRestFailed with its output."""
    if shutil.which(PGBACKREST) is None:
        raise Unavailable("backup.no_pgbackrest")
    command = [*setup.base_command(), *args]
    if user is not None and os.geteuid() == 0:
        command = ["runuser", "-u", user, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)  # noqa: S603
    if done.returncode != 0:
        words = (done.stderr.strip() or done.stdout.strip()).splitlines()
        raise PgBackRestFailed(
            "backup.pgbackrest_failed", command=args[0], code=done.returncode, output=" ".join(words[-3:])
        )
    return done.stdout


def info(setup: PgBackRestSetup, *, user: str | None = None, repo: int | None = None) -> list[dict[str, Any]]:
    """`pgbackrest info --output=json`: the stanza's backups and archive per repository."""
    extra = [f"--repo={repo}"] if repo else []
    parsed: list[dict[str, Any]] = json.loads(run(setup, "info", "--output=json", *extra, user=user))
    return parsed


def verify(setup: PgBackRestSetup, *, repo: int, user: str | None = None, extra: tuple[str, ...] = ()) -> str:
    """`pgbackrest verify` on one repository; raise naming the backup and what is wrong.

    pgBackRest 2.45 exits 0 even when it finds a bad file and reports it in its output, so the
    output is read here rather than trusted to the exit code.
    """
    report = run(setup, "verify", f"--repo={repo}", "--output=text", "--verbose", *extra, user=user)
    if "status: error" not in report:
        return report
    bad = [line.strip() for line in report.splitlines() if "status: invalid" in line or _NONZERO.search(line)]
    log = setup.work_dir / "log" / f"{setup.stanza}-verify.log"
    named = []
    if log.exists():
        named = [
            line.split(" P00 ", 1)[-1].strip()
            for line in log.read_text().splitlines()[-400:]
            if "invalid" in line.lower() or "missing" in line.lower()
        ]
    found = "; ".join(bad) or report.strip()
    raise PgBackRestFailed(
        "backup.pgbackrest_verify_errors",
        repo=repo,
        found=found + (" — " + "; ".join(named[-3:]) if named else ""),
    )
