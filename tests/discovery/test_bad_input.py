"""Bad input never stops a scan: each unreadable file is an error with its reason, the rest is scanned."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from discovery.conftest import EMPTY_KB, scan, texts, write
from weightclear.discovery import READ_LIMIT, _scan_chunk
from weightclear.discovery.scanners import build
from weightclear.discovery.text import MAX_YAML_ALIASES
from weightclear.discovery.walk import Entry, walk

GOOD = {"ok.py": 'MODEL = "meta-llama/Llama-3.1-8B-Instruct"\n'}


def issues(root: Path) -> dict[str, str]:
    ev = scan(root)
    assert "meta-llama/Llama-3.1-8B-Instruct" in texts(ev), "the good file must still be scanned"
    return {i.path: i.message for i in ev.issues}


def test_binary_content_in_a_text_file(tmp_path: Path) -> None:
    write(tmp_path, {**GOOD, "bad.py": b"x = 1\x00\x01\x02 meta-llama/Llama-3.1-8B"})
    assert issues(tmp_path) == {"bad.py": "binary content in a text file"}


def test_binary_file_by_extension_is_skipped_silently(tmp_path: Path) -> None:
    write(tmp_path, {**GOOD, "logo.png": b"\x89PNG\x00\x00llama3.1", "blob": b"\x00\x01llama3.1:8b"})
    assert issues(tmp_path) == {}


def test_not_utf8(tmp_path: Path) -> None:
    write(tmp_path, {**GOOD, "latin.py": "# café\nM = 'meta-llama/Llama-3.1-8B'\n".encode("latin-1")})
    assert issues(tmp_path) == {"latin.py": "not valid UTF-8 (byte 5)"}


def test_huge_text_file_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    with open(tmp_path / "dump.json", "wb") as handle:
        handle.truncate(READ_LIMIT + 1)  # sparse: the size check must come before any read
    assert issues(tmp_path) == {"dump.json": f"too large to scan ({READ_LIMIT + 1:,} bytes)"}


def test_broken_json_yaml_and_notebook(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            **GOOD,
            "cfg.json": '{"model": "Qwen/Qwen2.5-7B-Instruct",\n',
            "values.yaml": "model: Qwen/Qwen2.5-7B-Instruct\n  bad: [\n",
            "nb.ipynb": '{"cells": [{"cell_type": "code", "source": "llama3.1:8b"',
        },
    )
    found = issues(tmp_path)
    assert found["cfg.json"].startswith("malformed JSON")
    assert found["values.yaml"].startswith("malformed YAML")
    assert found["nb.ipynb"].startswith("malformed notebook")


def test_yaml_alias_bomb_is_not_parsed(tmp_path: Path) -> None:
    bomb = "a: &a [x]\n" + "".join(f"b{i}: [*a, *a]\n" for i in range(MAX_YAML_ALIASES)) + "m: llama3.1:8b\n"
    write(tmp_path, {**GOOD, "bomb.yaml": bomb})
    assert issues(tmp_path) == {"bomb.yaml": f"YAML with more than {MAX_YAML_ALIASES} aliases: not parsed"}


def test_helm_templates_are_not_parsed_as_yaml(tmp_path: Path) -> None:
    write(
        tmp_path, {**GOOD, "chart/templates/d.yaml": 'model: {{ .Values.model | default "llama3.1:8b" }}\n'}
    )
    assert issues(tmp_path) == {}


def test_symlink_loop(tmp_path: Path) -> None:
    write(tmp_path, {**GOOD, "sub/a.py": "x = 1\n"})
    os.symlink("..", tmp_path / "sub" / "up")
    os.symlink("self", tmp_path / "self")
    os.symlink("missing.py", tmp_path / "dangling.py")
    found = issues(tmp_path)
    assert found["sub/up"].startswith("symbolic link loop")
    assert found["self"] == "symbolic link loop"
    assert found["dangling.py"] == "broken symbolic link"


def test_file_gone_between_listing_and_reading(tmp_path: Path) -> None:
    batch = _scan_chunk([Entry(str(tmp_path / "gone.py"), "gone.py")], build(EMPTY_KB), EMPTY_KB)
    (found,) = batch.findings
    assert [(i.path, i.message) for i in found.issues] == [
        ("gone.py", "cannot read: No such file or directory")
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    write(tmp_path, {**GOOD, "secret.py": "M = 'llama3.1'\n"})
    (tmp_path / "secret.py").chmod(0)
    assert issues(tmp_path) == {"secret.py": "cannot read: Permission denied"}


def test_gitignore_and_skipped_folders(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            **GOOD,
            ".gitignore": "build/\n*.log\n!keep.log\n",
            "build/out.py": "M = 'llama3.1:8b'\n",
            "run.log": "llama3.2:1b\n",
            "keep.log": "llama3.3\n",
            "sub/.gitignore": "/local.py\n",
            "sub/local.py": "M = 'gemma2:9b'\n",
            "node_modules/x/index.js": "m = 'llama3.1:70b'\n",
            ".venv/lib/a.py": "m = 'llama3.1:405b'\n",
        },
    )
    listed = {e.rel for e in walk(tmp_path).files}
    assert listed == {".gitignore", "ok.py", "keep.log", "sub/.gitignore"}
    assert texts(scan(tmp_path)) == {"meta-llama/Llama-3.1-8B-Instruct", "llama3.3"}


def test_notice_files(tmp_path: Path) -> None:
    write(
        tmp_path, {**GOOD, "release/NOTICE": "Llama 3.1 is licensed under the Llama 3.1 Community License\n"}
    )
    (notice,) = scan(tmp_path).notices
    assert notice.location.path == "release/NOTICE"
    assert notice.text.startswith("Llama 3.1 is licensed")
