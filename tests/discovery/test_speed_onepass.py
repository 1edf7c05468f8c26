"""The speed work must not change results: one pass, caches, automatic workers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.conftest import run_cli

from weightclear import cache
from weightclear.discovery import AUTO_FILES_PER_WORKER, _workers
from weightclear.discovery.attribution import AttributionScanner
from weightclear.discovery.base import ContentScanner, FileContext
from weightclear.discovery.engine import MultiPattern, hyperscan
from weightclear.discovery.onepass import OnePass
from weightclear.discovery.scanners import build
from weightclear.discovery.text import TextScanner
from weightclear.knowledge import load, loader

TREE = {
    "app/main.py": 'MODEL = "meta-llama/Llama-3.1-8B-Instruct"\n',
    "web/about.html": "<footer>Built with <b>Llama</b></footer>\n",
    "docs/intro.md": "Powered by nothing in particular.\n",
    "notes.txt": "no model here\n",
}


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_scan_json_is_the_same_in_process_and_with_workers(tmp_path: Path) -> None:
    write(tmp_path, TREE)
    outputs = []
    for jobs in ("0", "1", "2"):
        result = run_cli("scan", str(tmp_path), "-f", "json", "--fail-on", "never", "--jobs", jobs)
        assert result.exit_code == 0, result.stderr
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    assert [a["text"] for a in outputs[0]["attributions"]] == ["Built with Llama"]
    assert {r["text"] for r in outputs[0]["references"]} == {"meta-llama/Llama-3.1-8B-Instruct"}


def test_automatic_workers_only_for_large_trees() -> None:
    assert _workers(0, 10) == 1
    assert _workers(0, AUTO_FILES_PER_WORKER - 1) == 1
    assert _workers(0, 1_000_000) == (os.cpu_count() or 1)
    assert _workers(3, 10) == 3  # an explicit count is obeyed


def test_one_pass_gives_each_content_scanner_its_own_ids() -> None:
    kb = load()
    scanners = build(kb)
    plan = OnePass(scanners, kb)
    kinds = [type(s) for s, ids in zip(scanners, plan.ranges, strict=True) if ids is not None]
    assert kinds == [TextScanner, AttributionScanner]
    assert all(isinstance(s, ContentScanner) for s in scanners if type(s) in kinds)
    data = b'x = "llama3.1:8b"  # built with care\n'
    ids = plan.hits(data)
    text_ids, attribution_ids = (plan.own(ids, r) for r in plan.ranges if r is not None)
    assert text_ids and attribution_ids
    text = next(s for s in scanners if isinstance(s, TextScanner))
    assert sorted(text_ids) == sorted(text.engine.hits(data))  # the scanner's own pass agrees
    assert plan.hits(b"") == [] and plan.hits(None) == []


def test_attribution_scan_and_scan_bytes_agree() -> None:
    kb = load()
    scanner = AttributionScanner()
    data = b"<p>Powered by <i>Stability AI</i></p>\n<p>Built with Meta Llama 3</p>\n"
    ctx = FileContext(path=Path("/x/index.html"), rel_path="index.html", size=len(data), data=data)
    via_context = scanner.scan(ctx, kb)
    plan = OnePass([scanner], kb)
    (ids_of,) = plan.ranges
    assert ids_of is not None
    via_bytes = scanner.scan_bytes("index.html", len(data), data, kb, plan.own(plan.hits(data), ids_of))
    assert via_context == via_bytes
    assert [a.text for a in via_bytes.attributions] == ["Powered by Stability AI", "Built with Meta Llama 3"]
    assert scanner.scan_bytes("index.html", len(data), data, kb, []).attributions == ()


def test_derivative_statement_needs_its_words_after_the_verb() -> None:
    kb = load()
    scanner = AttributionScanner()
    statement = b"Our app is built using Falcon LLM technology from the Technology Innovation Institute.\n"
    found = scanner.scan_bytes("a.md", len(statement), statement, kb, [0])
    assert [a.location.line for a in found.attributions] == [1]
    near = b"It is built using Falcon, not from the Technology Innovation Institute.\n"
    assert scanner.scan_bytes("a.md", len(near), near, kb, [0]).attributions == ()


@pytest.mark.skipif(hyperscan is None, reason="hyperscan is not installed here")
def test_compiled_database_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    regexes = ["llama", "gemma", "qwen"]
    first = MultiPattern(regexes)
    (cached,) = tmp_path.glob("hyperscan-*.db")
    second = MultiPattern(regexes)  # loaded from the file
    data = b"Gemma and QWEN, no third"
    assert sorted(first.hits(data)) == sorted(second.hits(data)) == [1, 2]
    cached.write_bytes(b"not a database")
    assert sorted(MultiPattern(regexes).hits(data)) == [1, 2]  # a broken file is compiled again


def test_knowledge_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    kb = load()
    loader._write_cache("k1", kb)
    assert loader._read_cache("k1") == kb
    assert loader._read_cache("other") is None
    loader._write_cache("k2", kb)
    assert [p.name for p in tmp_path.glob("knowledge-*.pickle")] == ["knowledge-k2.pickle"]  # stale gone
    (tmp_path / "knowledge-k2.pickle").write_bytes(b"garbage")
    assert loader._read_cache("k2") is None
    monkeypatch.setenv(cache.CACHE_ENV, "")
    assert cache.user_cache_dir() is None
    loader._write_cache("k3", kb)
    assert not (tmp_path / "knowledge-k3.pickle").exists()


def test_knowledge_cache_key_follows_the_data() -> None:
    data = loader.resources.files("weightclear.knowledge").joinpath("data")
    assert loader._cache_key(data) == loader._cache_key(data)
    assert len(loader._cache_key(data)) == 32
