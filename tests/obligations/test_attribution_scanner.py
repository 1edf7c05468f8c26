"""AttributionScanner: display strings through markup, near misses, and a cheap miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from weightclear.discovery.attribution import AttributionScanner, patterns
from weightclear.discovery.base import FileContext
from weightclear.knowledge import load


def scan(rel_path: str, text: str) -> list[tuple[int | None, str]]:
    data = text.encode()
    ctx = FileContext(path=Path("/nonexistent") / rel_path, rel_path=rel_path, size=len(data), data=data)
    found = AttributionScanner().scan(ctx, load())
    return [(a.location.line, a.text) for a in found.attributions]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("web/about.html", "<footer>\n  <p>Built with <b>Llama</b></p>\n</footer>"),
        (
            "web/About.tsx",
            'const About = () => (\n  <span>Built with{" "}\n    <a href="/llama">Llama</a></span>\n);',
        ),
        ("docs/index.md", "# Acme\n\nBuilt with **Llama**.\n"),
        ("web/i18n/en.json", '{\n  "footer.credit": "Built with Llama"\n}'),
        ("web/page.html", "<p>Built&nbsp;with&nbsp;Llama</p>"),
    ],
)
def test_exact_string_found_through_markup(path: str, text: str) -> None:
    found = scan(path, text)
    assert any(t == "Built with Llama" for _, t in found), found


def test_line_of_the_match() -> None:
    assert scan("a.md", "x\ny\nPowered by our team. Built with Llama\n")[0][0] == 3


def test_llama_3_string_is_reported_as_written() -> None:
    texts = {t for _, t in scan("about.html", "<p>Built with Meta Llama 3</p>")}
    assert "Built with Meta Llama 3" in texts
    assert "Built with Llama" not in texts


def test_wrong_capitals_are_kept_as_written() -> None:
    assert {t for _, t in scan("a.md", "built with llama")} == {"built with llama"}


def test_nothing_in_a_file_without_the_words() -> None:
    assert scan("a.md", "We use a large language model.\n" * 1000) == []


def test_wants_surfaces_only() -> None:
    scanner = AttributionScanner()
    assert scanner.wants("web/About.tsx", 100)
    assert scanner.wants("locales/en.json", 100)
    assert not scanner.wants("models/model.gguf", 100)
    assert not scanner.wants("big.html", 1 << 30)
    assert not scanner.wants("Makefile", 10)


def test_patterns_come_from_the_knowledge_base() -> None:
    compiled = patterns(load())
    assert compiled.exact and compiled.near is not None
    assert all(isinstance(p, bytes) for p in compiled.prefilter)


def test_undecodable_bytes_are_skipped() -> None:
    data = b"\xff\xfe Built with Llama \xff"
    ctx = FileContext(path=Path("/x/a.md"), rel_path="a.md", size=len(data), data=data)
    assert AttributionScanner().scan(ctx, load()).attributions == ()


@pytest.mark.parametrize(
    "text",
    [
        "Retrieval is built with the llama-index package.",
        "The kiosk is built on llama.cpp for speed.",
        "We built with love, not with llamas.",
    ],
)
def test_prose_about_tools_is_no_near_miss(text: str) -> None:
    assert scan("README.md", text) == []


def test_another_verb_before_a_known_brand_is_a_near_miss() -> None:
    assert {t for _, t in scan("a.html", "<p>Powered by Meta Llama 3.1</p>")} == {"Powered by Meta Llama 3.1"}
