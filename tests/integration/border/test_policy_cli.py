"""`gerbang policy show` and `gerbang policy import` against a real center database on SQLite."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner, Result

from gerbang.border.center.policy import current_policy_document
from gerbang.border.orm import BorderPolicyRow
from gerbang.border.packaged_policy import packaged_policy_document
from gerbang.cli.main import app
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.infra.settings import Settings
from gerbang.sync.center.versions import current_version

runner = CliRunner()


def gerbang(*args: str) -> Result:
    return runner.invoke(app, list(args))


def one_line(text: str) -> str:
    """Error lines wrap at the terminal's width; compare them as one line."""
    return " ".join(text.split())


def center(data: Path) -> Database:
    return Database(Settings(data_dir=data).effective_database_url)


def without_colombia() -> dict[str, Any]:
    document = packaged_policy_document()
    document["visa_exempt"][-1]["nationalities"].remove("COL")
    return document


def test_show_prints_the_packaged_policy_before_any_import(tmp_path: Path) -> None:
    result = gerbang("policy", "show", "--data", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == packaged_policy_document()
    assert "entry policy version 0" in result.stderr


def test_an_imported_policy_is_in_force_audited_and_shown_with_its_version(tmp_path: Path) -> None:
    saved = gerbang("policy", "show", "--data", str(tmp_path)).stdout
    document = json.loads(saved)
    document["visa_exempt"][-1]["nationalities"].remove("COL")
    edited = tmp_path / "policy.json"
    edited.write_text(json.dumps(document, indent=2))

    reason = "Colombia suspended from visa-free visits"
    result = gerbang("policy", "import", str(edited), "--reason", reason, "--data", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "entry policy version 1 in force (reference version 1)" in result.stdout

    shown = gerbang("policy", "show", "--data", str(tmp_path))
    assert json.loads(shown.stdout) == document
    assert "entry policy version 1, imported" in shown.stderr
    assert f"by shell:admin: {reason}" in one_line(shown.stderr)
    database = center(tmp_path)
    with database.reading() as session:
        assert current_policy_document(session) == document
        assert current_version(session) == 1
        audited = session.execute(
            select(AuditEntryRow.actor).where(AuditEntryRow.action == "border_policy.replace")
        ).scalars()
        assert list(audited) == ["shell:admin"]
    database.dispose()

    again = gerbang("policy", "import", str(edited), "--reason", "restated", "--data", str(tmp_path))
    assert "entry policy version 2 in force (reference version 2)" in again.stdout


BROKEN: list[tuple[str, Callable[[], str], str]] = [
    (
        "not JSON",
        lambda: '{\n  "format": "gerbang-border-policy/1",,\n}',
        "broken.json: not JSON (Expecting property name enclosed in double quotes at line 2 column",
    ),
    ("not a policy", lambda: json.dumps(["a", "list"]), "not a border policy"),
    (
        "a section missing",
        lambda: json.dumps({**without_colombia(), "autogate": None}),
        "needs 'autogate' as a list of rows",
    ),
    (
        "an unknown code",
        lambda: json.dumps(
            {
                **without_colombia(),
                "visa_on_arrival": [
                    {**without_colombia()["visa_on_arrival"][0], "nationalities": ["AUS", "ATL"]}
                ],
            }
        ),
        "visa_on_arrival row 1: unknown nationality codes ATL",
    ),
    (
        "a row without its source",
        lambda: json.dumps(
            {**without_colombia(), "overstay": [{**without_colombia()["overstay"][0], "source": ""}]}
        ),
        "overstay row 1: every row needs its legal source",
    ),
    (
        "a rule not in force today",
        lambda: json.dumps(
            {
                **without_colombia(),
                "overstay": [{**without_colombia()["overstay"][0], "effective_from": "2999-01-01"}],
            }
        ),
        "no overstay row is in force on",
    ),
]


@pytest.mark.parametrize(("text", "problem"), [(t, p) for _, t, p in BROKEN], ids=[n for n, _, _ in BROKEN])
def test_a_malformed_policy_file_is_named_and_changes_nothing(
    tmp_path: Path, text: Callable[[], str], problem: str
) -> None:
    gerbang("policy", "show", "--data", str(tmp_path))  # the center's database exists
    broken = tmp_path / "broken.json"
    broken.write_text(text())
    result = gerbang("policy", "import", str(broken), "--reason", "an attempt", "--data", str(tmp_path))
    assert result.exit_code == 2, result.output
    assert problem in one_line(result.stderr)
    assert "Traceback" not in result.output
    database = center(tmp_path)
    with database.reading() as session:
        assert session.execute(select(func.count()).select_from(BorderPolicyRow)).scalar_one() == 0
        assert current_version(session) == 0
    database.dispose()


def test_an_import_without_a_reason_or_a_file_is_refused(tmp_path: Path) -> None:
    gerbang("policy", "show", "--data", str(tmp_path))  # the center's database exists
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps(without_colombia()))
    blank = gerbang("policy", "import", str(policy), "--reason", "  ", "--data", str(tmp_path))
    assert blank.exit_code == 2
    assert "say why the entry policy changes" in blank.stderr
    missing = str(tmp_path / "nope.json")
    absent = gerbang("policy", "import", missing, "--reason", "x", "--data", str(tmp_path))
    assert absent.exit_code == 2
    assert "nope.json does not exist" in one_line(absent.stderr)
    assert current_version_of(tmp_path) == 0


def current_version_of(data: Path) -> int:
    database = center(data)
    with database.reading() as session:
        version = current_version(session)
    database.dispose()
    return version
