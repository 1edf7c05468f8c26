"""Ticket summaries with a small reasoning model, served by an OpenAI-compatible endpoint."""

from __future__ import annotations

from openai import OpenAI

client = OpenAI(base_url="http://reasoner:8000/v1", api_key="unused")


def summarise(ticket: str) -> str:
    reply = client.chat.completions.create(
        model="deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
        messages=[{"role": "user", "content": f"Summarise: {ticket}"}],
    )
    return reply.choices[0].message.content or ""
