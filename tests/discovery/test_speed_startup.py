"""Start-up of the command line: heavy libraries load when they are first needed, not at import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import run_cli

from weightclear.discovery.licence_text import identify_text

_PROBE = (
    "import sys\n"
    "sys.argv = ['weightclear', 'scan', '--help']\n"
    "import weightclear.cli.app\n"
    "print('numpy' in sys.modules)\n"
)


def test_scan_start_up_does_not_import_numpy() -> None:
    # A fresh interpreter: this test process may have imported numpy already.
    proc = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"


def test_a_licence_file_is_still_identified_after_the_lazy_import(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text("Apache License\nVersion 2.0, January 2004\n" * 3, encoding="utf-8")
    result = run_cli("scan", str(tmp_path), "-f", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    assert '"LICENSE"' in result.stdout
    assert identify_text("no licence words at all here")[0].licence_id == "unknown"
