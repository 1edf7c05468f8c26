"""Round 39 of discovery accuracy (session 14), from held-out 63 (load-testing and serving benchmarks:
inference-perf, genai-bench, llm-d-benchmark, inference-benchmarker, llm-load-test), 64 (document parsing
and OCR: olmocr, docling, colpali, docext, marker) and 65 (robotics and embodied agents: openpi,
prismatic-vlms, NanoLLM, embodied-agents, RoboVLMs), each measured once before its errors were read.

AllenAI's olmOCR models are no OLMo (they are Qwen2-VL and Qwen2.5-VL fine-tunes named after neither),
and a snake-case model name may end in `_lora` as it may in `_qlora` (openpi's `gemma_2b_lora`).
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references


def test_olmocr_is_no_olmo_and_a_lora_variant_keeps_its_base(tmp_path: Path) -> None:
    code = (
        'MODEL = "allenai/olmOCR-2-7B-1025-FP8"\n'
        'BASE = "allenai/OLMo-2-1124-7B"\n'
        'config = Pi0Config(paligemma_variant="gemma_2b_lora")\n'
    )
    found = [
        (line, text, licence) for _, line, text, _, licence in cli_references(tmp_path, {"train.py": code})
    ]
    assert found == [(2, "allenai/OLMo-2-1124-7B", "apache-2.0"), (3, "gemma_2b_lora", "gemma")]
