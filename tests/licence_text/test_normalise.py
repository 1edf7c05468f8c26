"""Normalisation properties, and the shipped fingerprints against the corpus they come from."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import CORPUS, REPO, load_script

from weightclear.discovery.licence_fingerprints import RESOURCE
from weightclear.discovery.licence_normalise import normalise, split_sections, words

licence_like = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ019 .,-\n\r\t\\*#_()[]/:@\u2019\u201c\u201d\u00a9\u00e9\u00df\u0130\ufb01")
    ),
    max_size=200,
)


@given(st.text(max_size=300))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(licence_like)
def test_normalise_is_idempotent_on_licence_like_text(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once.isascii()


@given(licence_like)
def test_line_endings_and_wrapping_do_not_change_words(text: str) -> None:
    assert words(text.replace("\n", "\r\n")) == words(text)
    assert words(text.replace(" ", "\n")) == words(text.replace("\n", " ")) or "\\" in text


def test_formatting_variants_normalise_alike() -> None:
    a = "Copyright (c) Meta Platforms, Inc. \u201cAgreement\u201d means the royalty- free licence at https://llama.meta.com/x."
    b = 'Copyright \u00a9 Meta Platforms, Inc.\r\n"Agreement" means the **royalty-free** licence at https://www.llama.com/y'
    assert normalise(a) == normalise(b)
    assert normalise("1\\. License Rights") == normalise("1. License Rights")


def test_sections_are_labelled_hierarchically() -> None:
    text = "TITLE\n\n1. Rights.\n a. Grant.\n b. Use.\n  i. One.\n  ii. Two.\n  v. Five.\n2. Terms.\n"
    assert [s.label for s in split_sections(text)] == [
        "preamble",
        "1",
        "1.a",
        "1.b",
        "1.b.i",
        "1.b.ii",
        "1.b.v",
        "2",
    ]


def _script() -> ModuleType:
    return load_script(REPO / "scripts" / "build_fingerprints.py")


def test_fingerprint_script_reproduces_the_committed_file(corpus: Path) -> None:
    script = _script()
    committed = REPO.joinpath("src", "weightclear", *RESOURCE).read_text(encoding="utf-8")
    assert script.render(script.records(corpus)) == committed


def test_fingerprints_hold_numbers_not_text() -> None:
    document = json.loads(REPO.joinpath("src", "weightclear", *RESOURCE).read_text(encoding="utf-8"))
    strings = []
    for ref in document["references"]:
        strings += [ref["id"], ref["kind"], ref["source"], *(s[0] for s in ref["sections"])]
    # Only ids, kinds, corpus file names and section labels are strings; none is a sentence.
    assert all(len(s.split()) <= 5 for s in strings)
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/licences is not here")
    text = (CORPUS / "llama-3.1" / "LICENSE").read_text(encoding="utf-8")
    dump = json.dumps(document)
    assert "Llama Materials" not in dump and text[200:260] not in dump


def test_shingles_are_the_same_when_the_word_cache_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    from weightclear.discovery import licence_normalise

    tokens = words("Grant of Rights. You are granted a non-exclusive, worldwide licence, zyxwv qwerty.")
    expected = licence_normalise.shingles(tokens)
    monkeypatch.setattr(licence_normalise, "_WORD_HASHES", {})
    monkeypatch.setattr(licence_normalise, "_CACHE_LIMIT", 0)
    assert licence_normalise.shingles(tokens) == expected
    assert licence_normalise._WORD_HASHES == {}
