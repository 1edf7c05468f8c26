"""Round 55 of discovery accuracy (session 18), from held-out 114 (office add-ins: localwriter,
libre_calc_ai_addon, office-ai-suite, ollama-word-addin, Local_LLM_for_Excel), 115 (LLM observability:
langtrace-python-sdk, openinference, agentops, Helicone ai-gateway, lmnr) and 116 (LLM recommenders:
LLaRA, LC-Rec, BIGRec, CoLLM, RecAI), each measured once before its errors were read.

"DeepSeek R1 Distill 70B" is read whole, as the one distill of that size (Llama 3.3 70B's, under its
licence; "DeepSeek R1" alone had been read, under MIT). The names inside a command-line flag's default
string are that flag's (`add_argument('--chat_template', default="in [llama-2, llama-3]")`: chat formats).
Olmo 3.1 (December 2025, Apache-2.0) is catalogued.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references


def test_a_distill_named_by_its_size_and_a_flags_default_list(tmp_path: Path) -> None:
    files = {
        "default_models.py": (
            "MODELS = [\n    {\n"
            '        "id": "deepseek/deepseek-r1-distill-70b",\n'
            '        "display_name": "DeepSeek R1 Distill 70B",\n'
            "    },\n]\n"
        ),
        "param.py": (
            "parser.add_argument('--chat_template', type=str, default=\"in [llama-2, llama-3]\")\n"
            "parser.add_argument('--model_path', type=str, default=\"meta-llama/Llama-2-7b-hf\")\n"
        ),
        "configs.py": 'EVAL = ["allenai/olmo-3.1-32b-instruct"]\n',
    }
    assert [
        (path, line, text, licence) for path, line, text, _, licence in cli_references(tmp_path, files)
    ] == [
        ("configs.py", 1, "allenai/olmo-3.1-32b-instruct", "apache-2.0"),
        ("default_models.py", 3, "deepseek/deepseek-r1-distill-70b", "llama-3.3"),
        ("default_models.py", 4, "DeepSeek R1 Distill 70B", "llama-3.3"),
        ("param.py", 2, "meta-llama/Llama-2-7b-hf", "llama-2"),
    ]
