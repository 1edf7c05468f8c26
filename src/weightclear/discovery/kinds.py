"""Reference kind names: how a model was named, which stack's spelling it is.

The kind is a hint for readers and for the resolver; the role (use or
mention) comes from discovery.roles. Kinds are plain strings in
``Reference.kind`` so that artefact scanners and third parties can add their
own; the ones discovery emits are listed here and in docs/json-schema.md.
"""

from __future__ import annotations

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
