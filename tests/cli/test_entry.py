"""The command line as a whole: version, help, exit codes of bad usage."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import run_cli

from weightclear import __version__


def test_version_prints_the_package_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"weightclear {__version__}"


def test_no_arguments_shows_help_with_every_command_group() -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    for group in ("licence", "scan", "model", "screen"):
        assert group in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = run_cli("no-such-command")
    assert result.exit_code == 2
    assert "no-such-command" in result.stderr


def test_python_dash_m_runs_the_same_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "weightclear", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert __version__ in proc.stdout
