"""Round 10 of discovery accuracy: general causes read in held-out 6's errors, after its blind measure.

A shell variable's default (`${MODEL_NAME:-org/name}`) is the model; a Kubernetes label keyed by a
domain (`model.aibrix.ai/name: ...`) names a resource; a llamafile named after a model is that model's
weights (the llamafile tool itself stays a decoy); an HTML link's text names the model of its `href`;
"Llama Guard 4" is read whole; a CI cache key's `ollama0.31.2` is Ollama's version.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references

COMPOSE = """\
services:
  vllm:
    command: --model ${MODEL_NAME:-Qwen/Qwen2.5-1.5B-Instruct}
    labels:
      model.aibrix.ai/name: deepseek-r1-distill-llama-8b
"""

README = """\
./Llama-3.2-1B-Instruct.Q4_K_M.llamafile --server
On Windows, rename it to Llama-3.2-1B-Instruct.Q4_K_M.llamafile.exe first.
Get https://huggingface.co/Mozilla/Llama-3.2-1B-Instruct-llamafile/resolve/main/Llama-3.2-1B-Instruct.Q4_K_M.llamafile
Install llamafile-0.9.3 first; Mozilla-Ocho/llamafile is the tool.
<a href="https://huggingface.co/openai/gpt-oss-120b">gpt-oss-120b</a>
We use Llama Guard 4 for moderation, and Llama Guard 3 8B before it.
"""


def test_a_variables_default_is_the_model_and_a_qualified_label_a_resource(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"docker-compose.yml": COMPOSE})
    assert [(line, text, role, lic) for _, line, text, role, lic in found] == [
        (3, "Qwen/Qwen2.5-1.5B-Instruct", "use", "apache-2.0")
    ]


def test_llamafiles_html_link_text_and_llama_guard_in_prose(tmp_path: Path) -> None:
    found = sorted(
        (line, text, lic) for _, line, text, _, lic in cli_references(tmp_path, {"README.md": README})
    )
    assert found == [
        (1, "Llama-3.2-1B-Instruct.Q4_K_M.llamafile", "llama-3.2"),
        (2, "Llama-3.2-1B-Instruct.Q4_K_M.llamafile", "llama-3.2"),
        (3, "Mozilla/Llama-3.2-1B-Instruct-llamafile", "llama-3.2"),
        (5, "gpt-oss-120b", "gpt-oss"),
        (5, "openai/gpt-oss-120b", "gpt-oss"),
        (6, "Llama Guard 3 8B", "llama-3.1"),
        (6, "Llama Guard 4", "llama-4"),
    ]


def test_ollamas_version_in_a_cache_key_is_no_model(tmp_path: Path) -> None:
    files = {".github/workflows/ci.yml": "key: ollama-llama3.2-3b-${{ runner.os }}-ollama0.31.2-v2\n"}
    assert cli_references(tmp_path, files) == []


def test_mistral_line_versions_in_prose_and_r1s_may_update(tmp_path: Path) -> None:
    files = {
        "README.md": "We quantise Mistral Large 3 and Mistral Small 3.1, not Mistral Large 2407.\n",
        "memory.md": "| **DeepSeek-R1-0528-BF16** | 1368 GB |\n",
    }
    found = sorted((p, text) for p, _, text, _, _ in cli_references(tmp_path, files))
    assert found == [
        ("README.md", "Mistral Large 2407"),
        ("README.md", "Mistral Large 3"),
        ("README.md", "Mistral Small 3.1"),
        ("memory.md", "DeepSeek-R1-0528-BF16"),
    ]
    licences = {text: lic for _, _, text, _, lic in cli_references(tmp_path / "again", files)}
    assert licences["DeepSeek-R1-0528-BF16"] == "mit"  # the May 2025 update of R1 is MIT, as R1
