"""Binary bodies: a binary file is read only as far as the scanners that want it need.

discover() asks the scanners about a file's path and size before reading it; when
every one that wants it drops binary content (the text scanner), a file whose
first block is binary is read no further. GGUF and safetensors files are still
read whole (their scanners parse the header from the bytes).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file
from tests.artefacts.ggufs import write_gguf
from tests.conftest import run_cli

from weightclear.discovery.walk import BLOCK_BYTES, Opened

MODEL = b"meta-llama/Llama-3.1-8B-Instruct"
APP = 'MODEL = "mistralai/Mistral-7B-Instruct-v0.3"\n'


def scan_json(root: Path) -> dict[str, object]:
    result = run_cli("scan", str(root), "-f", "json", "--no-cache")
    assert result.exit_code in (0, 1, 2), result.stderr  # 2: the scan reported errors
    document: dict[str, object] = json.loads(result.stdout)
    return document


def texts(document: dict[str, object]) -> set[str]:
    """Every reference text of every model in a scan's JSON."""
    models = document["models"]
    assert isinstance(models, list)
    return {ref["text"] for model in models for ref in model["references"]}


def binary_body(tail: bytes) -> bytes:
    """A binary file (NUL bytes at its start) with ``tail`` after its first block."""
    return b"\0\1\2" * (BLOCK_BYTES // 3 + 100) + b"\n" + tail + b"\n"


def test_model_name_after_a_binary_first_block_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    blob = binary_body(MODEL)
    (tmp_path / "weights.dat").write_bytes(blob)  # no binary extension: the text scanner wants it
    document = scan_json(tmp_path)
    assert texts(document) == {"mistralai/Mistral-7B-Instruct-v0.3"}
    summary = document["summary"]
    assert isinstance(summary, dict)
    assert summary["files_scanned"] == 2
    # app.py whole, and only the first block of the binary file
    assert summary["bytes_scanned"] == len(APP) + BLOCK_BYTES < len(APP) + len(blob)


def test_binary_content_in_a_text_file_is_still_an_issue(tmp_path: Path) -> None:
    (tmp_path / "tool.py").write_bytes(binary_body(MODEL))
    (tmp_path / "small.json").write_bytes(b'{"a": "\0"}\n' + MODEL)
    document = scan_json(tmp_path)
    errors = document["errors"]
    assert isinstance(errors, list)
    assert {(e["path"], e["message"]) for e in errors} >= {
        ("tool.py", "binary content in a text file"),
        ("small.json", "binary content in a text file"),
    }
    assert texts(document) == set()


def test_large_text_file_is_read_whole(tmp_path: Path) -> None:
    body = b"# filler line\n" * (2 * BLOCK_BYTES // 14) + b'MODEL = "' + MODEL + b'"\n'
    (tmp_path / "big.py").write_bytes(body)
    document = scan_json(tmp_path)
    assert texts(document) == {MODEL.decode()}
    summary = document["summary"]
    assert isinstance(summary, dict)
    assert summary["bytes_scanned"] == len(body)


def test_safetensors_and_gguf_are_read_as_before(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    tensors = {"w": np.ones((200, 200), dtype=np.float32)}  # well past the first block, NUL bytes first
    save_file(tensors, str(models / "model.safetensors"), metadata={"base_model": "meta-llama/Llama-3.1-8B"})
    write_gguf(models / "acme-support-8b.Q4_K_M.gguf")
    sizes = sum(p.stat().st_size for p in models.iterdir())
    assert (models / "model.safetensors").stat().st_size > BLOCK_BYTES
    document = scan_json(tmp_path)
    assert {"meta-llama/Llama-3.1-8B", "Acme Support 8B"} <= texts(document)
    summary = document["summary"]
    assert isinstance(summary, dict)
    assert summary["bytes_scanned"] == sizes  # both read whole, as their scanners need


def test_opened_reads_what_is_asked(tmp_path: Path) -> None:
    blob = binary_body(MODEL)
    path = tmp_path / "blob"
    path.write_bytes(blob)
    with Opened(str(path)) as opened:
        assert opened.size == len(blob)
        assert opened.read(1 << 20, text_only=True) == (len(blob), blob[:BLOCK_BYTES])
    with Opened(str(path)) as opened:
        assert opened.read(1 << 20) == (len(blob), blob)
    with Opened(str(path)) as opened:
        assert opened.read(100, text_only=True) == (len(blob), None)  # over the cap: nothing read
    text = b"x" * (BLOCK_BYTES + 10)
    path.write_bytes(text)
    with Opened(str(path)) as opened:
        assert opened.read(1 << 20, text_only=True) == (len(text), text)
