"""`weightclear scan --push URL --token T`: what each repository's CI runs."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.server.conftest import Server, free_port
from tests.server.helpers import SCAN_SOURCE


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(SCAN_SOURCE)
    return tmp_path


def test_ci_pushes_its_scan_and_the_environment_deployments_follow(server: Server, tmp_path: Path) -> None:
    root = _tree(tmp_path)
    result = run_cli(
        "scan", str(root), "--format", "json", "--fail-on", "never",
        "--push", server.base, "--token", server.tokens["eve"],
        "--product", "Pushed", "--environment", "prod",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "pushed: scan #" in result.stderr
    assert '"schema_version"' in result.stdout  # the usual output is still written
    with server.client("vic") as vic:
        deps = vic.get("/api/v1/deployments", params={"product": "Pushed"}).json()["deployments"]
        assert [(d["model"], d["environment"], d["source"]) for d in deps] == [
            ("meta-llama/Llama-3.1-8B-Instruct", "prod", "scan")
        ]


def test_a_refused_or_unreachable_push_exits_2_with_the_reason(server: Server, tmp_path: Path) -> None:
    root = _tree(tmp_path)
    base = ("scan", str(root), "--fail-on", "never", "--product", "Pushed")
    refused = run_cli(*base, "--push", server.base, "--token", server.tokens["vic"])
    assert refused.exit_code == 2
    assert "refused the scan (403)" in refused.stderr and "engineer" in refused.stderr
    nowhere = run_cli(*base, "--push", f"http://127.0.0.1:{free_port()}", "--token", "t")
    assert nowhere.exit_code == 2 and "cannot reach" in nowhere.stderr
    missing = run_cli(*base, "--push", server.base)
    assert missing.exit_code == 2 and "--token" in missing.stderr
