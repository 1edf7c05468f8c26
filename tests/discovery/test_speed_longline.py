"""One-line files with thousands of names (a minified catalogue): every per-hit check stays local.

Dropping a bare name that echoes an id before it on its line used to compare every name with every id
of the line, and the YAML parent-key look-up copied the whole line before each hit; both were quadratic
on a file of one line. These tests check the results on such a file, the same as on short lines.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

COUNT = 1500


def scan_refs(root: Path) -> list[tuple[str, str]]:
    result = run_cli("scan", str(root), "-f", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.stderr
    models = json.loads(result.stdout)["models"]
    return sorted((ref["text"], ref["role"]) for model in models for ref in model["references"])


def test_a_one_line_catalogue_keeps_every_id_and_drops_every_echo(tmp_path: Path) -> None:
    # each record: an id, then an output folder named after it (an echo), then a spaced display name
    records = [
        {"id": f"team{i}/Llama-3.1-8B-Instruct", "out": f"Llama-3.1-8B-Instruct-sft-{i}", "n": i}
        for i in range(COUNT)
    ]
    (tmp_path / "catalogue.json").write_text(json.dumps(records), encoding="utf-8")
    refs = scan_refs(tmp_path)
    assert len(refs) == COUNT
    assert {text for text, _ in refs} == {f"team{i}/Llama-3.1-8B-Instruct" for i in range(COUNT)}
    assert {role for _, role in refs} == {"use"}


def test_a_bare_name_before_the_ids_of_a_long_line_is_kept(tmp_path: Path) -> None:
    # only a name written after an id echoes it; the first one comes before any id
    records = [{"first": "Llama-3.1-8B-Instruct"}] + [
        {"id": f"team{i}/Llama-3.1-8B-Instruct"} for i in range(COUNT)
    ]
    (tmp_path / "catalogue.json").write_text(json.dumps(records), encoding="utf-8")
    texts = [text for text, _ in scan_refs(tmp_path)]
    assert "Llama-3.1-8B-Instruct" in texts
    assert len(texts) == COUNT + 1


def test_a_name_key_on_a_long_line_is_not_taken_for_a_yaml_label(tmp_path: Path) -> None:
    # a flow-style YAML line longer than the look-up window: its models are still read
    items = ", ".join(f"{{name: Meta-Llama-3-8B-Instruct-v{i}, size: 8b}}" for i in range(40))
    (tmp_path / "models.yaml").write_text(f"models: [{items}]\n", encoding="utf-8")
    refs = scan_refs(tmp_path)
    assert len(refs) == 40
