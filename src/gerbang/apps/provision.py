"""First-run set-up of a local Gerbang: each node's data directory, settings, keys, accounts and tokens."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from gerbang.apps.central import REFERENCE_KEYS, VISA_KEYS, ensure_key_directory
from gerbang.apps.demo import seed_center
from gerbang.infra import accounts, migrate
from gerbang.infra.clock import SystemClock
from gerbang.infra.database import Database
from gerbang.infra.keyfile import replace_private
from gerbang.infra.orm import AccountRow
from gerbang.infra.roles import Role
from gerbang.infra.signing import KEY_SET_FILE
from gerbang.passports.center.intake.demo import seed_office

NODES_FILE = "nodes.json"
LOGINS_FILE = "logins.json"
DEMO_FILE = "demo.json"
SETTINGS_FILE = "gerbang.toml"
PROVISIONER = "shell:gerbang-up"


@dataclass
class NodeRecord:
    """One node of a local Gerbang as `nodes.json` lists it."""

    name: str
    role: str
    site: str | None
    url: str
    port: int
    data_dir: str
    config: str
    token: str
    pid: int | None = None
    command: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Login:
    node: str
    username: str
    password: str
    roles: list[str]


def write_toml(path: Path, values: dict[str, str | int | float]) -> None:
    """A flat TOML settings file, readable only by its owner (it may hold a node key)."""
    lines = [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    replace_private(path, ("\n".join(lines) + "\n").encode())


def _account(database: Database, node: str, username: str, role: Role, logins: list[Login]) -> str:
    """Create an account with a random password; return an API token for it."""
    password = secrets.token_urlsafe(12)
    now = SystemClock().now()
    with database.transaction() as session:
        account = accounts.create_account(
            session,
            username=username,
            password=password,
            roles=frozenset({role}),
            display_name=None,
            actor=PROVISIONER,
            at=now,
        )
        token = accounts.create_token(session, account=account, name="gerbang-up", actor=PROVISIONER, at=now)
    logins.append(Login(node, username, password, [role.value]))
    return token


def provision(
    root: Path,
    *,
    host: str,
    base_port: int,
    synthetic_entries: int,
    central_database_url: str | None = None,
    checkpoint_site: str = "CGK",
) -> list[NodeRecord]:
    """Create the center and a checkpoint (CGK unless told) under `root`, seed demo data, write the files.

    The center keeps SQLite in its directory unless `central_database_url` names another database. The
    checkpoint's node is named after its site in lower case (cgk for CGK), as its directory is.
    """
    site = checkpoint_site.upper()
    checkpoint = site.lower()
    root.mkdir(parents=True, exist_ok=True)
    central_url_db = central_database_url or f"sqlite:///{(root / 'central' / 'gerbang.db').as_posix()}"
    logins: list[Login] = []
    now: datetime = SystemClock().now()

    central_dir = root / "central"
    central_dir.mkdir(exist_ok=True)
    central_url = f"http://{host}:{base_port}"
    central_config = central_dir / SETTINGS_FILE
    central_values: dict[str, str | int | float] = {
        "data_dir": str(central_dir),
        "role": "central",
        "node_name": "central",
        "host": host,
        "port": base_port,
        "demo_bank": True,  # the simulated bank at /demo-bank: a demo applicant can pay
    }
    if central_database_url:
        central_values["database_url"] = central_database_url
    write_toml(central_config, central_values)
    database = _migrated(central_dir, "central", central_url_db)
    ensure_key_directory(central_dir / REFERENCE_KEYS, SystemClock())
    ensure_key_directory(central_dir / VISA_KEYS, SystemClock())
    admin_token = _account(database, "central", "admin", Role.ADMIN, logins)
    _account(database, "central", "visa-officer", Role.VISA_OFFICER, logins)
    _account(database, "central", "operator", Role.OPERATOR, logins)
    demo = seed_center(database, central_dir / VISA_KEYS, at=now, synthetic_entries=synthetic_entries)
    with database.transaction() as session:
        node_key = accounts.create_node_credential(
            session, name=checkpoint, role="checkpoint", site=site, actor=PROVISIONER, at=now
        )
    database.dispose()

    checkpoint_dir = root / checkpoint
    (checkpoint_dir / "trust").mkdir(parents=True, exist_ok=True)
    trust_copy(central_dir / REFERENCE_KEYS / KEY_SET_FILE, checkpoint_dir / "trust" / "reference-keys.json")
    checkpoint_config = checkpoint_dir / SETTINGS_FILE
    write_toml(
        checkpoint_config,
        {
            "data_dir": str(checkpoint_dir),
            "role": "checkpoint",
            "node_name": checkpoint,
            "site": site,
            "host": host,
            "port": base_port + 1,
            "center_url": central_url,
            "node_key": node_key,
            "reference_poll_s": 10.0,
        },
    )
    edge_database = _migrated(checkpoint_dir, "checkpoint")
    _account(edge_database, checkpoint, "officer", Role.CHECKPOINT_OFFICER, logins)
    supervisor_token = _account(edge_database, checkpoint, "supervisor", Role.SUPERVISOR, logins)
    edge_database.dispose()

    nodes = [
        NodeRecord(
            "central",
            "central",
            None,
            central_url,
            base_port,
            str(central_dir),
            str(central_config),
            admin_token,
        ),
        NodeRecord(
            checkpoint,
            "checkpoint",
            site,
            f"http://{host}:{base_port + 1}",
            base_port + 1,
            str(checkpoint_dir),
            str(checkpoint_config),
            supervisor_token,
        ),
    ]
    office = _provision_office(
        root,
        host=host,
        port=base_port + 3,
        central_url=central_url,
        logins=logins,
        demo=demo,
        central_db=central_url_db,
    )
    nodes.append(
        _provision_status(
            root,
            host=host,
            port=base_port + 2,
            central_url=central_url,
            checkpoints=[nodes[1]],
            offices=[office],
            logins=logins,
            central_db=central_url_db,
        )
    )
    nodes.append(office)
    _write_private(root / LOGINS_FILE, [asdict(login) for login in logins])
    replace_private(root / DEMO_FILE, (json.dumps(demo, indent=2) + "\n").encode())
    write_nodes(root, nodes)
    return nodes


def _provision_status(
    root: Path,
    *,
    host: str,
    port: int,
    central_url: str,
    checkpoints: list[NodeRecord],
    offices: list[NodeRecord],
    logins: list[Login],
    central_db: str,
) -> NodeRecord:
    """The status node: a key at the center (role status), a reader on each checkpoint, an operator."""
    now = SystemClock().now()
    central = Database(central_db)
    with central.transaction() as session:
        node_key = accounts.create_node_credential(
            session, name="status", role="status", site=None, actor=PROVISIONER, at=now
        )
    central.dispose()
    targets = []
    for checkpoint in checkpoints:
        edge = Database(f"sqlite:///{(Path(checkpoint.data_dir) / 'gerbang.db').as_posix()}")
        # Health needs a signed-in caller; an operator account reads it without deciding anything.
        token = _account(edge, checkpoint.name, "status-monitor", Role.OPERATOR, logins)
        edge.dispose()
        fields = {"name": checkpoint.name, "site": checkpoint.site, "url": checkpoint.url, "token": token}
        targets.append("[[checkpoints]]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in fields.items()))
    for office in offices:
        # An office is watched through its /readyz, which needs no token.
        fields = {"name": office.name, "site": office.site, "url": office.url}
        targets.append("[[offices]]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in fields.items()))
    status_dir = root / "status"
    status_dir.mkdir(exist_ok=True)
    config = status_dir / SETTINGS_FILE
    write_toml(
        config,
        {
            "data_dir": str(status_dir),
            "role": "status",
            "node_name": "status",
            "host": host,
            "port": port,
            "center_url": central_url,
            "node_key": node_key,
        },
    )
    replace_private(status_dir / "status.toml", "\n".join(targets).encode())
    status_database = _migrated(status_dir, "status")
    operator_token = _account(status_database, "status", "operator", Role.OPERATOR, logins)
    status_database.dispose()
    return NodeRecord(
        "status", "status", None, f"http://{host}:{port}", port, str(status_dir), str(config), operator_token
    )


def _provision_office(
    root: Path,
    *,
    host: str,
    port: int,
    central_url: str,
    logins: list[Login],
    demo: dict[str, Any],
    central_db: str,
) -> NodeRecord:
    """The JKS passport office: a key at the center (role office), demo appointments, an office officer."""
    now = SystemClock().now()
    central = Database(central_db)
    # The demo applications belong to one applicant account, as a family's would.
    _account(central, "central", "applicant", Role.APPLICANT, logins)
    with central.transaction() as session:
        applicant = session.execute(
            select(AccountRow.id).where(AccountRow.username == "applicant")
        ).scalar_one()
        demo["passport_office"] = seed_office(session, office_code="JKS", account_id=applicant, at=now)
        node_key = accounts.create_node_credential(
            session, name="jks", role="office", site="JKS", actor=PROVISIONER, at=now
        )
    central.dispose()
    office_dir = root / "jks"
    (office_dir / "trust").mkdir(parents=True, exist_ok=True)
    trust_copy(root / "central" / REFERENCE_KEYS / KEY_SET_FILE, office_dir / "trust" / "reference-keys.json")
    config = office_dir / SETTINGS_FILE
    write_toml(
        config,
        {
            "data_dir": str(office_dir),
            "role": "office",
            "node_name": "jks",
            "site": "JKS",
            "host": host,
            "port": port,
            "center_url": central_url,
            "node_key": node_key,
            "reference_poll_s": 10.0,
        },
    )
    office_database = _migrated(office_dir, "office")
    token = _account(office_database, "jks", "office-officer", Role.OFFICE_OFFICER, logins)
    office_database.dispose()
    return NodeRecord(
        "jks", "office", "JKS", f"http://{host}:{port}", port, str(office_dir), str(config), token
    )


def _migrated(data_dir: Path, role: str, url: str | None = None) -> Database:
    url = url or f"sqlite:///{(data_dir / 'gerbang.db').as_posix()}"
    migrate.upgrade(url, role=role)
    return Database(url)


def trust_copy(source: Path, target: Path) -> None:
    """Give a node its copy of a key set, private to its owner like every file of a node."""
    replace_private(target, source.read_bytes())


def _write_private(path: Path, data: Any) -> None:
    # Write aside and rename, so a reader never sees half a file (nodes.json is rewritten on restarts).
    replace_private(path, (json.dumps(data, indent=2) + "\n").encode())


def write_nodes(root: Path, nodes: list[NodeRecord]) -> None:
    """Write `nodes.json` (it holds API tokens, so only its owner may read it)."""
    _write_private(root / NODES_FILE, {"nodes": [asdict(node) for node in nodes]})


def read_nodes(root: Path) -> list[NodeRecord]:
    """The nodes of an existing local Gerbang."""
    data = json.loads((root / NODES_FILE).read_text())
    return [NodeRecord(**node) for node in data["nodes"]]


def read_logins(root: Path) -> list[Login]:
    path = root / LOGINS_FILE
    return [Login(**item) for item in json.loads(path.read_text())] if path.exists() else []
