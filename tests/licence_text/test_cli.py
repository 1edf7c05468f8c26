"""`weightclear licence identify` as a user runs it, on small trees the tests build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import CORPUS, run_cli

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/licences is not here")


@needs_corpus
def test_json_lists_each_text_with_id_kind_confidence(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_bytes((CORPUS / "llama-3" / "LICENSE").read_bytes())
    (tmp_path / "USE_POLICY.md").write_bytes((CORPUS / "llama-3.2" / "USE_POLICY.md").read_bytes())
    result = run_cli(
        "licence", "identify", "--format", "json", str(tmp_path / "LICENSE"), str(tmp_path / "USE_POLICY.md")
    )
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    got = [(Path(r["path"]).name, r["licence"], r["kind"], r["modified_sections"]) for r in records]
    assert got == [
        ("LICENSE", "llama-3", "agreement", []),
        ("LICENSE", "llama-3", "use-policy", []),
        ("USE_POLICY.md", "llama-3.2", "use-policy", []),
    ]
    assert all(r["confidence"] >= 0.99 for r in records)
    assert set(records[0]) >= {"path", "licence", "kind", "confidence", "modified_sections"}


@needs_corpus
def test_folder_identifies_the_candidates_inside(tmp_path: Path) -> None:
    model = tmp_path / "models" / "guard"
    model.mkdir(parents=True)
    (model / "LICENSE").write_bytes((CORPUS / "llama-3.1" / "LICENSE").read_bytes())
    (model / "config.json").write_text("{}")
    (tmp_path / "NOTICE").write_text("Llama 3.1 is licensed under the Llama 3.1 Community License.")
    result = run_cli("licence", "identify", "--format", "json", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(Path(r["path"]).relative_to(tmp_path).as_posix(), r["licence"]) for r in records] == [
        ("models/guard/LICENSE", "llama-3.1")
    ]


def test_table_binary_and_non_utf8_files_are_unknown_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "LICENSE.bin").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "LICENSE.latin1").write_bytes("Licence \xe9t\xe9 caf\xe9".encode("latin-1"))
    (tmp_path / "LICENSE.txt").write_text("The quick brown fox jumps over the lazy dog, again and again.\n")
    result = run_cli("licence", "identify", *(str(p) for p in sorted(tmp_path.iterdir())))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("LICENSE.bin" in line and "unknown" in line and "binary" in line for line in lines)
    assert any("LICENSE.latin1" in line and "unknown" in line and "UTF-8" in line for line in lines)
    assert any("LICENSE.txt" in line and "unknown" in line for line in lines)


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("licence", "identify", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr


@needs_corpus
def test_folder_lists_model_cards_only_when_they_hold_a_known_text(tmp_path: Path) -> None:
    licence = (CORPUS / "llama-3.2" / "LICENSE").read_text(encoding="utf-8")
    card = tmp_path / "guard" / "README.md"
    card.parent.mkdir()
    card.write_text(f"---\nlicense: llama3.2\nextra_gated_prompt: {json.dumps(licence)}\n---\n# Guard\n")
    plain = tmp_path / "docs" / "README.md"
    plain.parent.mkdir()
    plain.write_text("# Docs\n\nHow to run the service.\n")
    result = run_cli("licence", "identify", "--format", "json", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(Path(r["path"]).parent.name, r["licence"], r["kind"]) for r in records] == [
        ("guard", "llama-3.2", "agreement")
    ]
    explicit = json.loads(run_cli("licence", "identify", "--format", "json", str(plain)).stdout)
    assert [(r["licence"], r["reason"]) for r in explicit] == [("unknown", "README without front matter")]
