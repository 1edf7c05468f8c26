"""`weightclear scan` and `weightclear model resolve` from the user's side: table, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from discovery.conftest import write

APP = {
    "api/main.py": (
        'MODEL = "meta-llama/Llama-3.1-8B-Instruct"\nfrom llama_index.core import VectorStoreIndex\n'
    ),
    "worker/jobs.py": 'TAGGER = "eu.meta.llama3-2-1b-instruct-v1:0"\n',
    "deploy/Modelfile": "FROM llama3.2:3b\n",
    "README.md": "We use Llama 3.1. Our mascot is a llama; we tried TinyLlama once.\n",
}


def scan_json(root: Path, *extra: str) -> tuple[int, dict[str, object]]:
    result = run_cli("scan", str(root), "--format", "json", "--fail-on", "never", *extra)
    return result.exit_code, json.loads(result.stdout)


def test_json_inventory(tmp_path: Path) -> None:
    code, doc = scan_json(write(tmp_path, APP))
    assert code == 0
    assert doc["schema_version"] and doc["tool"]["name"] == "weightclear"  # type: ignore[index]
    refs = {(r["path"], r["text"], r["kind"], r["role"]) for r in doc["references"]}  # type: ignore[attr-defined]
    assert refs >= {
        ("api/main.py", "meta-llama/Llama-3.1-8B-Instruct", "hf-id", "use"),
        ("worker/jobs.py", "eu.meta.llama3-2-1b-instruct-v1:0", "bedrock-id", "use"),
        ("deploy/Modelfile", "llama3.2:3b", "ollama-tag", "use"),
        ("README.md", "Llama 3.1", "model-name", "mention"),
    }
    assert not any("index" in r[1].lower() or "tiny" in r[1].lower() for r in refs)
    models = {m["id"]: m for m in doc["models"]}  # type: ignore[attr-defined]
    chat = models["meta-llama/Llama-3.1-8B-Instruct"]
    assert chat["licence"] == "llama-3.1" and chat["used"] is True
    assert {k: chat["references"][0][k] for k in ("path", "line", "column")} == {
        "path": "api/main.py",
        "line": 1,
        "column": 10,
    }
    assert {m["licence"] for m in doc["models"]} >= {"llama-3.1", "llama-3.2"}  # type: ignore[attr-defined]
    assert doc["errors"] == []
    for key in ("licence_files", "notices", "model_cards", "attributions", "results", "findings"):
        assert isinstance(doc[key], list)


def test_table_groups_by_licence_version(tmp_path: Path) -> None:
    result = run_cli("scan", str(write(tmp_path, APP)), "--fail-on", "never")
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("llama-3.1") < out.index("meta-llama/Llama-3.1-8B-Instruct") < out.index("llama-3.2")
    assert "api/main.py:1" in out and "worker/jobs.py:1" in out


def test_unreadable_input_exits_2_and_is_listed(tmp_path: Path) -> None:
    write(tmp_path, {**APP, "broken.py": b"M = 'llama3.1'\x00\x00"})
    code, doc = scan_json(tmp_path)
    assert code == 2
    assert doc["errors"] == [{"path": "broken.py", "line": None, "message": "binary content in a text file"}]
    assert doc["models"]  # the rest was scanned


def test_output_file_and_no_file_on_failure(tmp_path: Path) -> None:
    root = write(tmp_path / "tree", APP)
    out = tmp_path / "report.json"
    result = run_cli("scan", str(root), "-f", "json", "-o", str(out), "--fail-on", "never")
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["root"] == str(root)
    missing = tmp_path / "missing.json"
    result = run_cli("scan", str(tmp_path / "nope"), "-f", "json", "-o", str(missing))
    assert result.exit_code == 2 and not missing.exists()


def test_bad_option_is_a_usage_error(tmp_path: Path) -> None:
    assert run_cli("scan", str(tmp_path), "--fail-on", "sometimes").exit_code == 2
    assert run_cli("scan", str(tmp_path), "--format", "yaml").exit_code == 2


def test_empty_tree_is_clean(tmp_path: Path) -> None:
    code, doc = scan_json(tmp_path)
    assert (code, doc["models"], doc["errors"]) == (0, [], [])


def test_model_resolve(tmp_path: Path) -> None:
    result = run_cli(
        "model", "resolve", "bedrock/us.meta.llama3-2-11b-instruct-v1:0", "llama-index", "-f", "json"
    )
    assert result.exit_code == 0
    vision, decoy = json.loads(result.stdout)
    assert (vision["licence"], decoy["model"]) == ("llama-3.2", None)
    assert "llama-3.2" in run_cli("model", "resolve", "meta-llama/Llama-3.2-11B-Vision-Instruct").stdout
