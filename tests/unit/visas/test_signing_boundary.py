"""What a checkpoint imports to verify credentials never pulls in the center's signing code."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

VERIFYING_MODULES = [
    "gerbang.kernel.signed",
    "gerbang.visas.domain.credential",
    "gerbang.visas.domain.codec",
    "gerbang.visas.domain.verify",
    "gerbang.visas.domain.revocation",
    "gerbang.visas.domain.policy",
]
CENTER_ONLY = ["gerbang.infra.signing", "gerbang.visas.center.issuer", "gerbang.infra"]


def test_verification_modules_do_not_import_signing_keys_or_the_issuer() -> None:
    probe = (
        "import importlib, json, sys\n"
        f"for name in {VERIFYING_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in {CENTER_ONLY!r} if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_pure_verification_modules_do_not_import_os_clock_or_network_libraries() -> None:
    imported: set[str] = set()
    for name in VERIFYING_MODULES:
        spec = importlib.util.find_spec(name)
        assert spec is not None
        assert spec.origin is not None
        tree = ast.parse(Path(spec.origin).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
    assert not imported & {"os", "time", "socket", "subprocess", "sqlalchemy", "httpx", "fastapi", "secrets"}
