"""The gates of `make lint` as tests, so CI keeps the code ruff-clean, mypy-strict and layered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO

BIN = Path(sys.executable).parent
TREES = ["src", "tests", "benchmarks", "scripts"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=REPO, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([str(BIN / "ruff"), "check", *TREES], id="ruff-check"),
        pytest.param([str(BIN / "ruff"), "format", "--check", *TREES], id="ruff-format"),
        pytest.param([str(BIN / "lint-imports")], id="import-layers"),
        pytest.param([str(BIN / "mypy")], id="mypy-strict"),
    ],
)
def test_gate_passes(command: list[str]) -> None:
    result = _run(*command)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
