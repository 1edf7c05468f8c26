"""The multi-pattern pass: Hyperscan and the plain `re` fallback agree; patterns start with literals."""

from __future__ import annotations

import re

import pytest

from weightclear.discovery import patterns
from weightclear.discovery.text import MultiPattern, hyperscan

SAMPLES = [
    b"nothing to see here\n",
    b'MODEL = "meta-llama/Llama-3.1-8B-Instruct"\n',
    b"FROM gemma2:9b\nqwen2.5 and DeepSeek-R1 and Mixtral-8x7B\n",
    b"phi-3-mini and stable-diffusion-xl, gpt-oss-20b, OLMo-2, nemotron\n",
    "ünïcödé then LLAMA3 at the end".encode(),
]


@pytest.mark.parametrize("data", SAMPLES)
def test_fallback_finds_the_same_patterns(data: bytes) -> None:
    regexes = [a.regex for a in patterns.anchors()]
    fallback = MultiPattern(regexes, use_hyperscan=False)
    assert fallback.engine == "re"
    if hyperscan is None:
        pytest.skip("hyperscan is not installed here")
    assert sorted(MultiPattern(regexes).hits(data)) == sorted(fallback.hits(data))


def test_every_pattern_starts_with_a_literal() -> None:
    # A leading character class defeats literal prefilters (performance notes §4.4).
    for anchor in patterns.anchors():
        assert re.match(r"[a-z0-9@]", anchor.regex), anchor.regex


def test_expand_and_shape() -> None:
    data = b'x = ["bedrock/us.meta.llama3-2-11b-instruct-v1:0", "See Llama 3.2 11B."]'
    start = data.index(b"llama")
    lo, hi = patterns.expand(data, start, start + 5)
    assert patterns.shape(data[lo:hi].decode(), strong=True) == (
        "bedrock/us.meta.llama3-2-11b-instruct-v1:0",
        "bedrock-id",
    )
    prose = data.index(b"Llama 3")
    lo, hi = patterns.expand(data, prose, prose + 5)
    assert data[lo:hi] == b"Llama 3.2 11B"


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("https://huggingface.co/meta-llama/Llama-3.1-8B/tree/main", ("meta-llama/Llama-3.1-8B", "hf-id")),
        ("/models/Meta-Llama-3.1-8B-Instruct", ("Meta-Llama-3.1-8B-Instruct", "model-name")),
        ("models.llama4.args", None),
        ("https://github.com/meta-llama/llama-models", None),
        ("llama", None),
        ("meta.llama3-1-70b-instruct-v1:0", ("meta.llama3-1-70b-instruct-v1:0", "bedrock-id")),
        ("llama3-70b-8192", ("llama3-70b-8192", "groq-id")),
    ],
)
def test_shape(token: str, expected: tuple[str, str] | None) -> None:
    assert patterns.shape(token, strong=True) == expected
