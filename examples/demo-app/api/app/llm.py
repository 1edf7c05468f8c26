"""Text generation: local vLLM for the chat model, LiteLLM for the fallbacks."""

from __future__ import annotations

import litellm
from vllm import LLM, SamplingParams

# Fallback order when the local server is busy. (We used Mistral-7B-Instruct-v0.3 before 2025.)
FALLBACKS = [
    "groq/llama-3.3-70b-versatile",
    "together_ai/Qwen/Qwen2.5-72B-Instruct-Turbo",
    "ollama/gemma2:9b",
]

_engine: LLM | None = None


def local_engine() -> LLM:
    global _engine
    if _engine is None:
        _engine = LLM(model="meta-llama/Llama-3.1-8B-Instruct", max_model_len=8192)
    return _engine


def complete(model: str, question: str, index: object) -> str:
    try:
        out = local_engine().generate([question], SamplingParams(max_tokens=512))
        return out[0].outputs[0].text
    except RuntimeError:
        for fallback in FALLBACKS:
            reply = litellm.completion(model=fallback, messages=[{"role": "user", "content": question}])
            return str(reply.choices[0].message.content)
    return ""
