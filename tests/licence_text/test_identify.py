"""Identification of the reference texts, as shipped and as people reformat, paste and edit them."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import CORPUS, corpus_files

from weightclear.discovery.licence_text import identify_file, identify_text, is_licence_candidate

ALIASES = {"code-llama": "llama-2"}
POLICY = re.compile(r"use.?polic|acceptable|prohibited|usage.?polic|-pup-", re.IGNORECASE)
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/licences is not here")


def expected(path: Path) -> tuple[str, str]:
    """The id and kind a corpus file must identify as (its folder, kind from its name)."""
    folder = path.parent.name
    kind = "use-policy" if POLICY.search(path.name) or folder == "gemma-prohibited-use" else "agreement"
    return ALIASES.get(folder, folder), kind


def pairs(text: str) -> set[tuple[str, str]]:
    return {(f.licence_id, f.kind.value) for f in identify_text(text)}


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_file_identifies_as_its_id_and_kind(path: Path) -> None:
    found = identify_file(path, path.name)
    assert (found[0].licence_id, found[0].kind.value) == expected(path) or expected(path) in {
        (f.licence_id, f.kind.value) for f in found
    }
    assert {f.licence_id for f in found} == {expected(path)[0]}
    assert all(f.modified_sections == () for f in found)


@needs_corpus
def test_llama_3_licence_reports_agreement_and_appended_policy() -> None:
    found = identify_text((CORPUS / "llama-3" / "LICENSE").read_text(encoding="utf-8"))
    assert [(f.licence_id, f.kind.value) for f in found] == [
        ("llama-3", "agreement"),
        ("llama-3", "use-policy"),
    ]


# --- formatting changes, generated from the corpus texts -------------------------------------------


def rewrap(text: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), width=47, break_long_words=False, break_on_hyphens=False)
        for p in paragraphs
    )


def smart_quotes(text: str) -> str:
    text = re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", text)
    return text.replace("'", "\u2019")


def plain_quotes(text: str) -> str:
    for smart, ascii_quote in (("\u201c", '"'), ("\u201d", '"'), ("\u2019", "'"), ("\u2018", "'")):
        text = text.replace(smart, ascii_quote)
    return text


def copyright_sign(text: str) -> str:
    return text.replace("(c)", "\u00a9") if "(c)" in text else text.replace("\u00a9", "(c)")


def markdown(text: str) -> str:
    lines = text.splitlines()
    out = [f"# {lines[0]}"] if lines else []
    for line in lines[1:]:
        line = re.sub(r"^(\s*)(\d+)\. ", r"\1**\2\\.** ", line)
        out.append(re.sub(r"^(\s*)([a-z])\. ", r"\1* **\2.** ", line))
    return "\n".join(out)


def plain(text: str) -> str:
    text = text.replace("**", "").replace("\\.", ".").replace("\\_", "_")
    return re.sub(r"^#+ ", "", text, flags=re.MULTILINE)


def swap_urls(text: str) -> str:
    swaps = {
        "https://llama.meta.com/": "https://www.llama.com/",
        "https://ai.meta.com/": "https://llama.com/",
    }
    if not any(old in text for old in swaps):
        swaps = {v: k for k, v in swaps.items()}
    for old, new in swaps.items():
        text = text.replace(old, new)
    return text


def header_footer(text: str) -> str:
    header = "Acme Robotics redistributes this model. Its licence terms follow below, unchanged.\n\n"
    footer = "\n\n---\nQuestions about this copy: legal@acme.example. Last checked 2025-01-07.\n"
    return header + text + footer


def card_front_matter(text: str) -> str:
    # As on a gated model page: the whole text inside `extra_gated_prompt`, a JSON/YAML escaped string.
    prompt = json.dumps(text)
    front = f"---\nlicense: other\nextra_gated_prompt: {prompt}\nextra_gated_button_content: Submit\n---\n"
    return front + "\n# Model\n"


def card_block_scalar(text: str) -> str:
    body = textwrap.indent(text, "  ")
    return f"---\nlicense: other\nextra_gated_prompt: |\n{body}\n---\n# Model\n\nA small model.\n"


def card_body(text: str) -> str:
    front = "---\nlicense: other\nlanguage: [en]\n---\n"
    return f"{front}# Acme-8B\n\nA fine-tune for support answers.\n\n## Licence\n\n{text}\n"


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "rewrap": rewrap,
    "crlf": lambda t: t.replace("\r\n", "\n").replace("\n", "\r\n"),
    "smart-quotes": smart_quotes,
    "plain-quotes": plain_quotes,
    "copyright-sign": copyright_sign,
    "markdown": markdown,
    "plain": plain,
    "urls": swap_urls,
    "header-footer": header_footer,
    "card-front-matter": card_front_matter,
    "card-block-scalar": card_block_scalar,
    "card-body": card_body,
}
SAMPLES = [
    "llama-2/LICENSE",
    "llama-2/LICENSE.variant-PurpleLlama-Llama-Guard",
    "llama-2/USE_POLICY.md",
    "llama-3/LICENSE",
    "llama-3.1/LICENSE",
    "llama-3.2/LICENSE",
    "llama-3.3/LICENSE",
    "llama-3.2/USE_POLICY.md",
    "llama-3.3/USE_POLICY.md",
    "llama-4/LICENSE",
    "llama-4/USE_POLICY.md",
    "gemma/gemma-tou-2024-04-01.LICENSE",
    "deepseek/LICENSE-MODEL",
    "qwen/qwen-2024.LICENSE",
]


@needs_corpus
@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
@pytest.mark.parametrize("sample", SAMPLES)
def test_formatting_changes_keep_the_identification(sample: str, transform: str) -> None:
    text = (CORPUS / sample).read_text(encoding="utf-8")
    changed = TRANSFORMS[transform](text)
    assert changed != text or transform in ("copyright-sign", "urls", "plain", "plain-quotes", "smart-quotes")
    found = identify_text(changed)
    assert {(f.licence_id, f.kind.value) for f in found} == pairs(text)
    assert [f.modified_sections for f in found] == [() for _ in found]


@needs_corpus
def test_llama_versions_3_1_to_3_3_are_told_apart_inside_model_cards() -> None:
    for version in ("llama-3.1", "llama-3.2", "llama-3.3"):
        card = card_front_matter((CORPUS / version / "LICENSE").read_text(encoding="utf-8"))
        assert pairs(card) == {(version, "agreement")}


# --- edited clauses ----------------------------------------------------------------------------------


@needs_corpus
def test_edited_clause_1bv_of_llama_3_is_reported() -> None:
    text = (CORPUS / "llama-3" / "LICENSE").read_text(encoding="utf-8")
    sentence = (
        "You will not use the Llama Materials or any output or results of the Llama Materials to improve"
    )
    assert sentence in text
    edited = text.replace(
        sentence, "You may use the Llama Materials or any output or results of the Llama Materials to improve"
    )
    found = identify_text(edited)
    agreement = next(f for f in found if f.kind.value == "agreement")
    assert agreement.licence_id == "llama-3"
    assert agreement.modified_sections == ("1.b.v",)
    assert next(f for f in found if f.kind.value == "use-policy").modified_sections == ()


@needs_corpus
def test_edited_section_2_of_llama_3_1_is_reported() -> None:
    text = (CORPUS / "llama-3.1" / "LICENSE").read_text(encoding="utf-8")
    assert "700 million monthly active users" in text
    edited = text.replace("700 million monthly active users", "7 billion monthly active users")
    [found] = identify_text(edited)
    assert found.licence_id == "llama-3.1"
    assert found.modified_sections == ("2",)
    assert found.confidence < 1.0


@needs_corpus
def test_inserted_sentence_is_reported_on_the_section_before_it() -> None:
    text = (CORPUS / "llama-3.2" / "LICENSE").read_text(encoding="utf-8")
    marker = "3. Disclaimer of Warranty."
    assert marker in text
    edited = text.replace(marker, "Licensee may also sublicense the Llama Materials to anyone.\n\n" + marker)
    [found] = identify_text(edited)
    assert found.licence_id == "llama-3.2"
    assert found.modified_sections == ("2",)


# --- texts that are not model licences ----------------------------------------------------------------


def installed_licences() -> list[Path]:
    import sysconfig

    site = Path(sysconfig.get_paths()["purelib"])
    return sorted(
        p for p in site.glob("*.dist-info/**/*") if p.is_file() and re.match(r"(LICEN[CS]E|COPYING)", p.name)
    )[:60]


@pytest.mark.parametrize("path", installed_licences(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_open_source_licences_are_not_taken_for_model_licences(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert pairs(text) <= {("unknown", "agreement"), ("unknown", "use-policy")}


def test_random_prose_is_unknown() -> None:
    import random

    rng = random.Random(7)
    vocab = [
        "the",
        "licence",
        "model",
        "use",
        "you",
        "may",
        "not",
        "shall",
        "agreement",
        "meta",
        "llama",
        "data",
        "any",
        "terms",
        "rights",
        "grant",
        "policy",
        "distribute",
        "derivative",
        "works",
        "copy",
        "notice",
    ]
    for _ in range(20):
        text = " ".join(rng.choice(vocab) for _ in range(rng.randint(5, 800)))
        assert [f.licence_id for f in identify_text(text)] == ["unknown"]
    assert [f.licence_id for f in identify_text("")] == ["unknown"]


@needs_corpus
def test_a_fragment_is_not_forced_into_a_match() -> None:
    text = (CORPUS / "llama-3.1" / "LICENSE").read_text(encoding="utf-8")
    assert [f.licence_id for f in identify_text(text[: len(text) // 3])] == ["unknown"]


def test_code_llama_pointer_files_identify_as_llama_2(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/licences is not here")
    for name, kind in (("LICENSE", "agreement"), ("USE_POLICY.md", "use-policy")):
        [found] = identify_file(CORPUS / "code-llama" / name, name)
        assert (found.licence_id, found.kind.value) == ("llama-2", kind)
    other = tmp_path / "LICENSE"
    other.write_text("Please refer to license: https://github.com/acme/thing/blob/main/LICENSE\n")
    assert [f.licence_id for f in identify_file(other, "LICENSE")] == ["unknown"]


@pytest.mark.parametrize(
    ("name", "candidate"),
    [
        ("LICENSE", True),
        ("LICENCE.txt", True),
        ("LICENSE-MODEL", True),
        ("COPYING", True),
        ("USE_POLICY.md", True),
        ("Llama-Acceptable-Use-Policy.txt", True),
        ("USAGE_POLICY", True),
        ("README.md", True),
        ("NOTICE", False),
        ("license.py", False),
        ("licence_text.json", False),
        ("main.py", False),
    ],
)
def test_licence_candidates_by_name(name: str, candidate: bool) -> None:
    assert is_licence_candidate(name) is candidate


def test_model_card_without_licence_or_front_matter_gives_nothing(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text("# A project\n\nNothing about licences here.\n")
    assert identify_file(card, "README.md") == []
    card.write_text("---\nlicense: apache-2.0\n---\n# A model\n")
    assert identify_file(card, "README.md") == []
    assert identify_file(tmp_path / "missing", "missing") == []
