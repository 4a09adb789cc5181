"""The vault: the center's OS user drops backups in but cannot delete or overwrite what the vault sealed."""

from __future__ import annotations

import os
import pickle
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from gerbang.infra.backup.keys import create_key, read_key
from gerbang.infra.backup.sqlite_set import create_set
from gerbang.recovery.backup import pg_vault, vault
from gerbang.recovery.backup.catalogue import list_sets
from gerbang.recovery.backup.sqlite_verify import verify_newest

CENTER_USER, VAULT_USER = "gerbang", "gerbang-vault"


@pytest.fixture(autouse=True)
def _root(lab_tools: Callable[[list[str]], None]) -> None:
    # Root creates the center's and the vault's OS users and drops to them; CI runs as root.
    lab_tools([] if os.geteuid() == 0 else ["root, to create the center's and the vault's OS users"])


def ensure_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        # Tests run in parallel: another worker may create the same user at the same moment.
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=False
        )
        return pwd.getpwnam(name)


def as_user(name: str, work: Callable[[], Any]) -> Any:
    """Run `work` in a forked child with exactly `name`'s uid and gid; return its value or re-raise."""
    user = ensure_user(name)
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root for good, then do the work
        os.close(reading)
        try:
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            outcome: tuple[str, Any] = ("ok", work())
        except BaseException as exc:  # carried back to the parent to assert on
            outcome = ("error", exc)
        with os.fdopen(writing, "wb") as out:
            pickle.dump(outcome, out)
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as incoming:
        kind, value = pickle.load(incoming)  # noqa: S301 - our own forked child wrote it
    os.waitpid(pid, 0)
    if kind == "error":
        raise value
    return value


def release(path: Path) -> None:
    subprocess.run(["chattr", "-R", "-i", str(path)], capture_output=True, check=False)


@pytest.fixture
def place() -> Iterator[Path]:
    """A directory both OS users can reach (a pytest tmp_path is root's alone)."""
    base = Path(tempfile.mkdtemp(prefix="gerbang-vault-test-"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        release(base)
        shutil.rmtree(base)


@pytest.fixture
def center(place: Path, node_maker: Callable[[Path], Path]) -> dict[str, Path]:
    """A center node, its near repository and its key, all owned by the center's OS user."""
    user = ensure_user(CENTER_USER)
    ensure_user(VAULT_USER)
    paths = {"data": place / "central", "repo": place / "repo", "key": place / "secrets" / "backup.key"}
    node_maker(paths["data"])
    create_key(paths["key"])
    paths["repo"].mkdir()
    for top in (paths["data"], paths["repo"], paths["key"].parent):
        for root, _dirs, files in os.walk(top):
            os.chown(root, user.pw_uid, user.pw_gid)
            for name in files:
                os.chown(Path(root) / name, user.pw_uid, user.pw_gid)
    paths["vault"] = place / "vault"
    vault.init_vault(paths["vault"], owner=VAULT_USER)
    return paths


def back_up_as_center(paths: dict[str, Path], at: datetime) -> str:
    def work() -> str:
        manifest = create_set(
            database=paths["data"] / "gerbang.db",
            data_dir=paths["data"],
            node="central",
            repo=paths["repo"],
            key=read_key(paths["key"]),
            at=at,
        )
        vault.drop_set(paths["repo"] / manifest.backup_id, paths["vault"])
        return manifest.backup_id

    result: str = as_user(CENTER_USER, work)
    return result


def test_center_user_cannot_delete_or_overwrite_a_sealed_backup(center: dict[str, Path]) -> None:
    backup_id = back_up_as_center(center, datetime.now(UTC))
    done = vault.seal(center["vault"], owner=VAULT_USER)
    assert done.sets == [backup_id]
    assert done.immutable, "chattr +i is expected to work on this file system"
    sealed_set = vault.sealed(center["vault"]) / backup_id
    target = sealed_set / "database.db.gcm"
    before = target.read_bytes()
    assert target.stat().st_uid == pwd.getpwnam(VAULT_USER).pw_uid
    assert target.stat().st_mode & 0o777 == 0o444
    assert "i" in subprocess.run(["lsattr", str(target)], capture_output=True, text=True).stdout.split()[0]

    attacks: dict[str, Callable[[], object]] = {
        "delete": lambda: target.unlink(),
        "overwrite": lambda: target.write_bytes(b"encrypted by the attacker"),
        "truncate": lambda: os.truncate(target, 0),
        "rename": lambda: target.rename(sealed_set / "moved"),
        "chmod": lambda: target.chmod(0o666),
        "add a file": lambda: (sealed_set / "planted").write_bytes(b"x"),
        "remove the set": lambda: shutil.rmtree(sealed_set),
        "replace the set": lambda: sealed_set.rename(sealed_set.with_name("gone")),
    }
    for name, attack in attacks.items():
        with pytest.raises(PermissionError):
            as_user(CENTER_USER, attack)
        assert target.read_bytes() == before, name
    # Even root on the vault host needs chattr -i first: an immutable file refuses root's rm too.
    with pytest.raises(PermissionError):
        target.unlink()
    result = verify_newest(vault.sealed(center["vault"]), read_key(center["key"]), at=datetime.now(UTC))
    assert result["backup_id"] == backup_id


def test_vault_sealed_by_its_own_user_without_chattr_still_refuses_the_center(
    center: dict[str, Path],
) -> None:
    backup_id = back_up_as_center(center, datetime.now(UTC))
    done = as_user(VAULT_USER, lambda: vault.seal(center["vault"]))
    # Without CAP_LINUX_IMMUTABLE the vault user cannot chattr; ownership and modes must hold alone.
    assert done.sets == [backup_id]
    assert not done.immutable
    target = vault.sealed(center["vault"]) / backup_id / "manifest.json"
    with pytest.raises(PermissionError):
        as_user(CENTER_USER, target.unlink)
    with pytest.raises(PermissionError):
        as_user(CENTER_USER, lambda: target.write_text("{}"))
    assert target.exists()


def test_center_user_cannot_read_or_remove_what_waits_in_incoming(center: dict[str, Path]) -> None:
    back_up_as_center(center, datetime.now(UTC))
    with pytest.raises(PermissionError):
        as_user(CENTER_USER, lambda: list(vault.incoming(center["vault"]).iterdir()))


def test_retention_is_enforced_by_the_vault_side_only(center: dict[str, Path]) -> None:
    now = datetime.now(UTC)
    old = back_up_as_center(center, now - timedelta(days=60))
    new = back_up_as_center(center, now)
    assert sorted(vault.seal(center["vault"], owner=VAULT_USER).sets) == sorted([old, new])
    with pytest.raises(PermissionError):
        as_user(CENTER_USER, lambda: vault.prune(center["vault"], keep_days=1, keep_at_least=1, now=now))
    assert len(list_sets(vault.sealed(center["vault"]))) == 2
    removed = vault.prune(center["vault"], keep_days=35, keep_at_least=1, now=now)
    assert removed == [old]
    assert [s.manifest.backup_id for s in list_sets(vault.sealed(center["vault"]))] == [new]


def test_center_user_cannot_delete_or_overwrite_sealed_copies_of_the_postgres_repository(
    place: Path,
) -> None:
    center_user = ensure_user(CENTER_USER)
    ensure_user(VAULT_USER)
    # Repository 2 as pgBackRest leaves it for the vault: owned by the center's side, rewritten in place.
    repo = place / "repo2"
    (repo / "backup" / "gerbang").mkdir(parents=True)
    info = repo / "backup" / "gerbang" / "backup.info"
    info.write_bytes(b"first")
    (repo / "archive").mkdir()
    (repo / "archive" / "000000010000000000000001").write_bytes(os.urandom(4096))
    for path in [repo, *repo.rglob("*")]:
        os.chown(path, center_user.pw_uid, center_user.pw_gid)
    where = place / "vault"
    vault.init_vault(where, owner=VAULT_USER)
    first = pg_vault.seal_repo(repo, where, at=datetime.now(UTC), owner=VAULT_USER)
    assert (first.new, first.immutable) == (2, True)
    sealed_info = next((vault.sealed(where) / pg_vault.PG_DIR / "backup" / "gerbang").glob("backup.info@*"))
    assert sealed_info.stat().st_uid == pwd.getpwnam(VAULT_USER).pw_uid

    attacks: dict[str, Callable[[], object]] = {
        "delete": sealed_info.unlink,
        "overwrite": lambda: sealed_info.write_bytes(b"encrypted by the attacker"),
        "rename": lambda: sealed_info.rename(sealed_info.with_name("backup.info@9")),
        "plant a newer version": lambda: sealed_info.with_name(
            "backup.info@99999999999999999999"
        ).write_bytes(b"x"),
        "remove the tree": lambda: shutil.rmtree(vault.sealed(where) / pg_vault.PG_DIR),
    }
    for name, attack in attacks.items():
        with pytest.raises(PermissionError):
            as_user(CENTER_USER, attack)
        assert sealed_info.read_bytes() == b"first", name
    # What the center rewrites afterwards becomes a newer version; the sealed one stays as it was.
    as_user(CENTER_USER, lambda: info.write_bytes(b"rewritten"))
    later = pg_vault.seal_repo(repo, where, at=datetime.now(UTC), owner=VAULT_USER)
    assert (later.new, later.versions, later.unchanged) == (0, 1, 1)
    assert sealed_info.read_bytes() == b"first"
