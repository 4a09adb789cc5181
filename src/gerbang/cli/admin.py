"""`gerbang admin`: accounts, API tokens and node credentials, from the shell of the center."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer
from sqlalchemy import select

from gerbang.cli.common import (
    ConfigOption,
    DatabaseOption,
    DataOption,
    console,
    database_from,
    friendly_errors,
)
from gerbang.infra import accounts
from gerbang.infra import sign_in as sign_ins
from gerbang.infra.clock import SystemClock
from gerbang.infra.orm import AccountRow
from gerbang.kernel.errors import NotFound

app = typer.Typer(help="Accounts, API tokens and node credentials.", no_args_is_help=True)
# Actions taken at the center's shell are audited under this name.
SHELL_ACTOR = "shell:admin"


@app.command("create-user")
@friendly_errors()
def create_user(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[list[str], typer.Option("--role", help="A role; repeat for several.")],
    password: Annotated[
        str,
        typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, envvar="GERBANG_NEW_PASSWORD"),
    ],
    display_name: Annotated[str | None, typer.Option(help="Name shown in pages.")] = None,
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Create an account (password hashed with argon2)."""
    database = database_from(data, database_url, config)
    with database.transaction() as session:
        account = accounts.create_account(
            session,
            username=username,
            password=password,
            roles=accounts.parse_roles(role),
            display_name=display_name,
            actor=SHELL_ACTOR,
            at=SystemClock().now(),
        )
        console.print(f"created {account.username} with roles {', '.join(sorted(role))}")


@app.command("create-token")
@friendly_errors()
def create_token(
    username: Annotated[str, typer.Argument(help="Whose token.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "script",
    days: Annotated[int | None, typer.Option(help="Expire after this many days (default: 90).")] = None,
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Print a new API token for a user's scripts (shown once; only its digest is stored)."""
    database = database_from(data, database_url, config)
    with database.transaction() as session:
        account = session.execute(
            select(AccountRow).where(AccountRow.username == username.strip().lower())
        ).scalar_one_or_none()
        if account is None:
            raise NotFound("account.no_such_user", field="username", username=username)
        token = accounts.create_token(
            session,
            account=account,
            name=name,
            actor=SHELL_ACTOR,
            at=SystemClock().now(),
            valid_for=timedelta(days=days) if days else None,
        )
    typer.echo(token)


@app.command("create-node")
@friendly_errors()
def create_node(
    name: Annotated[str, typer.Argument(help="The node's name, e.g. cgk-checkpoint.")],
    role: Annotated[str, typer.Option(help="checkpoint, office or status.")],
    site: Annotated[str | None, typer.Option(help="Site code, e.g. CGK.")] = None,
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Print a new key for an edge or status node; re-issuing revokes the old key."""
    database = database_from(data, database_url, config)
    with database.transaction() as session:
        key = accounts.create_node_credential(
            session, name=name, role=role, site=site, actor=SHELL_ACTOR, at=SystemClock().now()
        )
    typer.echo(key)


@app.command("revoke-node")
@friendly_errors()
def revoke_node(
    name: Annotated[str, typer.Argument(help="The node whose key to revoke.")],
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Revoke a node's key at once."""
    database = database_from(data, database_url, config)
    with database.transaction() as session:
        accounts.revoke_node_credential(session, name=name, actor=SHELL_ACTOR, at=SystemClock().now())
    console.print(f"revoked the key of {name}")


@app.command("disable-user")
@friendly_errors()
def disable_user(
    username: Annotated[str, typer.Argument(help="Whose account to disable.")],
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Disable an account: its password no longer signs in and all its tokens stop at once."""
    database = database_from(data, database_url, config)
    with database.transaction() as session:
        sign_ins.set_active(
            session, username=username, active=False, actor=SHELL_ACTOR, at=SystemClock().now()
        )
    console.print(f"disabled {username.strip().lower()} / akun dinonaktifkan")


@app.command("enable-user")
@friendly_errors()
def enable_user(
    username: Annotated[str, typer.Argument(help="Whose account to enable again.")],
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Let a disabled account sign in again (the tokens revoked when it was disabled stay revoked)."""
    database = database_from(data, database_url, config)
    with database.transaction() as session:
        sign_ins.set_active(
            session, username=username, active=True, actor=SHELL_ACTOR, at=SystemClock().now()
        )
    console.print(f"enabled {username.strip().lower()} / akun diaktifkan")


@app.command("revoke-tokens")
@friendly_errors()
def revoke_tokens(
    username: Annotated[str, typer.Argument(help="Whose tokens to revoke.")],
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Revoke every live token of an account (a lost laptop, a leaked script)."""
    database = database_from(data, database_url, config)
    with database.transaction() as session:
        count = sign_ins.revoke_tokens(session, username=username, actor=SHELL_ACTOR, at=SystemClock().now())
    console.print(f"revoked {count} token(s) of {username.strip().lower()} / token dicabut")
