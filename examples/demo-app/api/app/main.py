"""Acme Support API: answers order questions and reads parcel photos."""

from __future__ import annotations

import os

from fastapi import FastAPI
from llama_index.core import VectorStoreIndex  # retrieval only, no model here

from app import llm, vision

app = FastAPI(title="Acme Support")
CHAT_MODEL = os.environ.get("CHAT_MODEL", "meta-llama/Llama-3.1-8B-Instruct")


@app.post("/answer")
def answer(question: str) -> dict[str, str]:
    index = VectorStoreIndex([])
    return {"answer": llm.complete(CHAT_MODEL, question, index)}


@app.post("/parcel")
def parcel(image_url: str) -> dict[str, str]:
    return {"damage": vision.describe(image_url)}
