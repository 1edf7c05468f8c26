"""Parcel photos: Llama 3.2 Vision through transformers."""

from __future__ import annotations

from transformers import AutoProcessor, MllamaForConditionalGeneration

MODEL_ID = "meta-llama/Llama-3.2-11B-Vision-Instruct"

processor = AutoProcessor.from_pretrained(MODEL_ID)
model = MllamaForConditionalGeneration.from_pretrained(MODEL_ID, device_map="auto")


def describe(image_url: str) -> str:
    """Say what is damaged on the parcel in the photo."""
    prompt = processor.apply_chat_template([{"role": "user", "content": image_url}])
    return str(model.generate(**processor(text=prompt, return_tensors="pt")))
