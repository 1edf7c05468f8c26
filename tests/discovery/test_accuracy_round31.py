"""Round 31 of discovery accuracy (session 13), from held-out 37 (LLM serving on Kubernetes and clouds:
envoyproxy/ai-gateway, ai-on-gke, llmariner, archgw, data-on-eks), 38 (on-device apps: google-ai-edge
gallery, react-native-executorch, maid, mlx-swift-examples, transformerlab-app) and 39 (data pipelines:
magpie, curator, langextract, synthetic-data-kit, open-thoughts), each measured once before its errors
were read.

Names written with a space where the family word alone is a common word ("Phi 3 Mini", "GPT OSS 120B")
count when capitalised. On-device SDKs name their models in snake case with the version glued to the
family (`LLAMA3_2_1B_QLORA`, `qwen3_0_6b`, `LLMRegistry.qwen3_8b_4bit`): such a constant, passed or
called, is the model, unless the file declares it. Prose reads the variant after the size ("Llama 3.1
70B Instruct") and Gemma's spellings "Gemma 3n E2B" and "Gemma 3-1B-it". A Markdown link's text whose
target is a Hub data set is the data set, a `kubectl` command's object and a Terraform object's labels
are resources, and a quoted name before "in the" is prose, not a substring test. A second pass over
every set's errors: SDXL by its name, a precision after a Hub id (`org/name/fp-16`), and the folder
`cd` or `mkdir` takes.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def _found(tmp_path: Path, files: dict[str, str]) -> set[tuple[str, int, str, str, str | None]]:
    return set(cli_references(tmp_path, files))


def test_spaced_phi_and_gpt_oss_are_read_when_capitalised(tmp_path: Path) -> None:
    readme = (
        "We compared Phi 3 Mini, Phi 3.5 and Phi 4 14B with GPT OSS 120B.\n"
        "The angle phi 2 radians is not a model, nor is aPhi 3.\n"
    )
    found = {(line, text, licence) for _, line, text, _, licence in _found(tmp_path, {"README.md": readme})}
    assert found == {
        (1, "Phi 3 Mini", "mit"),
        (1, "Phi 3.5", "mit"),
        (1, "Phi 4 14B", "mit"),
        (1, "GPT OSS 120B", "gpt-oss"),
    }


SDK_APP = """\
import { LLAMA3_2_1B_QLORA, QWEN3_4B_QUANTIZED } from 'react-native-executorch';

export const choices = [
  { label: 'Small', value: LLAMA3_2_1B_QLORA },
  { label: 'Tiny', value: models.llm.qwen3_0_6b() },
];
const llm = useLLM({ model: QWEN3_4B_QUANTIZED });
const config = LLMRegistry.gemma4_E2B_it_4bit;
const llama3_8b_config = {};
function test_llama3_8b() {}
"""

LOCAL_VARIABLE = """\
llama3_8b_chat = "meta/meta-llama-3-8b-instruct"
llm = Replicate(model=llama3_8b_chat)
"""


def test_sdk_model_constants_in_snake_case_are_uses(tmp_path: Path) -> None:
    found = _found(tmp_path, {"app.ts": SDK_APP, "bot.py": LOCAL_VARIABLE, ".env": "GEMMA3_1B=gemma3:1b\n"})
    rows = {(path, line, text, licence) for path, line, text, role, licence in found if role == "use"}
    assert ("app.ts", 4, "LLAMA3_2_1B_QLORA", "llama-3.2") in rows
    assert ("app.ts", 5, "qwen3_0_6b", "apache-2.0") in rows
    assert ("app.ts", 7, "QWEN3_4B_QUANTIZED", "apache-2.0") in rows
    assert ("app.ts", 8, "gemma4_E2B_it_4bit", "apache-2.0") in rows
    texts = {text for _, _, text, _, _ in found}
    # identifiers of the code's own, a variable this file declares, an environment variable's name
    assert not texts & {"llama3_8b_config", "test_llama3_8b", "llama3_8b_chat", "GEMMA3_1B"}
    assert ("bot.py", 1, "meta/meta-llama-3-8b-instruct", "llama-3") in rows
    assert (".env", 1, "gemma3:1b", "gemma") in rows


def test_a_version_with_its_own_underscore_point_then_a_small_size() -> None:
    kb = load()
    for written in ("qwen2_5_1_5b", "QWEN2_5_1_5B"):
        resolution = resolve_name(written, kb)
        assert resolution.model_id == "Qwen/Qwen2.5-1.5B-Instruct"
        assert resolution.licence_id == "apache-2.0"
    assert resolve_name("llama_3_1_8b", kb).licence_id == "llama-3.1"  # 3.1 and 8B, as before


def test_prose_reads_the_variant_and_gemmas_spellings(tmp_path: Path) -> None:
    readme = (
        "| [Llama 3.3 70B Instruct](https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct) | x |\n"
        "Fine-tune Gemma 3-1B-it, then Gemma 3n E2B and Gemma 4 E4B.\n"
        'Enable "Llama 3.2 1B Instruct" in the us-east-1 region.\n'
        "Llama 3.1 8B Instructions follow.\n"
    )
    found = {(line, text) for _, line, text, _, _ in _found(tmp_path, {"README.md": readme})}
    assert (1, "Llama 3.3 70B Instruct") in found
    assert {(2, "Gemma 3-1B-it"), (2, "Gemma 3n E2B"), (2, "Gemma 4 E4B")} <= found
    assert (3, "Llama 3.2 1B Instruct") in found
    assert (4, "Llama 3.1 8B") in found  # "Instructions" is a word of the sentence


def test_a_link_to_a_hub_data_set_names_the_data_set(tmp_path: Path) -> None:
    readme = (
        "| [Llama 3.1 70B](https://huggingface.co/meta-llama/Llama-3.1-70B) "
        "| [Magpie-Llama-3.1-Pro-1M](https://huggingface.co/datasets/Magpie-Align/Magpie-Llama-3.1-Pro) |\n"
    )
    texts = {text for _, _, text, _, _ in _found(tmp_path, {"README.md": readme})}
    assert "Magpie-Llama-3.1-Pro-1M" not in texts
    assert {"Llama 3.1 70B", "meta-llama/Llama-3.1-70B"} <= texts


def test_kubectl_objects_and_terraform_labels_are_resources(tmp_path: Path) -> None:
    cleanup = (
        'kubectl delete rayservice deepseek-r1-8b -n "$NS" --ignore-not-found\n'
        "kubectl delete job model-staging-deepseek-r1-8b mirror-image\n"
        "vllm serve deepseek-ai/DeepSeek-R1-Distill-Llama-8B\n"
    )
    terraform = """\
resource "kubernetes_deployment" "inference" {
  metadata {
    name = "mistral-7b-instruct"
    labels = merge({
      app = "mistral-7b-instruct"
    }, local.extra)
  }
  spec {
    selector {
      match_labels = {
        app = "mistral-7b-instruct"
      }
    }
    template {
      spec {
        container {
          name  = "mistral-7b-instruct"
          env {
            name  = "MODEL_ID"
            value = "mistralai/Mistral-7B-Instruct-v0.1"
          }
        }
      }
    }
  }
}
"""
    found = _found(tmp_path, {"cleanup.sh": cleanup, "main.tf": terraform})
    assert {(path, line, text) for path, line, text, _, _ in found} == {
        ("cleanup.sh", 3, "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"),
        ("main.tf", 20, "mistralai/Mistral-7B-Instruct-v0.1"),
    }


def test_sdxl_by_its_name_and_a_precision_after_a_hub_id(tmp_path: Path) -> None:
    readme = "We generate with SDXL, or SDXL Turbo when speed matters.\n"
    config = (
        'image_model = "sdxl-turbo"\n'
        'folder = "sdxl"\n'
        'llm = LLM(model_name="meta-llama/llama-3.1-8b-instruct/fp-16")\n'
    )
    found = {
        (path, text, licence)
        for path, _, text, _, licence in _found(tmp_path, {"README.md": readme, "gen.py": config})
    }
    assert found == {
        ("README.md", "SDXL", "creativeml-openrail-pp-m"),
        ("README.md", "SDXL Turbo", "stability-nc-research"),
        ("gen.py", "sdxl-turbo", "stability-nc-research"),
        ("gen.py", "meta-llama/llama-3.1-8b-instruct", "llama-3.1"),
    }


def test_a_folder_a_shell_command_enters_or_makes_is_no_model(tmp_path: Path) -> None:
    guide = "```bash\nmkdir -p phi4-multi-modal/pytorch\ncd phi4-multi-modal/pytorch\n```\n"
    script = "cd gemma3-vision-it\npython run.py --model google/gemma-3-4b-it\n"
    found = _found(tmp_path, {"guide.md": guide, "run.sh": script})
    assert {(path, text) for path, _, text, _, _ in found} == {("run.sh", "google/gemma-3-4b-it")}
