"""`gerbang backup` for PostgreSQL: pgBackRest does the work; this runs it, restores to check, and reports."""

from __future__ import annotations

import os
import pwd
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console

from gerbang.apps import launcher
from gerbang.infra.backup.manifest import BackupBroken
from gerbang.kernel.errors import NotFound
from gerbang.recovery.backup import pg_vault, pgbackrest
from gerbang.recovery.backup.invariants import check_invariants
from gerbang.recovery.backup.pg_instance import PgInstance
from gerbang.recovery.backup.pg_vault import assemble_repo
from gerbang.recovery.backup.pgbackrest import PgBackRestFailed, PgBackRestSetup


def load(path: Path) -> PgBackRestSetup:
    """The setup the generator wrote beside pgbackrest.conf (setup.json), given either file."""
    setup_file = path if path.suffix == ".json" else path.with_name("setup.json")
    try:
        return PgBackRestSetup.from_json(setup_file.read_text())
    except FileNotFoundError:
        raise NotFound("backup.no_pg_setup", field="pgbackrest_config", setup_file=setup_file) from None


def owner(setup: PgBackRestSetup) -> str:
    """pgBackRest runs as the OS user that owns the cluster's data directory."""
    return pwd.getpwuid(setup.pg_data.stat().st_uid).pw_name


def create(path: Path, stanza: str, kind: str, console: Console) -> None:
    """A backup of `kind` (full, diff, incr) into both repositories, the near one first."""
    setup = load(path)
    for repo in (1, 2):
        with console.status(f"pgBackRest {kind} backup to repo{repo} / cadangan ke repo{repo}…"):
            pgbackrest.run(setup, "backup", f"--repo={repo}", f"--type={kind}", user=owner(setup))
    latest = pgbackrest.info(setup, user=owner(setup))[0]["backup"][-1]
    console.print(
        f"backup {latest['label']} ({latest['type']}), {latest['info']['repository']['delta']} bytes stored"
    )


def verify(
    path: Path,
    stanza: str,
    *,
    scratch: Path | None,
    at: datetime,
    repo: int,
    key_dir: Path,
    database: str = "gerbang",
) -> dict[str, Any]:
    """pgbackrest verify, then restore the newest backup into a scratch cluster and check its records."""
    setup = load(path)
    user = owner(setup)
    try:
        pgbackrest.verify(setup, repo=repo, user=user)
        described = pgbackrest.info(setup, user=user, repo=repo)[0]
    except PgBackRestFailed as exc:
        raise BackupBroken(f"repo{repo}", "pgbackrest verify", exc.message) from None
    if not described.get("backup"):
        raise BackupBroken(f"repo{repo}", "presence", "the repository holds no backup")
    newest = described["backup"][-1]
    work = Path(tempfile.mkdtemp(prefix="gerbang-verify-", dir=scratch))
    work.chmod(0o755)
    instance = PgInstance(work / "data", launcher.free_port(), work / "sock", user)
    try:
        started = time.monotonic()
        instance.own(work, instance.data)
        try:
            pgbackrest.run(
                setup,
                "restore",
                f"--repo={repo}",
                f"--pg1-path={instance.data}",
                "--archive-mode=off",
                "--type=immediate",
                "--target-action=promote",
                user=user,
            )
        except PgBackRestFailed as exc:
            raise BackupBroken(newest["label"], "restore", exc.message) from None
        instance.configure({"archive_mode": "off"})
        instance.start(timeout=300)
        instance.wait_accepting(timeout=300)
        restore_s = time.monotonic() - started
        counts = check_invariants(instance.url(database), where=newest["label"], key_dir=key_dir)
    finally:
        instance.stop("immediate")
        shutil.rmtree(work, ignore_errors=True)
    created = datetime.fromtimestamp(newest["timestamp"]["stop"], UTC)
    return {
        "store": "postgres",
        "backup_id": newest["label"],
        "backup_created_at": created.isoformat(),
        "verified_at": at.isoformat(),
        "age_s": round((at - created).total_seconds(), 1),
        "restore_s": round(restore_s, 3),
        "checked_in": "scratch",
        "rows": counts,
        "checks": [
            "pgbackrest verify (file checksums, WAL)",
            "restore and WAL replay",
            "PostgreSQL page checksums on read",
            "row counts",
            "audit chain",
            "crossing ids unique",
            "ledger balances",
        ],
    }


def restore(
    path: Path,
    stanza: str,
    *,
    to_time: datetime | None,
    repo: int,
    console: Console,
    vault: Path | None = None,
    sealed_before: datetime | None = None,
    scratch: Path | None = None,
) -> None:
    """Restore the cluster in place (stopped first by the operator) to `to_time`, or to the end of WAL.

    From the vault (`vault` named), repository 2 is first assembled from the newest copy of each file
    the vault sealed before `sealed_before` (when the attack began; every copy if not given), and
    both the backup and every WAL segment are read from that assembly, never from the repository
    the center could write. The cut-off is not `to_time`: the WAL that reaches a moment is archived
    and sealed only after it.
    """
    setup = load(path)
    if (setup.pg_data / "postmaster.pid").exists():
        raise BackupBroken(str(setup.pg_data), "restore", "PostgreSQL is running there; stop it first")
    target = ["--type=time", f"--target={pg_time(to_time)}", "--target-action=promote"] if to_time else []
    override: list[str] = []
    if vault is not None:
        assembled = Path(tempfile.mkdtemp(prefix="gerbang-vault-repo-", dir=scratch))
        with console.status("assembling repository 2 from the vault / menyusun repositori dari brankas…"):
            if assemble_repo(vault, assembled, before=sealed_before) == 0:
                raise BackupBroken(str(vault), "presence", "the vault holds no sealed PostgreSQL copy")
        _hand_to(assembled, owner(setup))
        override = [f"--repo{repo}-path={assembled}"]
        fetch = setup.restore_command(*override)
        # Recovery fetches WAL through restore_command: from the assembly too, not the live repository.
        override.append(f"--recovery-option=restore_command={fetch}")
        console.print(f"repository assembled from the vault at {assembled}; keep it until recovery ends")
    with console.status(f"pgBackRest restore from repo{repo} / memulihkan…"):
        try:
            pgbackrest.run(
                setup, "restore", f"--repo={repo}", "--delta", *override, *target, user=owner(setup)
            )
        except PgBackRestFailed as exc:
            raise BackupBroken(f"repo{repo}", "restore", exc.message) from None
    console.print(
        f"restored {setup.pg_data} from repo{repo}; start PostgreSQL, then run gerbang backup verify"
    )


def pg_time(moment: datetime) -> str:
    """A moment as pgBackRest's --target takes it (no ISO `T`), in UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f+00")


def _hand_to(directory: Path, user: str) -> None:
    """The assembled repository belongs to the cluster's OS user, who runs pgBackRest."""
    directory.chmod(0o750)
    for root, _dirs, files in os.walk(directory):
        shutil.chown(root, user, user)
        for name in files:
            shutil.chown(Path(root) / name, user, user)


def seal(path: Path, vault: Path, *, at: datetime, owner_name: str | None) -> pg_vault.RepoSealed:
    """Vault side: seal what is new or changed in the cluster's repository 2 (its landing place)."""
    return pg_vault.seal_repo(load(path).repo2, vault, at=at, owner=owner_name)
