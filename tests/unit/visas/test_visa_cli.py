"""`gerbang visa`: keys, issuing and offline verification from the command line, by exit code."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from typer.testing import CliRunner

from gerbang.cli.visa import app
from gerbang.infra.signing import load_signer
from gerbang.visas.center.issuer import sign_revocation_list
from gerbang.visas.domain.revocation import Revocation, RevocationList

runner = CliRunner()
HOLDER = [
    "--name",
    "Jane Citizen",
    "--passport",
    "PA1234567",
    "--nationality",
    "AUS",
    "--birth-date",
    "1990-05-01",
]


@pytest.fixture
def key_dir(tmp_path: Path) -> Path:
    result = runner.invoke(app, ["keygen", "--out", str(tmp_path / "keys")])
    assert result.exit_code == 0, result.output
    return tmp_path / "keys"


def issue_evoa(key_dir: Path) -> str:
    result = runner.invoke(app, ["issue", "--key", str(key_dir), "--type", "evoa", *HOLDER])
    assert result.exit_code == 0, result.output
    text = result.stdout.strip()
    assert "\n" not in text
    return text


def verify(text: str, key_dir: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["verify", text, "--trust", str(key_dir / "public-keys.json"), *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_keygen_writes_an_owner_only_key_and_a_public_key_set(key_dir: Path) -> None:
    mode = stat.S_IMODE((key_dir / "signing-key.pem").stat().st_mode)
    keys = json.loads((key_dir / "public-keys.json").read_text())
    assert mode == 0o600
    assert len(keys["keys"]) == 1


def test_keygen_refuses_to_overwrite_a_key(key_dir: Path) -> None:
    result = runner.invoke(app, ["keygen", "--out", str(key_dir)])
    assert result.exit_code == 2
    assert "already exists" in result.output


def test_issued_credential_verifies_with_exit_0(key_dir: Path) -> None:
    code, output = verify(issue_evoa(key_dir), key_dir, "--passport", "PA1234567")
    assert code == 0
    assert "VALID" in output
    assert "Jane Citizen" in output


def test_wrong_passport_exits_1_naming_the_rule(key_dir: Path) -> None:
    code, output = verify(issue_evoa(key_dir), key_dir, "--passport", "PB7654321")
    assert code == 1
    assert "wrong_holder" in output


def test_expired_credential_exits_1(key_dir: Path) -> None:
    later = (datetime.now(UTC) + timedelta(days=200)).isoformat()
    code, output = verify(issue_evoa(key_dir), key_dir, "--at", later)
    assert code == 1
    assert "expired" in output


def test_garbage_credential_exits_2(key_dir: Path) -> None:
    code, output = verify("GV1:NOTACREDENTIAL", key_dir)
    assert code == 2
    assert "unreadable" in output


def test_missing_or_garbled_trust_file_exits_2_without_a_traceback(key_dir: Path, tmp_path: Path) -> None:
    text = issue_evoa(key_dir)
    garbled = tmp_path / "garbled.json"
    garbled.write_text("{not json")
    for trust in (tmp_path / "missing.json", garbled, tmp_path):
        result = runner.invoke(app, ["verify", text, "--trust", str(trust)])
        assert result.exit_code == 2
        assert "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)


def test_json_output_is_one_object_with_the_outcome(key_dir: Path) -> None:
    code, output = verify(issue_evoa(key_dir), key_dir, "--json", "--passport", "PB7654321")
    report = json.loads(output)
    assert code == 1
    assert report["outcome"] == "wrong_holder"
    assert report["credential"]["holder"]["passport_number"] == "PA1234567"


def test_revoked_credential_exits_1_and_forged_list_exits_2(key_dir: Path, tmp_path: Path) -> None:
    text = issue_evoa(key_dir)
    report = json.loads(verify(text, key_dir, "--json")[1])
    now = datetime.now(UTC).replace(microsecond=0)
    listed = RevocationList(
        version=1,
        issued_at=now,
        revocations=(Revocation(UUID(report["credential"]["credential_id"]), now, "fraud"),),
    )
    signed = tmp_path / "revocations.json"
    signed.write_text(sign_revocation_list(load_signer(key_dir), listed))
    assert verify(text, key_dir, "--revocations", str(signed))[0] == 1
    forged = tmp_path / "forged.json"
    envelope = json.loads(signed.read_text())
    envelope["payload"]["version"] = 99
    forged.write_text(json.dumps(envelope))
    code, output = verify(text, key_dir, "--revocations", str(forged))
    assert code == 2
    assert "signature" in output


def test_rotation_keeps_old_credentials_valid_and_signs_new_ones_with_the_new_key(key_dir: Path) -> None:
    old_text = issue_evoa(key_dir)
    old_key = load_signer(key_dir).key_id
    result = runner.invoke(app, ["rotate-key", "--key", str(key_dir)])
    assert result.exit_code == 0, result.output
    new_text = issue_evoa(key_dir)
    keys = json.loads((key_dir / "public-keys.json").read_text())["keys"]
    assert keys[0]["key_id"] == old_key
    assert keys[0]["retired_at"] is not None
    assert load_signer(key_dir).key_id != old_key
    assert verify(old_text, key_dir)[0] == 0
    assert verify(new_text, key_dir)[0] == 0
    assert json.loads(verify(new_text, key_dir, "--json")[1])["credential"]["key_id"] == keys[1]["key_id"]


def test_keygen_rotate_flag_rotates_too(key_dir: Path) -> None:
    result = runner.invoke(app, ["keygen", "--out", str(key_dir), "--rotate"])
    assert result.exit_code == 0, result.output
    assert len(json.loads((key_dir / "public-keys.json").read_text())["keys"]) == 2


def test_bad_issue_input_exits_2_with_a_message(key_dir: Path) -> None:
    result = runner.invoke(
        app, ["issue", "--key", str(key_dir), "--type", "evoa", *HOLDER[:-1], "31-12-1990"]
    )
    assert result.exit_code == 2
    assert "birth-date" in result.output


def test_qr_writes_an_svg(key_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "visa.svg"
    result = runner.invoke(app, ["qr", issue_evoa(key_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().lstrip().startswith("<?xml")
