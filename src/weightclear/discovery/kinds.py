"""Reference kind names: how a model was named, which stack's spelling it is.

The kind is a hint for readers and for the resolver; the role (use or
mention) comes from discovery.roles. Kinds are plain strings in
``Reference.kind`` so that artefact scanners and third parties can add their
own; the ones discovery emits are listed here and in docs/json-schema.md.
``prefix_kind`` and ``of_shape`` tell a text name's kind from its client
prefix or, without one, from its shape.
"""

from __future__ import annotations

import re
from typing import Final

HF_ID: Final = "hf-id"  # org/name on the Hugging Face Hub (also served under that id: vLLM, TGI)
MODEL_NAME: Final = "model-name"  # a bare name with a version: Meta-Llama-3.1-8B-Instruct, "Llama 3.1"
OLLAMA_TAG: Final = "ollama-tag"  # llama3.1:8b, hf.co/user/repo:Q4_K_M
BEDROCK_ID: Final = "bedrock-id"  # meta.llama3-1-8b-instruct-v1:0, us./eu. profiles
AZURE_ID: Final = "azure-id"  # azure_ai/Meta-Llama-3.1-405B-Instruct
VERTEX_ID: Final = "vertex-id"  # meta/llama-3.3-70b-instruct-maas, publishers/meta/models/...
TOGETHER_ID: Final = "together-id"  # meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo
GROQ_ID: Final = "groq-id"  # llama-3.3-70b-versatile, llama3-8b-8192
FIREWORKS_ID: Final = "fireworks-id"  # accounts/fireworks/models/llama-v3p1-8b-instruct
OPENROUTER_ID: Final = "openrouter-id"  # meta-llama/llama-3.1-8b-instruct:free
CLOUDFLARE_ID: Final = "cloudflare-id"  # @cf/meta/llama-3.1-8b-instruct
DATABRICKS_ID: Final = "databricks-id"  # databricks-meta-llama-3-3-70b-instruct
LITELLM_ID: Final = "litellm-id"  # provider/model as LiteLLM and similar clients spell it
GGUF_FILE: Final = "gguf-file"  # Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf
HF_FOLDER: Final = "hf-folder"  # a local Hugging Face model folder (artefact scanner)
HF_CACHE: Final = "hf-cache"  # models--org--name cache folders
MODEL_CARD: Final = "model-card"  # base_model of a model card (artefact scanner)

#: every kind the text scanner can emit, for docs and tests
TEXT_KINDS: Final = (
    HF_ID,
    MODEL_NAME,
    OLLAMA_TAG,
    BEDROCK_ID,
    AZURE_ID,
    VERTEX_ID,
    TOGETHER_ID,
    GROQ_ID,
    FIREWORKS_ID,
    OPENROUTER_ID,
    CLOUDFLARE_ID,
    DATABRICKS_ID,
    LITELLM_ID,
    GGUF_FILE,
    HF_CACHE,
)

ALL_KINDS: Final = (*TEXT_KINDS, HF_FOLDER, MODEL_CARD)

# Bedrock ids end in a version (-v1:0; openai.gpt-oss-120b-1:0); Groq's legacy ids in a context length
# after the size (llama3-70b-8192), where a four-digit date (Mistral-Large-2411) has no size before it.
_BEDROCK = re.compile(
    r"^(?:(?:us|eu|apac|us-gov)\.)?[a-z0-9-]+\.[a-z0-9.-]+-(?:v\d+(?::\d+)?|\d+:\d+)$", re.IGNORECASE
)
_GROQ = re.compile(
    r"-(?:versatile|instant)$|\db-\d{4,5}$|^llama-guard-4|^llama-3\.\d-\d+b-(?:preview|specdec)", re.I
)
_OLLAMA_BARE = re.compile(r"^[a-z][a-z-]*\d+(?:\.\d+)?(?:-[a-z]+)?$")

# Client-side prefixes (LiteLLM, llm, LangChain wrappers) -> the kind they imply.
_PREFIX_KIND = {
    "bedrock/": BEDROCK_ID,
    "bedrock_converse/": BEDROCK_ID,
    "azure_ai/": AZURE_ID,
    "azure/": AZURE_ID,
    "vertex_ai/": VERTEX_ID,
    "vertex_ai_beta/": VERTEX_ID,
    "groq/": GROQ_ID,
    "cloudflare/": CLOUDFLARE_ID,
    "together_ai/": TOGETHER_ID,
    "together/": TOGETHER_ID,
    "fireworks_ai/": FIREWORKS_ID,
    "openrouter/": OPENROUTER_ID,
    "databricks/": DATABRICKS_ID,
    "ollama/": OLLAMA_TAG,
    "ollama_chat/": OLLAMA_TAG,
    "ollama_cloud/": OLLAMA_TAG,
    "hf.co/": OLLAMA_TAG,
    "registry.ollama.ai/": OLLAMA_TAG,
    "huggingface/": LITELLM_ID,
    "hosted_vllm/": LITELLM_ID,
    "openai/": LITELLM_ID,
    "deepinfra/": LITELLM_ID,
    "replicate/": LITELLM_ID,
    "sagemaker/": LITELLM_ID,
    "nvidia_nim/": LITELLM_ID,
    "watsonx/": LITELLM_ID,
    "perplexity/": LITELLM_ID,
    "anyscale/": LITELLM_ID,
    "mistral/": LITELLM_ID,
    "hf-inference-providers/": LITELLM_ID,  # inspect-ai's (and lighteval's) Hugging Face router
}


def prefix_kind(text: str) -> str | None:
    """The kind a client prefix implies (``bedrock/``, ``ollama/``, ``hf.co/`` ...), None without one."""
    low = text.lower()
    for prefix, kind in _PREFIX_KIND.items():
        if low.startswith(prefix) and len(low) > len(prefix):
            return kind
    return None


def of_shape(body: str) -> str:
    """The kind of a name without a client prefix, from its shape."""
    low = body.lower()
    if low.startswith("@cf/"):
        return CLOUDFLARE_ID
    if low.startswith("accounts/fireworks/") or "llama-v3p" in low or "llama-v2-" in low:
        return FIREWORKS_ID
    if low.startswith("databricks-"):
        return DATABRICKS_ID
    if low.startswith("publishers/") or low.endswith("-maas"):
        return VERTEX_ID
    if "/" not in low and _BEDROCK.match(low):
        return BEDROCK_ID
    if low.endswith(":free"):
        return OPENROUTER_ID
    if low.endswith(("-turbo", "-turbo-free")) and "/" in low:
        return TOGETHER_ID
    if "/" not in low and _GROQ.search(low):
        return GROQ_ID
    if "/" in low:
        return HF_ID
    if ":" in low or (body.islower() and _OLLAMA_BARE.match(low)):
        return OLLAMA_TAG
    return MODEL_NAME
