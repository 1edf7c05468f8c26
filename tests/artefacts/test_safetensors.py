"""safetensors headers: __metadata__ facts from files the safetensors package writes; bad headers."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save_file

from weightclear.discovery.artefacts.safetensors import SafetensorsScanner
from weightclear.discovery.base import FileContext, FileFindings
from weightclear.knowledge import load


def scan(path: Path, *, read: bool = False) -> FileFindings:
    data = path.read_bytes() if read else None
    ctx = FileContext(path=path, rel_path=f"m/{path.name}", size=path.stat().st_size, data=data)
    return SafetensorsScanner().scan(ctx, load())


def write(path: Path, metadata: dict[str, str] | None) -> Path:
    save_file({"w": np.zeros((2, 2), dtype=np.float32)}, str(path), metadata=metadata)
    return path


@pytest.mark.parametrize("read", [False, True])
def test_metadata_licence_and_base_model(tmp_path: Path, read: bool) -> None:
    path = write(
        tmp_path / "model.safetensors", {"license": "llama3.1", "base_model": "meta-llama/Llama-3.1-8B"}
    )
    found = scan(path, read=read)
    (card,) = found.model_cards
    assert (card.licence, card.base_models) == ("llama3.1", ("meta-llama/Llama-3.1-8B",))
    assert [(r.text, r.kind, r.role.value) for r in found.references] == [
        ("meta-llama/Llama-3.1-8B", "safetensors-metadata", "use")
    ]


def test_base_model_as_json_list_string(tmp_path: Path) -> None:
    meta = {"base_model": json.dumps(["a/b", "c/d"]), "name": "merged-model"}
    found = scan(write(tmp_path / "x.safetensors", meta))
    assert found.model_cards[0].base_models == ("a/b", "c/d")
    assert [r.text for r in found.references] == ["merged-model", "a/b", "c/d"]


@pytest.mark.parametrize("metadata", [None, {"format": "pt"}])
def test_nothing_to_say_without_licence_name_or_base(tmp_path: Path, metadata: dict[str, str] | None) -> None:
    assert scan(write(tmp_path / "x.safetensors", metadata)) == FileFindings()


def _raw(tmp_path: Path, header: bytes, *, length: int | None = None, tail: bytes = b"") -> Path:
    path = tmp_path / "bad.safetensors"
    path.write_bytes(struct.pack("<Q", len(header) if length is None else length) + header + tail)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: _raw(p, b"{}", length=10**12), "does not fit"),
        (lambda p: _raw(p, b"{not json}"), "not JSON"),
        (lambda p: _raw(p, b"[1, 2]"), "not a JSON object"),
        (lambda p: _raw(p, b'{"__metadata__": [1]}'), "__metadata__ is not an object"),
        (lambda p: _raw(p, b"\xff\xfe{}"), "not JSON"),
    ],
)
def test_broken_headers_are_issues(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    for read in (False, True):
        (issue,) = scan(path, read=read).issues
        assert message in issue.message
        assert issue.path == "m/bad.safetensors"


def test_too_short_file_is_an_issue(tmp_path: Path) -> None:
    path = tmp_path / "tiny.safetensors"
    path.write_bytes(b"\x01\x02")
    assert "too short" in scan(path).issues[0].message
