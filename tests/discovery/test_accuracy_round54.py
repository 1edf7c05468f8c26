"""Round 54 of discovery accuracy (session 18), from held-out 111 (self-hosted answer engines: farfalle,
LLocalSearch, llm-answer-engine, sensei, search_with_lepton), 112 (test, docs and code-migration tools:
readme-ai, cover-agent, doc-comments-ai, RepoAgent, mutahunter) and 113 (courses and tutorials:
agentic_patterns, LearnDataWithMark, happy-llm, AI-Bootcamp, agents-course), each measured once before
its errors were read.

A project's own enum or constant object, read as a member (`ChatModel.LLAMA_3_70B`, `GROQ_MODELS.LLAMA_8B`)
or imported from a module of the project (`from .catalog import LLAMA_3_1_8B`, `import { ChatModel } from
"../../generated"`), is code: the model is the value the project maps it to. An SDK's constant
(`ModelTypes.LLAMA_3_70B_INSTRUCT`, imported from a package) still names the model it selects. Also: the
names of a Python module's `__all__`, a Kubernetes service's host name and media files (`winamp-llama.mp3`,
whose `mp3` had read as Llama 3) name no model.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import benchmark_pairs, lines_texts_roles


def test_a_project_enum_member_is_code_and_an_sdk_constant_a_model(tmp_path: Path) -> None:
    files = {
        "backend/constants.py": (
            "from enum import Enum\n\n\nclass ChatModel(str, Enum):\n"
            '    LLAMA_3_70B = "llama-3-70b"\n    GPT_4o = "gpt-4o"\n\n\n'
            "model_mappings = {\n"
            '    ChatModel.LLAMA_3_70B: "groq/llama-3.1-70b-versatile",\n}\n'
        ),
        "frontend/utils.ts": (
            'import { ChatModel } from "../../generated";\n'
            "export const isCloud = (m: ChatModel) => [ChatModel.LLAMA_3_70B].includes(m);\n"
        ),
        "lib/groq.ts": (
            "export const GROQ_MODELS = {\n  LLAMA_8B: 'llama3-8b-8192',\n};\n"
            "const aliases = {\n  'gpt-4o-mini': GROQ_MODELS.LLAMA_8B,\n};\n"
        ),
        "models/__init__.py": (
            "from .catalog import (\n    LLAMA_3_1_8B,\n    MISTRAL_7B\n)\n\n"
            "DEFAULT = pick(LLAMA_3_1_8B, MISTRAL_7B)\n\n"
            '__all__ = [\n    "LLAMA_3_1_8B",\n    "pick",\n]\n'
        ),
        "notebook.py": (
            "from ibm_watsonx_ai.foundation_models.utils.enums import ModelTypes\n\n"
            "model_id = ModelTypes.LLAMA_3_70B_INSTRUCT\n"
        ),
    }
    assert lines_texts_roles(tmp_path, files) == [
        (5, "llama-3-70b", "use"),
        (10, "groq/llama-3.1-70b-versatile", "use"),
        (2, "llama3-8b-8192", "use"),
        (3, "LLAMA_3_70B_INSTRUCT", "use"),
    ]


def test_a_service_host_and_a_media_file_name_no_model(tmp_path: Path) -> None:
    files = {
        "autoscale.yaml": (
            "query: histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket"
            '{destination_service="mistral-7b-instruct.default.svc.cluster.local"}[5m])) by (le))\n'
            "model: mistralai/Mistral-7B-Instruct-v0.2\n"
        ),
        "rag.py": 'AUDIO = "assets/winamp-llama.mp3"\nCLIP = "media/llama3-8b-demo.mp4"\n',
    }
    assert lines_texts_roles(tmp_path, files) == [(2, "mistralai/Mistral-7B-Instruct-v0.2", "use")]


def test_the_benchmark_pairs_a_label_with_its_ollama_quantisation_tag() -> None:
    pairs = benchmark_pairs(
        [(21, "NousResearch-Hermes-2-Theta-Llama-3-8B")],
        [(21, "NousResearch-Hermes-2-Theta-Llama-3-8B:q4_0")],
    )
    assert pairs == [
        ("NousResearch-Hermes-2-Theta-Llama-3-8B", "NousResearch-Hermes-2-Theta-Llama-3-8B:q4_0")
    ]
