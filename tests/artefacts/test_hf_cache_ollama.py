"""Hugging Face cache folder names, Ollama Modelfiles and store manifests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from weightclear.discovery.artefacts.hf_cache import reference_from_dir
from weightclear.discovery.artefacts.ollama import OllamaScanner, manifest_tag
from weightclear.discovery.base import FileContext, FileFindings
from weightclear.knowledge import load


@pytest.mark.parametrize(
    ("rel_dir", "expected"),
    [
        ("hub/models--meta-llama--Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-8B-Instruct"),
        ("models--bartowski--Llama-3.2-1B-Instruct-GGUF/", "bartowski/Llama-3.2-1B-Instruct-GGUF"),
        ("cache/models--gpt2", "gpt2"),
        ("cache/datasets--org--name", None),
        ("cache/models--a--b--c", None),
        ("cache/models--", None),
        ("src/models", None),
    ],
)
def test_cache_folder_names(rel_dir: str, expected: str | None) -> None:
    ref = reference_from_dir(rel_dir)
    assert (ref.text if ref else None) == expected
    if ref:
        assert (ref.kind, ref.role.value, ref.location.path) == ("hf-cache", "use", rel_dir.rstrip("/"))


def scan(path: Path, rel: str) -> FileFindings:
    return OllamaScanner().scan(FileContext(path=path, rel_path=rel, size=path.stat().st_size), load())


MODELFILE = '''# comment: FROM nothing
FROM llama3.1:8b
ADAPTER ./adapters/acme-lora.gguf
PARAMETER temperature 0.2
SYSTEM """You are helpful."""
LICENSE """
LLAMA 3.1 COMMUNITY
LICENSE AGREEMENT
Llama 3.1 Version Release Date: July 23, 2024
"""
'''


def test_modelfile_from_adapter_and_licence(tmp_path: Path) -> None:
    path = tmp_path / "Modelfile"
    path.write_text(MODELFILE)
    found = scan(path, "deploy/Modelfile")
    assert [(r.text, r.kind, r.location.line) for r in found.references] == [
        ("llama3.1:8b", "ollama-tag", 2),
        ("acme-lora.gguf", "gguf-file", 3),
    ]
    assert [(f.licence_id, f.kind.value, f.location.line) for f in found.licence_files] == [
        ("llama-3.1", "agreement", 6)
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "FROM ./models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf",
            ("Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", "gguf-file"),
        ),
        ('from "/srv/weights/Llama-3.2-3B-Instruct/"', ("Llama-3.2-3B-Instruct", "hf-folder")),
        (
            "FROM hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q8_0",
            ("hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q8_0", "ollama-tag"),
        ),
    ],
)
def test_modelfile_from_variants(tmp_path: Path, line: str, expected: tuple[str, str]) -> None:
    path = tmp_path / "x.modelfile"
    path.write_text(line + "\n")
    (ref,) = scan(path, "x.modelfile").references
    assert (ref.text, ref.kind) == expected


def test_manifest_path_is_the_tag(tmp_path: Path) -> None:
    rel = ".ollama/models/manifests/registry.ollama.ai/library/llama3.2/3b"
    path = tmp_path / "3b"
    path.write_text(
        json.dumps({"schemaVersion": 2, "layers": [{"mediaType": "application/vnd.ollama.image.model"}]})
    )
    assert OllamaScanner().wants(rel, 100)
    (ref,) = scan(path, rel).references
    assert (ref.text, ref.kind) == ("llama3.2:3b", "ollama-tag")
    path.write_text("{broken")
    assert "not JSON" in scan(path, rel).issues[0].message


@pytest.mark.parametrize(
    ("rel", "tag"),
    [
        ("manifests/registry.ollama.ai/library/llama3.1/latest", "llama3.1:latest"),
        ("x/manifests/registry.ollama.ai/acme/support/v1", "acme/support:v1"),
        (
            "manifests/hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF/Q4_K_M",
            "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
        ),
        ("manifests/registry.ollama.ai/library/llama3.1", None),
        ("src/manifest.json", None),
    ],
)
def test_manifest_tags(rel: str, tag: str | None) -> None:
    assert manifest_tag(rel) == tag


def test_manifest_licence_layer_is_identified_by_its_title(tmp_path: Path) -> None:
    digest = "ab" * 32
    store = tmp_path / "models"
    manifest = store / "manifests" / "registry.ollama.ai" / "library" / "llama3.1" / "8b"
    manifest.parent.mkdir(parents=True)
    layers = [
        {"mediaType": "application/vnd.ollama.image.model", "digest": "sha256:" + "cd" * 32},
        {"mediaType": "application/vnd.ollama.image.license", "digest": f"sha256:{digest}"},
        {"mediaType": "application/vnd.ollama.image.license", "digest": "sha256:../../etc"},  # not a digest
    ]
    manifest.write_text(json.dumps({"schemaVersion": 2, "layers": layers}))
    (store / "blobs").mkdir()
    (store / "blobs" / f"sha256-{digest}").write_text(
        "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version ...\n"
    )
    rel = "models/manifests/registry.ollama.ai/library/llama3.1/8b"
    found = scan(manifest, rel)
    assert [r.text for r in found.references] == ["llama3.1:8b"]
    assert [(f.licence_id, f.location.path) for f in found.licence_files] == [("llama-3.1", rel)]
