"""A process killed (SIGKILL) in the middle of a big import leaves a consistent registry."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO

from weightclear.registry import Registry
from weightclear.registry.records import DeploymentInput

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _import_file(path: Path, n: int) -> None:
    with path.open("w") as out:
        for i in range(n):
            row = {
                "product": f"P{i % 7}",
                "environment": "production",
                "model": f"org/model-{i}",
                "licence": "llama-3.1",
            }
            out.write(json.dumps(row) + "\n")


def test_sigkill_during_import_leaves_no_partial_rows(db_url: str, tmp_path: Path) -> None:
    with Registry.open(db_url) as reg:
        reg.add_deployment(
            "ops", DeploymentInput(product="Kept", environment="prod", model_id="m", licence_id="llama-3")
        )
        before = reg.status()
    source = tmp_path / "deployments.jsonl"
    _import_file(source, 60_000)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "weightclear",
            "deployments",
            "import",
            str(source),
            "--db",
            db_url,
            "--as",
            "ci",
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stderr is not None
    try:
        # Wait until rows have been written inside the open transaction, then kill without warning.
        for line in proc.stderr:
            if "written (not yet committed)" in line:
                break
        else:
            pytest.fail(f"import finished without reporting progress (exit {proc.wait()})")
        assert proc.poll() is None, "the import must still be running when it is killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    with Registry.open(db_url) as reg:
        after = reg.status()
        assert after.counts == before.counts  # no partial rows in any table
        assert (after.audit_entries, after.audit_head) == (before.audit_entries, before.audit_head)
        assert reg.verify().ok
        # The registry is still writable: the killed writer's lock is gone.
        reg.add_deployment(
            "ops", DeploymentInput(product="Kept", environment="prod", model_id="m2", licence_id="llama-3")
        )
        assert reg.verify().ok


def test_a_failing_import_records_nothing(db_url: str, tmp_path: Path) -> None:
    from tests.registry.helpers import wc

    source = tmp_path / "bad.jsonl"
    _import_file(source, 3000)
    with source.open("a") as out:
        out.write('{"product": "P1", "model": "no environment"}\n')
    result = wc(db_url, "deployments", "import", str(source))
    assert result.exit_code == 2
    assert "bad.jsonl:3001" in result.stderr
    with Registry.open(db_url) as reg:
        assert reg.deployments() == []
        assert reg.status().audit_entries == 0
