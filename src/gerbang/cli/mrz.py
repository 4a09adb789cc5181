"""`gerbang mrz`: check and make ICAO Doc 9303 machine-readable zones."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from gerbang.documents import MalformedZone, ZoneFormat, ZoneReading, compose_zone, parse_zone
from gerbang.kernel.errors import GerbangError

app = typer.Typer(help="Check and make machine-readable zones (ICAO Doc 9303).", no_args_is_help=True)

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_MALFORMED = 2

_FIELDS = (
    "document_type",
    "issuing_state",
    "surname",
    "given_names",
    "document_number",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
    "optional_data",
)


def _optional_data(reading: ZoneReading) -> str:
    # TD1 has optional data on two lines; the report keeps one field, the two parts joined by a space.
    return " ".join(part for part in (reading.optional_data, reading.optional_data_2) if part)


def reading_report(reading: ZoneReading) -> dict[str, Any]:
    """Return the JSON report of a readable zone."""
    fields: dict[str, str] = {name: getattr(reading, name) for name in _FIELDS}
    fields["optional_data"] = _optional_data(reading)
    return {
        "valid": reading.valid,
        "format": str(reading.format),
        "fields": fields,
        "checks": dict(reading.checks),
        "errors": [
            {"line": issue.line, "position": issue.position, "message": issue.message}
            for issue in reading.errors
        ],
    }


def malformed_report(error: MalformedZone) -> dict[str, Any]:
    """Return the JSON report of a zone that could not be read."""
    return {
        "valid": False,
        "format": str(error.format) if error.format else None,
        "fields": None,
        "checks": {},
        "errors": [{"line": error.line, "position": error.position, "message": error.problem}],
    }


def _print_reading(console: Console, reading: ZoneReading) -> None:
    verdict = "[green]valid[/green]" if reading.valid else "[red]invalid[/red]"
    table = Table(title=f"{reading.format} zone: {verdict}", show_header=True)
    table.add_column("field")
    table.add_column("value")
    for name in _FIELDS:
        value = _optional_data(reading) if name == "optional_data" else getattr(reading, name)
        table.add_row(name.replace("_", " "), value)
    if reading.name_truncated:
        table.add_row("name", "fills its field: it may be truncated")
    for name, ok in reading.checks.items():
        table.add_row(f"check: {name.replace('_', ' ')}", "[green]ok[/green]" if ok else "[red]fails[/red]")
    console.print(table)
    for change in reading.changes:
        console.print(
            f"changed line {change.line}, position {change.position}: {change.description} "
            f"({change.before!r} → {change.after!r})",
            markup=False,
        )
    for issue in reading.errors:
        console.print(f"line {issue.line}, position {issue.position}: {issue.message}", markup=False)


@app.command()
def check(
    lines: Annotated[list[str], typer.Argument(help="The zone, one argument per line.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    lenient: Annotated[
        bool, typer.Option("--lenient", help="Upper-case, trim, turn spaces into '<' and pad first.")
    ] = False,
) -> None:
    """Read a zone and check every field: exit 0 valid, 1 a check fails, 2 unreadable."""
    console = Console(highlight=False, soft_wrap=True)
    try:
        reading = parse_zone(lines, lenient=lenient)
    except MalformedZone as error:
        if as_json:
            typer.echo(json.dumps(malformed_report(error)))
        else:
            console.print(f"unreadable zone: {error.message}", markup=False)
        raise typer.Exit(EXIT_MALFORMED) from None
    if as_json:
        report = reading_report(reading)
        if lenient:
            report["changes"] = [
                {
                    "line": c.line,
                    "position": c.position,
                    "before": c.before,
                    "after": c.after,
                    "change": c.description,
                }
                for c in reading.changes
            ]
        typer.echo(json.dumps(report))
    else:
        _print_reading(console, reading)
    raise typer.Exit(EXIT_VALID if reading.valid else EXIT_INVALID)


@app.command()
def make(
    zone_format: Annotated[ZoneFormat, typer.Option("--format", help="Zone layout.", case_sensitive=False)],
    document_type: Annotated[str, typer.Option("--type", help="Document code, e.g. P, I, V.")],
    issuing_state: Annotated[str, typer.Option(help="Issuing state code, e.g. IDN.")],
    surname: Annotated[str, typer.Option(help="Primary identifier.")],
    document_number: Annotated[str, typer.Option(help="Document number.")],
    nationality: Annotated[str, typer.Option(help="Nationality code.")],
    birth_date: Annotated[str, typer.Option(help="YYMMDD.")],
    sex: Annotated[str, typer.Option(help="M, F, X or '<'.")],
    expiry_date: Annotated[str, typer.Option(help="YYMMDD.")],
    given_names: Annotated[str, typer.Option(help="Secondary identifiers.")] = "",
    optional_data: Annotated[str, typer.Option(help="Optional data (personal number in TD3).")] = "",
    optional_data_2: Annotated[str, typer.Option(help="Second optional data field (TD1 only).")] = "",
) -> None:
    """Print the zone for these fields, every check digit computed."""
    try:
        zone = compose_zone(
            format=zone_format,
            document_type=document_type,
            issuing_state=issuing_state,
            surname=surname,
            given_names=given_names,
            document_number=document_number,
            nationality=nationality,
            birth_date=birth_date,
            sex=sex,
            expiry_date=expiry_date,
            optional_data=optional_data,
            optional_data_2=optional_data_2,
        )
    except GerbangError as error:
        typer.echo(f"cannot make the zone: {error.message}", err=True)
        raise typer.Exit(EXIT_MALFORMED) from None
    for line in zone.lines:
        typer.echo(line)
    if zone.name_truncated:
        typer.echo("note: the name was truncated to fit the zone", err=True)
