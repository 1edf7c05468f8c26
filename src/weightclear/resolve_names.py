"""Spelling rules for model names: how every stack writes the same model.

This module knows *how names are written* (provider prefixes, region
profiles, serving and quantisation suffixes, version spellings such as
``3.1`` / ``3-1`` / ``3_1`` / ``v3p1`` / ``llama3.1``); it knows nothing about
which models exist. Model facts (ids, sizes, versions, aliases, licences) come
from the catalogue in the knowledge base; ``weightclear.resolve`` puts the two
together. Both a written name and every catalogue id go through the same
:func:`normalise`, so the catalogue and the code never drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Client-library and cloud prefixes in front of a model id (LiteLLM, Cloudflare, Fireworks, Vertex...).
PROVIDER_PREFIXES: tuple[str, ...] = (
    "bedrock/converse/", "bedrock/", "azure_ai/", "azure/", "vertex_ai/", "vertex_ai_beta/", "groq/",
    "together_ai/", "together/", "fireworks_ai/", "openrouter/", "ollama_chat/", "ollama_cloud/", "ollama/",
    "hf.co/", "huggingface.co/", "huggingface/", "@cf/", "@hf/", "cloudflare/", "workers_ai/",
    "accounts/fireworks/models/", "databricks/", "databricks-", "deepinfra/", "replicate/", "anyscale/",
    "sagemaker/", "nvidia_nim/", "watsonx/", "lm_studio/", "hosted_vllm/", "hf-inference-providers/",
    "dashscope-", "volcengine-",
)  # fmt: skip
_ENDPOINT_SUFFIX = re.compile(r"(?<=[\w.-])@[\w.-]+$")
_VERTEX_RESOURCE = re.compile(r"^(?:projects/[^/]+/locations/[^/]+/)?publishers/([^/]+)/models/")
# Bedrock cross-region inference profiles, then the vendor namespace (meta.llama3-1-8b-instruct-v1:0).
_REGION = re.compile(r"^(?:us|eu|apac|us-gov|ca|jp|au|global)\.")
_VENDOR_NAMESPACE = re.compile(
    r"^(?:meta|mistral|deepseek|qwen|google|nvidia|openai|stability|tii)\.(?=[a-z])"
)
_BEDROCK_VERSION = re.compile(r"-v\d+(?::\d+)?$")
_OLLAMA_HOSTS = re.compile(r"^registry\.ollama\.ai/(?:library/)?")
_EXTENSION = re.compile(r"\.(?:gguf|safetensors|bin|pt|pth|onnx|ggml|llamafile|tar|tar\.gz|tgz|zip)$")
_SHARD = re.compile(r"[-_.](?:\d{5}-of-\d{5}|part\d+of\d+)$")

# Quantisation and packaging markers: they change the file, not the model or its licence.
_QUANT = (
    r"i?q\d(?:_[a-z0-9]{1,3})*|f16|f32|bf16|fp16|fp8|fp4|mxfp4|nvfp4|int4|int8|awq|gptq|gguf\d?|ggml(?:v?\d)?|exl2|"
    r"mlx|bnb|nf4|"
    r"\d+bit|\d+(?:\.\d+)?bpw|w\d+a\d+|imatrix|i1|dynamic|unsloth|ct2|onnx|qat|hqq|eetq|marlin|gptq-int[48]"
)
_QUANT_RE = re.compile(rf"(?:(?<=[-_.:\s])|^)(?:{_QUANT})(?=$|[-_.:\s])")
# Serving-stack decorations (Together, Groq, Cloudflare, Vertex, OpenRouter, Fireworks, Ollama and its
# cloud models: `gpt-oss:120b-cloud`).
SERVING_TOKENS = frozenset(
    {"hf", "turbo", "fast", "versatile", "instant", "maas", "free", "basic", "latest", "serverless", "cloud"}
)
# Context lengths that older Groq ids append (llama3-70b-8192); dates such as 2407 are kept.
CONTEXT_TOKENS = frozenset({"2048", "4096", "8192", "16384", "32768", "65536", "131072"})
# A provider's snapshot stamp written year, month and day (Volcengine's `deepseek-r1-250120`): model
# makers date their own releases by month and day or year and month (`0528`, `2411`), never so. Dropped
# here; `resolve.resolve_name` reads it as its month and day where the catalogue has a release of that day.
SNAPSHOT_STAMP = re.compile(r"2[3-9]((?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))")  # YYMMDD; group 1: MMDD
INSTRUCT_TOKENS = frozenset({"instruct", "chat", "it"})
# Names written as one word where the catalogue writes two (Tabby's registry: DeepSeekCoder-1.3B).
_SPLIT = {
    "deepseekcoder": ("deepseek", "coder"),
    "deepseekmath": ("deepseek", "math"),
    "sd": ("stable", "diffusion"),  # SD3, SD 3.5, SD1.5: Stable Diffusion's short name
}
# Names written as two words on some stacks and one on others.
_JOINED = {
    ("code", "llama"): "codellama",
    ("open", "llama"): "openllama",
    ("tiny", "llama"): "tinyllama",
    # Mistral's platform prefixes its open-weights models with `open-` (open-mixtral-8x22b, open-mistral-7b)
    ("open", "mistral"): "mistral",
    ("open", "mixtral"): "mixtral",
    # NVIDIA's first API catalogue prefixed its ids with `ai-` (ai-mixtral-8x7b-instruct, ai-llama3-70b)
    ("ai", "mixtral"): "mixtral",
    ("ai", "llama"): "llama",
    ("ai", "codellama"): "codellama",
    ("ai", "gemma"): "gemma",
}
_MOE_SIZE = re.compile(r"^\d+x\d+b$")

# Things that contain "llama" (or "ollama") and are not models at all: libraries, runtimes, tools.
NOT_MODELS: dict[str, str] = {
    "llama": "the word alone names no model (and is also an animal)",
    "llama-index": "LlamaIndex is a data framework",
    "llama_index": "LlamaIndex is a data framework",
    "llamaindex": "LlamaIndex is a data framework",
    "llama-index-core": "LlamaIndex is a data framework",
    "llama.cpp": "llama.cpp is an inference runtime",
    "llama-cpp": "llama.cpp is an inference runtime",
    "llama_cpp": "llama.cpp is an inference runtime",
    "llama-cpp-python": "llama-cpp-python is an inference library",
    "llamacpp": "llama.cpp is an inference runtime",
    "llamafile": "llamafile is a runtime packaging format",
    "ollama": "Ollama is a model runner",
    "llama-stack": "Llama Stack is a framework",
    "llama_stack": "Llama Stack is a framework",
    "llama-recipes": "llama-recipes is a code repository",
    "llama-models": "llama-models is a code repository",
}

# Ollama's library: a tag without a size (or `:latest`) means the default tag of that name. This is how
# Ollama spells names, kept here because no catalogue id could carry it (the catalogue's llama.yaml says so).
OLLAMA_DEFAULT_TAGS: dict[str, str] = {
    "llama2": "7b", "llama3": "8b", "llama3.1": "8b", "llama3.2": "3b", "llama3.2-vision": "11b",
    "llama3.3": "70b", "llama4": "scout", "codellama": "7b", "llama-guard3": "8b", "gemma": "7b",
    "gemma2": "9b", "gemma3": "4b", "qwen2": "7b", "qwen2.5": "7b", "mistral": "7b", "mixtral": "8x7b",
    "tinyllama": "1.1b", "falcon3": "7b", "gpt-oss": "20b",
}  # fmt: skip


# A version may carry one letter naming a line of that version (Gemma 3n); the letters of sizes (7b, 1t),
# expert counts (16e), context lengths (8k) and MoE shapes (8x7b) are not versions.
_VERSION = re.compile(r"^\d{1,2}(?:\.\d+)*(?:[acdfg-jl-su-wyz])?$")
_SIZE = re.compile(r"^(?:\d+x)?\d+(?:\.\d+)?[bm]$")
_EXPERTS = re.compile(r"^\d+e$")


@dataclass(frozen=True, kw_only=True)
class Normalised:
    """A written name taken apart: the tokens that identify the model, and what was stripped."""

    tokens: tuple[str, ...]
    org: str | None = None
    provider: str | None = None  # the first provider prefix seen
    quant: tuple[str, ...] = ()  # quantisation markers stripped
    serving: bool = False  # spelled the way serving stacks spell models (they serve instruct variants)
    default_tag: str | None = None  # the Ollama default tag a size-less tag stands for
    decorations: tuple[str, ...] = ()  # serving words dropped (turbo, hf, 8192...)

    @property
    def key(self) -> str:
        """The tokens joined: equal keys mean the same model spelled differently."""
        return " ".join(self.tokens)


@dataclass(frozen=True, kw_only=True)
class Parsed:
    """The tokens read as name word, version, size, expert count, instruct flag and other words."""

    name: str
    version: str | None
    size: str | None
    experts: str | None
    instruct: bool
    words: frozenset[str]


def _strip_prefixes(text: str) -> tuple[str, str | None, bool]:
    provider: str | None = None
    region = False
    changed = True
    while changed:
        changed = False
        vertex = _VERTEX_RESOURCE.match(text)
        if vertex:
            provider = provider or "vertex"
            text = f"{vertex.group(1)}/{text[vertex.end() :]}"
        for prefix in PROVIDER_PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                provider, text, changed = provider or prefix, text[len(prefix) :], True
        for pattern in (_OLLAMA_HOSTS, _REGION, _VENDOR_NAMESPACE):
            match = pattern.match(text)
            if match:
                region = region or pattern is not _OLLAMA_HOSTS
                text, changed = text[match.end() :], True
    return text, provider, region


def _split_versions(name: str) -> str:
    # Kubernetes object names write a point as `--` (llmaz's qwen2-0--5b, qwen2--5-coder)
    name = re.sub(r"(?<=\d)--(?=\d)", ".", name)
    # a size under 1B with its point written as `-` (Qwen2-0-5B): 0.5b
    name = re.sub(r"(?<![a-z0-9.])0-(\d)b(?![a-z0-9])", r"0.\1b", name)
    # ... or as `_` after a version (torchtune's builders qwen2_5_0_5b, qwen2_0_5b): no version ends in .0
    name = re.sub(r"(?<=\d_)0_(\d)b(?![a-z0-9])", r"0.\1b", name)
    # a small size with its point written as `_` (qwen2-1_5b-instruct, qwen_1_8b): 1.5b; `llama-guard-3_1b`
    # is 3 and 1b, and `llama_3_1_8b` is 3.1 and 8b (a version number just before it)
    name = re.sub(r"(?<![a-z0-9.])(?<!\d_)([01])_(\d)b(?![a-z0-9])", r"\1.\2b", name)
    # ... and after a version written with its own `_` point (qwen2_5_1_5b: 2.5 and 1.5b, no 2.5.1)
    name = re.sub(r"(?<=[a-z_]\d_\d_)([01])_(\d)b(?![a-z0-9])", r"\1.\2b", name)
    # a point release written without its point (NeMo's llama31_8b, qwen25-7b, phi35-mini, SD15, SD21)
    name = re.sub(
        r"(?<![a-z])(llama[2-4]|qwen[1-3]|phi[34]|sd[1-3])([0-5])(?=[-_:/\s]|$)",
        lambda m: f"{m.group(1)}.{m.group(2)}",
        name,
    )
    # llama3.1 -> llama-3.1, qwen2p5 -> qwen-2p5 (two letters at least, so q4, v3, r1, e4b stay whole)
    name = re.sub(r"([a-z]{2,})(\d)", r"\1-\2", name)
    # Fireworks writes the point as "p": v3p1 / 2p5 -> 3.1 / 2.5
    name = re.sub(r"(?<![a-z0-9.])v?(\d+)p(\d+)(?![a-z0-9])", r"\1.\2", name)
    # a dot is a version point only between digits (Meta-Llama-3.1-8B-Instruct.Q4_K_S)
    return re.sub(r"(?<!\d)\.|\.(?!\d)", "-", name)


def _clean_tokens(raw: list[str]) -> tuple[list[str], tuple[str, ...]]:
    tokens: list[str] = []
    dropped: list[str] = []
    mistral_7b = "mistral" in raw and "7b" in raw
    for token in raw:
        if token in SERVING_TOKENS or token in CONTEXT_TOKENS or SNAPSHOT_STAMP.fullmatch(token):
            dropped.append(token)
            continue
        # NVIDIA writes Mistral's v0.3 as v03 (mistral-7b-instruct-v03): a leading zero is "0."; Mistral
        # 7B's releases are numbered 0.1 to 0.3, so its `v2` is 0.2 (`LLM2Vec-Mistral-7B-Instruct-v2-mntp`)
        zero = re.fullmatch(r"v0(\d)", token) or (mistral_7b and re.fullmatch(r"v([1-3])", token))
        version = re.fullmatch(r"v(\d+(?:\.\d+)*)", token)
        tokens.append(f"0.{zero.group(1)}" if zero else version.group(1) if version else token)
    # Bedrock and Databricks write 3.1 as 3-1: after a word, the first small number followed by one digit
    # is a version (and after each word: `ultravox-v0_6-llama-3_3-70b` is 0.6, then Llama 3.3)
    i = 0
    while i < len(tokens) - 1:
        token, following = tokens[i], tokens[i + 1]
        after_word = i == 0 or not tokens[i - 1].replace(".", "").isdigit()  # not the rest of a number run
        if after_word and token.isdigit() and len(token) <= 2 and len(following) == 1 and following.isdigit():
            tokens[i : i + 2] = [f"{token}.{following}"]
        i += 1
    merged: list[str] = []
    for token in (part for written in tokens for part in _SPLIT.get(written, (written,))):
        joined = _JOINED.get((merged[-1], token)) if merged else None
        if joined:
            merged[-1] = joined
        elif not (merged and merged[-1] == "meta" and token == "llama"):
            merged.append(token)
        else:
            merged[-1] = "llama"  # Meta-Llama-3.1 is Llama-3.1
    if merged[:1] == ["mistral"] and any(_MOE_SIZE.match(t) for t in merged[1:]):
        merged[0] = "mixtral"  # Mistral's mixtures of experts (8x7b, 8x22b) are the Mixtral models
    return merged, tuple(dropped)


# The family words that name a model family on their own, one list for every place that reads a name
# as family + version: the org of a bare version (`deepseek/v3`: a tool's own model tags) here, and the
# snake-case names of discovery.roles (`llama3_2_1b`). Discovery's anchors (discovery.patterns) write
# more families, each in the regex form its scan needs.
FAMILY_WORDS: tuple[str, ...] = (
    "llama",
    "gemma",
    "qwen",
    "mistral",
    "mixtral",
    "deepseek",
    "olmo",
    "falcon",
    "phi",
)
# ... and Code Llama, whose Hub org is its name (`codellama/7b`: the 7B, not a repo of that org)
_FAMILY_ORGS = frozenset((*FAMILY_WORDS, "codellama"))
_VERSION_LED = re.compile(r"(?:v|r)?\d")
# A model written as a path of its parts, family first and a size second or third (Refact's
# `llama3.1/8b/instruct`, `qwen2.5/coder/1.5b/base`, `starcoder2/3b/vllm`): the parts are one name.
_PARTS_AS_PATH = re.compile(
    rf"^(?:{'|'.join(FAMILY_WORDS)}|starcoder)[\w.-]*/(?:[a-z]+/)?(?:\d+x)?\d+(?:\.\d+)?b(?:/|$)", re.I
)


def parts_as_path(text: str) -> bool:
    """True for a model written as a path of its parts (`llama3.1/8b/instruct`), not an org and a name."""
    return _PARTS_AS_PATH.match(text) is not None


# A family word glued to the word before it in camel case, with its version after it (a derivative's
# `RuadaptQwen2.5-32B`, `TwinLlama-3.1-8B`): the two words are two; `CodeLlama`, `CodeQwen1.5`,
# `PaliGemma2`, `TinyLlama-1.1B`, `OpenLlama-3b` and `MedGemma-4b` are one model's own name (another
# licence, or none in the catalogue), however a user writes its case. A family word starts with a capital
# here, whatever its case after (`LLaMA`, `DeepSeek`).
_CAPITALISED_FAMILY = "|".join(f"{w[0].upper()}(?i:{w[1:]})" for w in FAMILY_WORDS)
_GLUED_FAMILY = re.compile(
    rf"(?<=[a-z])(?<!(?i:code))(?<!(?i:pali))(?<!(?i:tiny))(?<!(?i:open))(?<!(?i:med))"
    rf"(?=(?:{_CAPITALISED_FAMILY})-?\d)"
)
# DeepSeek's release glued to its name (`DeepSeekR1`, `deepseekv3`)
_GLUED_RELEASE = re.compile(r"\b(deepseek)([rv]\d)")


@lru_cache(maxsize=8192)  # pure; catalogue ids and repeated names are normalised again and again
def normalise(text: str) -> Normalised:
    """Take a written model name apart into identifying tokens (see the module docstring)."""
    name = _GLUED_FAMILY.sub("-", text.strip().strip("\"'`"))
    name = name.lower().replace("(", " ").replace(")", " ")  # "Qwen3 (14B)"
    name = _GLUED_RELEASE.sub(r"\1-\2", name)  # DeepSeek's release glued to its name (`DeepSeekR1`)
    name = _ENDPOINT_SUFFIX.sub("", name)  # Unify's `model@provider`, LM Studio's `model@q4_k_m`
    name, provider, region = _strip_prefixes(name)
    org: str | None = None
    if parts_as_path(name):
        name = name.replace("/", "-")
    head, slash, tail = name.rpartition("/")
    if head and SNAPSHOT_STAMP.fullmatch(tail) and "/" not in head:
        name = head  # Volcengine's model and its snapshot (`DeepSeek-R1/250528`)
    elif slash:
        org, name = head, tail
        if org in _FAMILY_ORGS and _VERSION_LED.match(name):
            name = f"{org}-{name}"  # a family as the org of a version (`deepseek/v3`, `deepseek/r1-70b`)
    bedrock = _BEDROCK_VERSION.search(name) is not None and ":" in name
    name = _BEDROCK_VERSION.sub("", name) if bedrock or region else name
    name = _SHARD.sub("", _EXTENSION.sub("", name))
    base, _, tag = name.partition(":")
    default_tag = None
    if (
        org is None
        and tag in ("", "latest")
        and base in OLLAMA_DEFAULT_TAGS
        and provider in (None, "ollama/")
    ):
        default_tag = f"{base}:{OLLAMA_DEFAULT_TAGS[base]}"
        name = default_tag
    tagged = ":" in name
    name = name.replace(":", "-")
    quant = tuple(m.group(0) for m in _QUANT_RE.finditer(name))
    name = _QUANT_RE.sub("", name)
    squashed = re.match(r"[a-z]{2,}\d", name) is not None  # llama3.1, gemma2: Ollama's spelling
    tokens, dropped = _clean_tokens([t for t in re.split(r"[-_\s/]+", _split_versions(name)) if t])
    served = any(t != "hf" for t in dropped)
    serving = bool(provider or region or bedrock or served or (org is None and (tagged or squashed)))
    return Normalised(
        tokens=tuple(tokens),
        org=org,
        provider=provider,
        quant=quant,
        serving=serving,
        default_tag=default_tag,
        decorations=dropped,
    )


def parse(tokens: tuple[str, ...], version: str | None = None, size: str | None = None) -> Parsed | None:
    """Read tokens as name word, version, size and other words; catalogue fields may override them."""
    if not tokens:
        return None
    found_version = found_size = experts = None
    instruct = False
    words: set[str] = set()
    for token in tokens[1:]:
        if token in INSTRUCT_TOKENS:
            instruct = True
        elif found_version is None and _VERSION.match(token) and not (found_size and _SIZE.match(token)):
            found_version = token  # after a size, `10m` is a context length (gemma-2B-10M), not version 10m
        elif found_size is None and _SIZE.match(token):
            found_size = token
        elif experts is None and found_size is not None and _EXPERTS.match(token):
            experts = token
        else:
            words.add(token)
    if size:  # the catalogue's size names its own tokens (Gemma 4's `e2b`, Qwen3's `30b-a3b`), no other words
        words -= set(size.lower().split("-"))
    if size and "-" in size:  # catalogue writes MoE sizes as 17b-16e
        size, experts = size.split("-", 1)
    return Parsed(
        name=tokens[0],
        version=version or found_version,
        size=size.lower() if size else found_size,
        experts=experts,
        instruct=instruct,
        words=frozenset(words),
    )


def not_a_model(text: str) -> str | None:
    """Why ``text`` is not a model (a library, a runtime, the animal), or None."""
    bare = text.strip().strip("\"'`").lower()
    return NOT_MODELS.get(bare) or NOT_MODELS.get(re.sub(r"[\s_]+", "-", bare))
