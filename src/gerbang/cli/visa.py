"""`gerbang visa`: Keys, issuing and verification of signed visa credentials."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer

from gerbang.cli.common import console, errors, friendly_errors
from gerbang.infra.signing import (
    KEY_FILE,
    KEY_SET_FILE,
    create_key_directory,
    load_signer,
    rotate_key_directory,
)
from gerbang.kernel.errors import GerbangError, InvalidInput, MalformedInput, NotFound
from gerbang.kernel.signed import KeySet, format_time
from gerbang.visas.center.issuer import FROM_POLICY, FromPolicy, issue
from gerbang.visas.domain.credential import (
    UNLIMITED,
    Credential,
    CredentialType,
    Entries,
    Holder,
    Verification,
)
from gerbang.visas.domain.revocation import RevocationList, read_revocation_list
from gerbang.visas.domain.verify import verify_credential
from gerbang.visas.packaged_policy import load_policy

app = typer.Typer(help="Keys, issuing and verification of signed visa credentials.", no_args_is_help=True)

EXIT_NOT_VALID = 1
EXIT_UNREADABLE = 2


@app.command("keygen")
@friendly_errors()
def keygen(
    out: Annotated[Path, typer.Option("--out", help="Key directory to create (or rotate with --rotate).")],
    rotate: Annotated[bool, typer.Option(help="Add a new key; the old one keeps verifying.")] = False,
    verify_until: Annotated[
        str | None, typer.Option(help="With --rotate: when the old key stops verifying (default: policy).")
    ] = None,
) -> None:
    """Write DIR/signing-key.pem (mode 0600) and DIR/public-keys.json, the file checkpoints trust."""
    if rotate:
        _rotate(out, verify_until)
        return
    keys = create_key_directory(out, at=_now())
    key_id = keys.keys[-1].key_id
    typer.echo(f"signing key {key_id} written to {out / KEY_FILE}, public keys to {KEY_SET_FILE}")


@app.command("rotate-key")
@friendly_errors()
def rotate_key(
    key: Annotated[Path, typer.Option("--key", help="Key directory written by keygen.")],
    verify_until: Annotated[
        str | None, typer.Option(help="When the old key stops verifying (default: policy).")
    ] = None,
) -> None:
    """Start signing with a new key; the old public key stays in the set until its credentials expire."""
    _rotate(key, verify_until)


def _rotate(directory: Path, verify_until: str | None) -> None:
    now = _now()
    # Anything the old key signed up to now expires at the latest after the longest validity in policy.
    until = _moment(verify_until, "verify-until") if verify_until else _longest_validity_after(now)
    keys = rotate_key_directory(directory, at=now, verify_until=until)
    typer.echo(f"now signing with {keys.keys[-1].key_id}; older keys verify until {format_time(until)}")


@app.command("issue")
@friendly_errors()
def issue_command(
    key: Annotated[Path, typer.Option("--key", help="Key directory written by keygen.")],
    type_: Annotated[CredentialType, typer.Option("--type", help="Credential type.")],
    name: Annotated[str, typer.Option(help="Holder's name as in the passport.")],
    passport: Annotated[str, typer.Option(help="Passport number.")],
    nationality: Annotated[str, typer.Option(help="Three-letter ICAO nationality code, e.g. AUS.")],
    birth_date: Annotated[str, typer.Option(help="YYYY-MM-DD.")],
    valid_from: Annotated[str | None, typer.Option(help="Date or ISO time (default: now).")] = None,
    valid_until: Annotated[str | None, typer.Option(help="Date or ISO time (default: policy).")] = None,
    stay_days: Annotated[int | None, typer.Option(help="Days per entry (default: policy).")] = None,
    entries: Annotated[str | None, typer.Option(help="A number or 'unlimited' (default: policy).")] = None,
) -> None:
    """Print a signed credential as one line of text; validity and stay come from policy unless given."""
    holder = Holder(
        name=name, passport_number=passport, nationality=nationality.upper(), birth_date=_date(birth_date)
    )
    issued = issue(
        load_signer(key),
        type=type_,
        holder=holder,
        issued_at=_now(),
        valid_from=_moment(valid_from, "valid-from") if valid_from else None,
        valid_until=_moment(valid_until, "valid-until", end_of_day=True) if valid_until else None,
        stay_days=FROM_POLICY if stay_days is None else stay_days,
        entries=_entries(entries),
    )
    typer.echo(issued.text)


@app.command("verify")
def verify_command(
    credential: Annotated[str, typer.Argument(help="The credential text (GV1:...).")],
    trust: Annotated[Path, typer.Option("--trust", help="The center's public-keys.json.")],
    passport: Annotated[str | None, typer.Option(help="Passport number presented with it.")] = None,
    at: Annotated[str | None, typer.Option("--at", help="ISO time to verify at (default: now).")] = None,
    revocations: Annotated[Path | None, typer.Option(help="A signed revocation list.")] = None,
    entries_used: Annotated[int, typer.Option(help="Entries already made with it.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Verify offline: exit 0 valid, 1 not valid, 2 unreadable input."""
    try:
        moment = _moment(at, "at") if at else _now()
        keys = KeySet.loads(_read(trust, "trust"))
        revoked: RevocationList | None = None
        if revocations is not None:
            revoked = read_revocation_list(_read(revocations, "revocations"), keys=keys, at=moment)
    except GerbangError as exc:
        # A trust file or revocation list we cannot read or believe makes the answer unknowable.
        where = f" ({exc.field})" if exc.field else ""
        errors.print(f"[red]error{where}:[/red] {exc.message}", highlight=False)
        raise typer.Exit(EXIT_UNREADABLE) from None
    result = verify_credential(
        credential.strip(),
        keys=keys,
        revocations=revoked,
        at=moment,
        passport_number=passport,
        entries_used=entries_used,
    )
    if as_json:
        typer.echo(json.dumps(_as_dict(result), sort_keys=True))
    else:
        _print(result)
    if result.valid:
        return
    raise typer.Exit(EXIT_UNREADABLE if result.outcome == "unreadable" else EXIT_NOT_VALID)


@app.command("qr")
@friendly_errors()
def qr(
    credential: Annotated[str, typer.Argument(help="The credential text (GV1:...).")],
    out: Annotated[Path, typer.Option("--out", help="FILE.svg or FILE.png")],
    scale: Annotated[int, typer.Option(help="Pixels per module.")] = 4,
) -> None:
    """Write the credential as a QR code (error correction level M)."""
    import segno  # only this command needs it

    if out.suffix.lower() not in {".svg", ".png"}:
        raise InvalidInput("visa.qr_suffix", field="out")
    code = segno.make(credential.strip(), error="m", boost_error=False)
    code.save(str(out), scale=scale)
    typer.echo(f"QR version {code.version}-{code.error} written to {out}")


def _print(result: Verification) -> None:
    if result.valid:
        console.print("[green]VALID[/green]")
    else:
        headline = f"[red]NOT VALID: {result.outcome.value}[/red] — {result.message}"
        console.print(headline, highlight=False, soft_wrap=True)
        if len(result.failed) > 1:
            typer.echo(f"also failed: {', '.join(rule.value for rule in result.failed[1:])}")
    if result.credential is not None:
        _print_credential(result.credential)


def _print_credential(credential: Credential) -> None:
    holder = credential.holder
    stay = "until the permit expires" if credential.stay_days is None else f"{credential.stay_days} days"
    entries = "unlimited" if credential.entries is UNLIMITED else str(credential.entries)
    lines = [
        f"type:       {credential.type.label} ({credential.type.value})",
        f"holder:     {holder.name}, passport {holder.passport_number} ({holder.nationality}),"
        f" born {holder.birth_date.isoformat()}",
        f"valid:      {format_time(credential.valid_from)} to {format_time(credential.valid_until)}",
        f"stay:       {stay} per entry; entries allowed: {entries}",
        f"credential: {credential.credential_id}",
        f"signed:     key {credential.key_id} at {format_time(credential.issued_at)}",
    ]
    for line in lines:
        typer.echo(line)


def _as_dict(result: Verification) -> dict[str, object]:
    return {
        "valid": result.valid,
        "outcome": result.outcome.value,
        "failed": [rule.value for rule in result.failed],
        "message": result.message,
        "credential": None if result.credential is None else result.credential.to_dict(),
    }


def _read(path: Path, field: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFound("file.no_such", field=field, path=path) from exc
    except OSError as exc:
        raise MalformedInput("file.unreadable", field=field, path=path, strerror=exc.strerror) from exc


def _now() -> datetime:
    return datetime.now(UTC)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput("visa.bad_date", field="birth-date", text=text) from exc


def _moment(text: str, field: str, *, end_of_day: bool = False) -> datetime:
    """A date (start of day, or its last second) or an ISO time; a time without a zone is UTC."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            start = datetime.combine(day, time(), UTC)
            return start + timedelta(days=1, seconds=-1) if end_of_day else start
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput("visa.bad_date_time", field=field, text=text) from exc
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _entries(text: str | None) -> Entries | FromPolicy:
    if text is None:
        return FROM_POLICY
    if text == "unlimited":
        return UNLIMITED
    if not text.isdigit():
        raise InvalidInput("visa.entries_value", field="entries")
    return int(text)


def _longest_validity_after(moment: datetime) -> datetime:
    rows = load_policy().rows
    return max(row.validity.after(moment) for row in rows) + timedelta(days=1)
