"""GGUF fixtures written with the `gguf` package (the reference writer), for the reader's tests."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np

# tokens with short, long (> 63 bytes, off the regex fast path) and multi-byte strings
TOKENS = [f"tok{i}".encode() for i in range(1500)] + ["▁" * 40, "x" * 300, "", "é" * 70]


def write_gguf(
    path: Path, *, tokens: list[bytes] | None = None, endianess: object = None, **general: str
) -> Path:
    """A GGUF with licence, lineage and source keys around a tokenizer block, and one small tensor."""
    kwargs = {"endianess": endianess} if endianess is not None else {}
    writer = gguf.GGUFWriter(path, "llama", **kwargs)
    writer.add_name(general.get("name", "Acme Support 8B"))
    writer.add_license(general.get("license", "llama3.1"))
    writer.add_base_model_count(2)
    writer.add_base_model_name(0, "Llama 3.1 8B Instruct")
    writer.add_base_model_organization(0, "Meta Llama")
    writer.add_base_model_repo_url(0, "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct")
    writer.add_base_model_name(1, "Local Base")
    writer.add_uint32("acme.counter", 7)
    writer.add_token_list(tokens if tokens is not None else TOKENS)
    writer.add_token_types([1] * len(tokens if tokens is not None else TOKENS))
    writer.add_token_merges(["a b", "c d", "é f"])
    writer.add_array("acme.nested", [[1, 2], [3]])
    # keys after the tokenizer block: a reader that stops at tokenizer.* misses these
    writer.add_license_name("llama3.1-community")
    writer.add_license_link("https://www.llama.com/llama3_1/license/")
    writer.add_basename("Acme-Support")
    writer.add_size_label("8B")
    writer.add_finetune("Instruct")
    writer.add_float32("acme.ratio", 0.5)
    writer.add_bool("acme.flag", True)
    if "source" in general:
        writer.add_string("general.source.huggingface.repository", general["source"])
    writer.add_tensor("w", np.zeros((4, 4), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
