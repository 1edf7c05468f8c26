"""`weightclear scan` imports only what a scan needs: no web server, database, numpy or Rich for JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# A fresh interpreter started as the console script is: `weightclear scan TREE -f json`.
_PROBE = """
import json, sys
sys.argv = ["/venv/bin/weightclear", "scan", sys.argv[1], "-f", "json", "--fail-on", "never", "--no-cache"]
from weightclear.cli.app import app
from weightclear.cli.exit import run
code = run(app, sys.argv[1:])
heavy = ("fastapi", "sqlalchemy", "numpy", "jinja2", "weasyprint", "uvicorn", "rich", "psycopg")
print(json.dumps({"code": code, "loaded": sorted(m for m in heavy if m in sys.modules)}), file=sys.stderr)
"""


def test_scan_to_json_loads_no_heavy_library(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('MODEL = "meta-llama/Llama-3.1-8B-Instruct"\n', encoding="utf-8")
    (tmp_path / "config.yaml").write_text("model: llama3.2:3b\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert '"meta-llama/Llama-3.1-8B-Instruct"' in proc.stdout  # the scan did run
    probe = json.loads(proc.stderr.strip().splitlines()[-1])
    assert probe == {"code": 0, "loaded": []}
