"""Each import contract fails on a deliberate violation: a copy of the tree breaks one rule per contract."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# One new module per contract, each breaking that contract and no other.
VIOLATIONS = {
    "kernel/clock_read.py": "import time\n",
    "border/domain/reaches_service.py": "import gerbang.border.service\n",
    "infra/reaches_app.py": "import gerbang.apps.central\n",
    "status/reads_border.py": "import gerbang.border.domain\n",
    "passports/reads_visas.py": "import gerbang.visas.domain.credential\n",
    "border/issues_visas.py": "import gerbang.visas.center.issuer\n",
}
EDGE_VIOLATION = "\nimport gerbang.sync.center.publisher  # noqa: E402\n"


def contract_outcomes(output: str) -> dict[str, str]:
    flat = re.sub(r"\s*\n\s*", " ", output)
    return {
        contract_id: ("BROKEN" if f"{name} BROKEN" in flat else "KEPT" if f"{name} KEPT" in flat else "?")
        for contract_id, name in contract_names().items()
    }


def contract_names() -> dict[str, str]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["id"]: c["name"] for c in config["tool"]["importlinter"]["contracts"]}


def run_lint_imports(tree: Path) -> str:
    environment = os.environ | {"PYTHONPATH": str(tree / "src")}
    run = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return run.stdout + run.stderr


@pytest.mark.slow
def test_every_contract_is_kept_on_the_tree_and_broken_by_its_violation(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    clean = contract_outcomes(run_lint_imports(tree))
    assert set(clean.values()) == {"KEPT"}, clean

    package = tree / "src" / "gerbang"
    for relative, source in VIOLATIONS.items():
        (package / relative).write_text(f'"""A deliberate violation."""\n\n{source}')
    with (package / "apps" / "edge.py").open("a") as edge:
        edge.write(EDGE_VIOLATION)
    broken = contract_outcomes(run_lint_imports(tree))
    assert broken == dict.fromkeys(clean, "BROKEN"), broken
