"""resolve_name: every stack's spelling -> the catalogue model and licence version; decoys are not Llama.

Rows whose expected model is not (yet) in the catalogue are skipped with the reason, so this table keeps
working while the other families' catalogues are written; every Llama row runs.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weightclear.knowledge import KnowledgeBase, load
from weightclear.resolve import resolve_name
from weightclear.resolve_names import normalise, parse

KB = load()
W = "=written"  # the model id is the name as written (a derivative, or a licence-only resolution)

L31_8I = "meta-llama/Llama-3.1-8B-Instruct"
L31_70I = "meta-llama/Llama-3.1-70B-Instruct"
L31_405I = "meta-llama/Llama-3.1-405B-Instruct"
L3_8I = "meta-llama/Meta-Llama-3-8B-Instruct"
L3_70I = "meta-llama/Meta-Llama-3-70B-Instruct"
L32_1I = "meta-llama/Llama-3.2-1B-Instruct"
L32_3I = "meta-llama/Llama-3.2-3B-Instruct"
L32_11V = "meta-llama/Llama-3.2-11B-Vision-Instruct"
L32_90V = "meta-llama/Llama-3.2-90B-Vision-Instruct"
L33 = "meta-llama/Llama-3.3-70B-Instruct"
SCOUT = "meta-llama/Llama-4-Scout-17B-16E-Instruct"
MAVERICK = "meta-llama/Llama-4-Maverick-17B-128E-Instruct"
L2_7C = "meta-llama/Llama-2-7b-chat-hf"
L2_70C = "meta-llama/Llama-2-70b-chat-hf"

# (written, expected model id, expected licence id)
ROWS: list[tuple[str, str, str]] = [
    # Hugging Face ids, old and new repo names, case
    (L31_8I, L31_8I, "llama-3.1"),
    ("meta-llama/Meta-Llama-3.1-8B-Instruct", L31_8I, "llama-3.1"),
    ("Llama-3.1-8B-Instruct", L31_8I, "llama-3.1"),
    ("meta-llama/llama-3.1-8b-instruct", L31_8I, "llama-3.1"),
    ("meta-llama/Llama-3.1-8B", "meta-llama/Llama-3.1-8B", "llama-3.1"),
    ("meta-llama/Meta-Llama-3-8B", "meta-llama/Meta-Llama-3-8B", "llama-3"),
    ("meta-llama/Meta-Llama-3-70B-Instruct", L3_70I, "llama-3"),
    ("meta-llama/Llama-2-7b-chat-hf", L2_7C, "llama-2"),
    ("meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-7b-hf", "llama-2"),
    ("meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-1B", "llama-3.2"),
    ("meta-llama/Llama-3.2-11B-Vision-Instruct", L32_11V, "llama-3.2"),
    ("meta-llama/Llama-3.3-70B-Instruct", L33, "llama-3.3"),
    ("meta-llama/Llama-4-Scout-17B-16E-Instruct", SCOUT, "llama-4"),
    (
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
        "llama-4",
    ),
    ("meta-llama/Llama-Guard-3-8B", "meta-llama/Llama-Guard-3-8B", "llama-3.1"),
    ("codellama/CodeLlama-34b-Instruct-hf", "codellama/CodeLlama-34b-Instruct-hf", "llama-2"),
    # version spellings: 3.1, 3-1, 3_1, v3p1, 3p1, no separator, Meta- prefix, spaces
    ("Llama 3.1 8B Instruct", L31_8I, "llama-3.1"),
    ("llama-3-1-8b-instruct", L31_8I, "llama-3.1"),
    ("LLAMA_3_1_8B_INSTRUCT", L31_8I, "llama-3.1"),
    ("llama-v3p1-8b-instruct", L31_8I, "llama-3.1"),
    ("llama-3p1-70b-instruct", L31_70I, "llama-3.1"),
    ("llama3.1-8b-instruct", L31_8I, "llama-3.1"),
    ("Meta-Llama-3.1-70B-Instruct", L31_70I, "llama-3.1"),
    ("llama 3 1 70b instruct", L31_70I, "llama-3.1"),
    # Ollama tags, with and without size, :latest, vision, guard, code
    ("llama3.1:8b", L31_8I, "llama-3.1"),
    ("llama3.1", L31_8I, "llama-3.1"),
    ("llama3.1:latest", L31_8I, "llama-3.1"),
    ("llama3.1:70b-instruct-q4_K_M", L31_70I, "llama-3.1"),
    ("llama3.2", L32_3I, "llama-3.2"),
    ("llama3.2:1b", L32_1I, "llama-3.2"),
    ("llama3.2-vision", L32_11V, "llama-3.2"),
    ("llama3.2-vision:90b", L32_90V, "llama-3.2"),
    ("llama3.3", L33, "llama-3.3"),
    ("llama3:70b", L3_70I, "llama-3"),
    ("llama3", L3_8I, "llama-3"),
    ("llama2", L2_7C, "llama-2"),
    ("llama4:scout", SCOUT, "llama-4"),
    ("llama-guard3:8b", "meta-llama/Llama-Guard-3-8B", "llama-3.1"),
    ("codellama:7b", "codellama/CodeLlama-7b-Instruct-hf", "llama-2"),
    ("ollama/llama3.3:latest", L33, "llama-3.3"),
    ("hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q8_0", L32_3I, "llama-3.2"),
    # AWS Bedrock, with region profiles; Llama 4 without the expert count
    ("meta.llama3-1-8b-instruct-v1:0", L31_8I, "llama-3.1"),
    ("meta.llama3-8b-instruct-v1:0", L3_8I, "llama-3"),
    ("us.meta.llama3-2-11b-instruct-v1:0", L32_11V, "llama-3.2"),
    ("eu.meta.llama3-2-1b-instruct-v1:0", L32_1I, "llama-3.2"),
    ("apac.meta.llama3-3-70b-instruct-v1:0", L33, "llama-3.3"),
    ("meta.llama4-scout-17b-instruct-v1:0", SCOUT, "llama-4"),
    ("us.meta.llama4-maverick-17b-instruct-v1:0", MAVERICK, "llama-4"),
    ("bedrock/meta.llama3-1-70b-instruct-v1:0", L31_70I, "llama-3.1"),
    ("bedrock/us.meta.llama3-3-70b-instruct-v1:0", L33, "llama-3.3"),
    # Azure, Vertex, Cloudflare, Together, Groq, Fireworks, OpenRouter, Databricks, LiteLLM prefixes
    ("azure_ai/Meta-Llama-3.1-405B-Instruct", L31_405I, "llama-3.1"),
    ("azure_ai/Llama-3.2-11B-Vision-Instruct", L32_11V, "llama-3.2"),
    ("vertex_ai/meta/llama-3.3-70b-instruct-maas", L33, "llama-3.3"),
    ("meta/llama-3.2-90b-vision-instruct-maas", L32_90V, "llama-3.2"),
    ("meta/llama-4-maverick-17b-128e-instruct-maas", MAVERICK, "llama-4"),
    ("publishers/meta/models/llama-3.1-70b-instruct-maas", L31_70I, "llama-3.1"),
    ("@cf/meta/llama-3.1-8b-instruct", L31_8I, "llama-3.1"),
    ("@cf/meta/llama-3.1-8b-instruct-fp8-fast", L31_8I, "llama-3.1"),
    ("@cf/meta/llama-3.3-70b-instruct-fp8-fast", L33, "llama-3.3"),
    ("@cf/meta/llama-4-scout-17b-16e-instruct", SCOUT, "llama-4"),
    ("together_ai/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", L31_8I, "llama-3.1"),
    ("meta-llama/Llama-3.3-70B-Instruct-Turbo-Free", L33, "llama-3.3"),
    ("meta-llama/Llama-3-70b-chat-hf", L3_70I, "llama-3"),
    ("meta-llama/Llama-2-70b-chat-hf", L2_70C, "llama-2"),
    ("groq/llama-3.3-70b-versatile", L33, "llama-3.3"),
    ("llama-3.1-8b-instant", L31_8I, "llama-3.1"),
    ("llama3-70b-8192", L3_70I, "llama-3"),
    ("llama2-70b-4096", L2_70C, "llama-2"),
    ("meta-llama/llama-4-scout-17b-16e-instruct", SCOUT, "llama-4"),
    ("accounts/fireworks/models/llama-v3p1-405b-instruct", L31_405I, "llama-3.1"),
    ("fireworks_ai/accounts/fireworks/models/llama-v3p2-11b-vision-instruct", L32_11V, "llama-3.2"),
    ("accounts/fireworks/models/llama4-scout-instruct-basic", SCOUT, "llama-4"),
    ("accounts/fireworks/models/llama-v2-7b-chat", L2_7C, "llama-2"),
    ("openrouter/meta-llama/llama-3.1-8b-instruct:free", L31_8I, "llama-3.1"),
    ("meta-llama/llama-3.3-70b-instruct", L33, "llama-3.3"),
    ("databricks-meta-llama-3-1-405b-instruct", L31_405I, "llama-3.1"),
    ("databricks-meta-llama-3-3-70b-instruct", L33, "llama-3.3"),
    ("databricks-llama-4-maverick", MAVERICK, "llama-4"),
    ("huggingface/meta-llama/Llama-3.1-8B-Instruct", L31_8I, "llama-3.1"),
    # quantisations and re-uploads: the same weights, so the same catalogue model
    ("bartowski/Llama-3.2-1B-Instruct-GGUF", L32_1I, "llama-3.2"),
    ("lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF", L31_8I, "llama-3.1"),
    ("Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", L31_8I, "llama-3.1"),
    ("Meta-Llama-3.1-8B-Instruct.Q4_K_S.gguf", L31_8I, "llama-3.1"),
    ("Llama-3.3-70B-Instruct-Q4_K_M-00001-of-00002.gguf", L33, "llama-3.3"),
    ("mlx-community/Meta-Llama-3.1-8B-Instruct-4bit", L31_8I, "llama-3.1"),
    ("unsloth/Llama-3.2-1B-Instruct-bnb-4bit", L32_1I, "llama-3.2"),
    ("TheBloke/Llama-2-7B-Chat-GGUF", L2_7C, "llama-2"),
    ("TheBloke/Llama-2-7B-Chat-AWQ", L2_7C, "llama-2"),
    ("TheBloke/Llama-2-7B-Chat-GPTQ", L2_7C, "llama-2"),
    ("hugging-quants/Meta-Llama-3.1-70B-Instruct-AWQ-INT4", L31_70I, "llama-3.1"),
    # derivatives: the written name, the base's licence
    ("NousResearch/Hermes-2-Pro-Llama-3-8B", W, "llama-3"),
    ("Hermes-2-Pro-Llama-3-8B-F16.gguf", W, "llama-3"),
    ("nvidia/Llama-3.1-Nemotron-70B-Instruct-HF", W, "llama-3.1"),
    ("huihui-ai/Llama-3.3-70B-Instruct-abliterated", W, "llama-3.3"),
    ("acme/Llama-3.1-Acme-Support-8B", W, "llama-3.1"),
    # family and version clear, size unknown: the licence version anyway
    ("meta-llama/Llama-3.1-13B", W, "llama-3.1"),
    ("Llama 3.1", W, "llama-3.1"),
    ("Llama 4", W, "llama-4"),
    # other families: Gemma, Qwen, DeepSeek, Mistral, Falcon, Phi, gpt-oss, OLMo, Stability, BigCode, NVIDIA
    ("TinyLlama/TinyLlama-1.1B-Chat-v1.0", "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "apache-2.0"),
    ("TinyLlama-1.1B-Chat-v1.0.Q4_K_M.gguf", "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "apache-2.0"),
    ("openlm-research/open_llama_13b", "openlm-research/open_llama_13b", "apache-2.0"),
    ("google/gemma-2-9b-it", "google/gemma-2-9b-it", "gemma"),
    ("google/gemma-3n-E2B-it", W, "gemma"),  # not catalogued; every Google Gemma model is under gemma
    ("gemma2:9b", "google/gemma-2-9b-it", "gemma"),
    ("gemma3:27b", "google/gemma-3-27b-it", "gemma"),
    ("gemma-2-2b-it-Q4_K_M.gguf", "google/gemma-2-2b-it", "gemma"),
    ("bartowski/gemma-2-9b-it-GGUF", "google/gemma-2-9b-it", "gemma"),
    ("vertex_ai/gemma-2-9b-it", "google/gemma-2-9b-it", "gemma"),
    ("Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct", ""),
    ("qwen2.5:7b", "Qwen/Qwen2.5-7B-Instruct", ""),
    ("Qwen/Qwen2.5-3B-Instruct", "Qwen/Qwen2.5-3B-Instruct", "qwen-research"),
    ("accounts/fireworks/models/qwen2p5-72b-instruct", "Qwen/Qwen2.5-72B-Instruct", "qwen"),
    ("qwen2.5-coder:7b", "Qwen/Qwen2.5-Coder-7B-Instruct", ""),
    ("qwen3:8b", "Qwen/Qwen3-8B", ""),
    ("huihui-ai/Qwen2.5-7B-Instruct-abliterated-GGUF", W, "apache-2.0"),
    ("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", ""),
    ("deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V3", ""),
    ("deepseek-v3", "deepseek-ai/DeepSeek-V3", ""),
    ("together_ai/deepseek-ai/DeepSeek-R1", "deepseek-ai/DeepSeek-R1", ""),
    ("mistralai/Mistral-7B-Instruct-v0.3", "mistralai/Mistral-7B-Instruct-v0.3", "apache-2.0"),
    ("mixtral:8x7b", "mistralai/Mixtral-8x7B-Instruct-v0.1", "apache-2.0"),
    ("mistralai/Mistral-Large-Instruct-2407", "mistralai/Mistral-Large-Instruct-2407", "mistral-research"),
    ("mistral-large:123b", "mistralai/Mistral-Large-Instruct-2411", "mistral-research"),
    ("ministral-3:8b", "mistralai/Ministral-3-8B-Instruct-2512", "apache-2.0"),
    ("mistralai/Codestral-22B-v0.1", "mistralai/Codestral-22B-v0.1", "mistral-non-production"),
    ("tiiuae/falcon-7b", "tiiuae/falcon-7b", "apache-2.0"),
    ("falcon2:11b", "tiiuae/falcon-11B", "falcon-2"),
    ("tiiuae/Falcon3-7B-Instruct", "tiiuae/Falcon3-7B-Instruct", "falcon-3"),
    ("falcon3:7b", "tiiuae/Falcon3-7B-Instruct", "falcon-3"),
    ("phi3:mini", "microsoft/Phi-3-mini-4k-instruct", "mit"),
    ("phi4", "microsoft/phi-4", "mit"),
    ("gpt-oss:20b", "openai/gpt-oss-20b", "gpt-oss"),
    ("allenai/OLMo-2-1124-7B", "allenai/OLMo-2-1124-7B", "apache-2.0"),
    (
        "stable-diffusion-v1-5/stable-diffusion-v1-5",
        "runwayml/stable-diffusion-v1-5",
        "creativeml-openrail-m",
    ),
    ("stabilityai/stable-diffusion-xl-base-1.0", "stabilityai/stable-diffusion-xl-base-1.0", ""),
    ("sd-turbo", "stabilityai/sd-turbo", ""),
    ("stabilityai/stable-diffusion-3.5-large-turbo", "stabilityai/stable-diffusion-3.5-large-turbo", ""),
    ("starcoder2:15b", "bigcode/starcoder2-15b", "bigcode-openrail-m"),
    ("bigscience/bloom", "bigscience/bloom", "bigscience-rail-1.0"),
    ("nvidia/Nemotron-4-340B-Instruct", "nvidia/Nemotron-4-340B-Instruct", ""),
]


def _needs(model_id: str, kb: KnowledgeBase) -> None:
    base = model_id if model_id != W else None
    if base is not None and base not in kb.models:
        pytest.skip(f"catalogue has no {base} yet")


@pytest.mark.parametrize(("text", "model_id", "licence"), ROWS, ids=[r[0] for r in ROWS])
def test_spelling_resolves(text: str, model_id: str, licence: str) -> None:
    _needs(model_id, KB)
    found = resolve_name(text, KB)
    assert found.model_id == (text if model_id == W else model_id), found.reason
    expected_licence = licence or KB.models[model_id].licence  # "" only on catalogue rows: its own licence
    assert found.licence_id == expected_licence, found.reason
    assert found.reason and "\n" not in found.reason


def test_the_table_is_large_and_covers_every_stack() -> None:
    assert len(ROWS) >= 80
    texts = " ".join(r[0] for r in ROWS)
    markers = "bedrock/ azure_ai/ vertex_ai/ @cf/ together_ai/ groq/ fireworks openrouter/ databricks- hf.co/"
    markers += " ollama/ us. eu. apac. .gguf -GGUF AWQ GPTQ 4bit"
    for marker in markers.split():
        assert marker in texts, marker


def test_derivatives_show_their_base() -> None:
    found = resolve_name("NousResearch/Hermes-2-Pro-Llama-3-8B", KB)
    assert found.lineage[0] == "meta-llama/Meta-Llama-3-8B"
    assert found.family == "llama"
    nemotron = resolve_name("nvidia/Llama-3.1-Nemotron-70B-Instruct-HF", KB)
    assert nemotron.lineage[0] == L31_70I
    assert "nemotron" in nemotron.reason


def test_catalogue_lineage_of_a_distill() -> None:
    _needs("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", KB)
    found = resolve_name("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", KB)
    assert "meta-llama/Llama-3.1-8B" in found.lineage


def test_unknown_size_keeps_the_written_name_and_says_why() -> None:
    found = resolve_name("meta-llama/Llama-3.1-13B", KB)
    assert (found.model_id, found.licence_id) == ("meta-llama/Llama-3.1-13B", "llama-3.1")
    assert "13b" in found.reason


def test_modality_follows_the_model() -> None:
    assert resolve_name("llama3.2-vision", KB).modality.value == "vision"  # type: ignore[union-attr]
    assert resolve_name("llama3.2:3b", KB).modality.value == "text"  # type: ignore[union-attr]
    assert resolve_name("llama4:scout", KB).modality.value == "multimodal"  # type: ignore[union-attr]


DECOYS = [
    "llama", "Llama", "llama-index", "llama_index", "LlamaIndex", "llamafile", "llama.cpp",
    "llama-cpp-python",
    "ollama", "llama-stack", "llama-foo", "llama 5", "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "tinyllama",
    "openlm-research/open_llama_7b", "open_llama_3b_v2", "my-model", "bert-base-uncased", "",
    "huggyllama/llama-7b", "llama-13b",  # the original LLaMA (no version written), never Llama 2
]  # fmt: skip


@pytest.mark.parametrize("text", DECOYS)
def test_decoys_are_never_meta_llama(text: str) -> None:
    found = resolve_name(text, KB)
    assert found.family != "llama" or found.licence_id is None, found
    assert not (found.licence_id or "").startswith("llama"), found.reason


def test_tinyllama_and_openllama_resolve_to_their_own_entries_when_catalogued() -> None:
    for text, model_id in [
        ("tinyllama", "TinyLlama/TinyLlama-1.1B-Chat-v1.0"),
        ("open_llama_7b", "openlm-research/open_llama_7b"),
    ]:
        _needs(model_id, KB)
        assert resolve_name(text, KB).licence_id == KB.models[model_id].licence


def _variants(model_id: str) -> st.SearchStrategy[str]:
    """Case flips, and '-' rewritten as '_' or ' ' anywhere: spellings of the same id."""
    parts = re.split(r"(-)", model_id)
    seps = st.lists(st.sampled_from(["-", "_", " "]), min_size=parts.count("-"), max_size=parts.count("-"))
    flips = st.lists(st.booleans(), min_size=len(model_id), max_size=len(model_id))

    def build(sep: list[str], flip: list[bool]) -> str:
        it = iter(sep)
        text = "".join(next(it) if p == "-" else p for p in parts)
        return "".join(c.upper() if f else c.lower() for c, f in zip(text, flip, strict=False))

    return st.builds(build, seps, flips)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_separator_and_case_variants_resolve_to_the_same_model(data: st.DataObject) -> None:
    model_id = data.draw(st.sampled_from(sorted(KB.models)))
    text = data.draw(_variants(model_id))
    assert resolve_name(text, KB).model_id == model_id, text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("meta.llama3-1-8b-instruct-v1:0", "llama 3.1 8b instruct"),
        ("Meta-Llama-3.1-8B-Instruct.Q4_K_S.gguf", "llama 3.1 8b instruct"),
        ("accounts/fireworks/models/qwen2p5-72b-instruct", "qwen 2.5 72b instruct"),
        ("code-llama-34b-instruct", "codellama 34b instruct"),
        ("Llama-4-Maverick-17B-128E-Instruct-FP8", "llama 4 maverick 17b 128e instruct"),
        ("mistralai/Mistral-7B-Instruct-v0.3", "mistral 7b instruct 0.3"),
    ],
)
def test_normalise_keys(text: str, key: str) -> None:
    assert normalise(text).key == key


def test_parse_reads_moe_sizes_from_the_catalogue_field() -> None:
    parsed = parse(("llama", "4", "scout", "instruct"), None, "17b-16e")
    assert parsed is not None and (parsed.size, parsed.experts, parsed.instruct) == ("17b", "16e", True)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_resolves_without_raising(text: str) -> None:
    found = resolve_name(text, KB)
    assert found.text == text
