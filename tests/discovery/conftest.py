"""Helpers for discovery tests: build a tree in tmp_path, scan it, look at what came out."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import load_script, run_cli
from weightclear.discovery import discover
from weightclear.knowledge import KnowledgeBase
from weightclear.model import Evidence, Reference

# Discovery on its own, with no catalogue and no resolver: what the patterns, roles and decoy
# rules keep by themselves. The CLI tests run the whole pipeline with the real knowledge base.
EMPTY_KB = KnowledgeBase(licences={}, policies={}, models={}, digest="test")
_BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "discovery_accuracy.py"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (relative path -> text or bytes) under ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def cli_references(root: Path, files: dict[str, str]) -> list[tuple[str, int, str, str, str | None]]:
    """(path, line, text, role, licence) of every reference `weightclear scan --format json` reports
    for ``files`` written under ``root``, in the report's order: the whole pipeline, real catalogue."""
    result = run_cli("scan", str(write(root, dict(files))), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    return [(r["path"], r["line"], r["text"], r["role"], r["licence"]) for r in report["references"]]


def texts_and_licences(root: Path, files: dict[str, str]) -> list[tuple[str, str | None]]:
    """(text, licence) of every reference the CLI reports for ``files``, in the report's order."""
    return [(text, licence) for _, _, text, _, licence in cli_references(root, files)]


def lines_texts_roles(root: Path, files: dict[str, str]) -> list[tuple[int, str, str]]:
    """(line, text, role) of every reference the CLI reports for ``files``, in the report's order."""
    return [(line, text, role) for _, line, text, role, _ in cli_references(root, files)]


def benchmark_pairs(
    labels: list[tuple[int, str]], got: list[tuple[int, str]]
) -> list[tuple[str, str | None]]:
    """(label text, report text or None) as `benchmarks/discovery_accuracy.py` pairs labels (line, text)
    with a report's references (line, text) on their lines."""
    bench = load_script(_BENCHMARK)
    expected: list[dict[str, object]] = [{"line": line, "text": text} for line, text in labels]
    reported = [(line, text, "use", None) for line, text in got]
    return [(str(e["text"]), hit[1] if hit else None) for e, hit in bench._pair(expected, reported)]


def scan(root: Path, jobs: int = 1) -> Evidence:
    """Discover ``root`` with the empty knowledge base."""
    return discover(root, EMPTY_KB, jobs=jobs)


def refs_of(evidence: Evidence) -> list[tuple[str, str, str, str]]:
    """(path, text, kind, role) of every reference."""
    return [(r.location.path, r.text, r.kind, r.role.value) for r in evidence.references]


def texts(evidence: Evidence) -> set[str]:
    return {r.text for r in evidence.references}


def only(evidence: Evidence) -> Reference:
    assert len(evidence.references) == 1, refs_of(evidence)
    return evidence.references[0]


@pytest.fixture
def tree(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Build a tree from a dict of files and return its root."""

    def build(files: dict[str, str | bytes]) -> Path:
        return write(tmp_path / "tree", files)

    return build
