"""Round 33 of discovery accuracy (session 13), from held-out 43 (safety and red-teaming tools: walledeval,
garak, EasyJailbreak, DecodingTrust, deepteam), 44 (quantisation tools: AQLM, AutoGPTQ, exllamav2, llm-awq,
auto-round) and 45 (domain assistants: MedicalGPT, ai-hedge-fund, paper-qa, FinGPT, meditron), each
measured once before its errors were read.

A folder of one quantisation of a model (`/models/mistral-7b-exl2/4.0bpw`) names the model folder above
it. A bare name after a family-level id on its line is an echo of that id only when it adds no size:
`[gemma-3-12b-it-int4](...)` after `google/gemma-3` is a model of its own. A name ending in a date and a
time of day is a training run's output (`MT-llama2-linear_202309241345`). AllenAI's Molmo is no OLMo.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references


def _found(tmp_path: Path, files: dict[str, str]) -> set[tuple[str, str]]:
    return {(path, text) for path, _, text, _, _ in cli_references(tmp_path, files)}


def test_a_quantisation_folder_names_the_model_folder_above_it(tmp_path: Path) -> None:
    code = 'model_dir = "/mnt/str/models/llama3-8b-instruct-exl2/4.0bpw"\nout = "/mnt/str/models/4.0bpw"\n'
    assert _found(tmp_path, {"inference.py": code}) == {("inference.py", "llama3-8b-instruct-exl2")}


def test_a_sized_name_after_a_family_level_id_is_no_echo(tmp_path: Path) -> None:
    table = (
        "| google/gemma-3 | [gemma-3-12b-it-int4](https://huggingface.co/OPEA/gemma-3-12b-it-int4) |\n"
        'model_id, out = "meta-llama/Llama-3.2-3B", "Llama-3.2-3B-SFT"\n'
    )
    found = _found(tmp_path, {"README.md": table})
    assert ("README.md", "gemma-3-12b-it-int4") in found
    assert ("README.md", "Llama-3.2-3B-SFT") not in found  # the same size as its id: an echo, as before


def test_run_outputs_stamped_with_a_time_and_molmo(tmp_path: Path) -> None:
    script = (
        "python benchmarks.py --peft_model MT-llama2-linear_202309241345\n"
        "python benchmarks.py --base_model llama2-7b --model allenai/Molmo-7B-D-0924\n"
        "python serve.py --model allenai/OLMo-2-1124-7B-Instruct\n"
    )
    assert _found(tmp_path, {"evaluate.sh": script}) == {
        ("evaluate.sh", "llama2-7b"),
        ("evaluate.sh", "allenai/OLMo-2-1124-7B-Instruct"),
    }
