"""Round 38 of discovery accuracy (session 14), from held-out 60 (merging, distillation and RL
post-training: DistillKit, RLHF-Reward-Modeling, Open-Reasoner-Zero, evolutionary-model-merge, rllm),
61 (synthetic data pipelines: cosmopedia, synthetic-data-generator, instructlab/sdg, DataDreamer,
augmentoolkit) and 62 (text-to-SQL and data-analysis agents: DB-GPT-Hub, sql-eval, vanna,
data-formulator, TaskWeaver), each measured once before its errors were read.

A chat format chosen by its family name (`conversation: llama3`, `--model_family llama3`, a pre-query
template set through `os.environ[...]` or compared with `==`), a W&B run's name and a file a script
writes name no model; a prose size keeps a closing bracket out of the name.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references, texts_and_licences


def test_chat_formats_run_names_and_outputs_name_no_model(tmp_path: Path) -> None:
    files = {
        "axolotl.yaml": (
            "base_model: meta-llama/Llama-3.1-8B\n"
            "datasets:\n"
            "  - path: org/data\n"
            "    conversation: llama3\n"
            'wandb_name: "llama-31-8b-bs32_lr2e-6_orm"\n'
        ),
        "prepare.py": (
            "import os\n"
            'parser.add_argument("--model_family", type=str, default="llama3")\n'
            'os.environ["MAGPIE_PRE_QUERY_TEMPLATE"] = "qwen2"\n'
            'if MAGPIE_PRE_QUERY_TEMPLATE == "llama3":\n'
            '    MODEL = "Qwen/Qwen2.5-7B-Instruct"\n'
            'if args.model_family == "gemma2":\n'
            "    pass\n"
        ),
        "predict.sh": "python predict.py --predicted_out_filename out/pred/pred_codellama13b.sql\n",
    }
    found = {(path, text) for path, _, text, _, _ in cli_references(tmp_path, files)}
    assert found == {("axolotl.yaml", "meta-llama/Llama-3.1-8B"), ("prepare.py", "Qwen/Qwen2.5-7B-Instruct")}


def test_a_prose_size_ends_before_a_closing_bracket(tmp_path: Path) -> None:
    prose = "Use a model over 13B (such as Llama 2 13B).\nOr one in brackets: Gemma 2 (9B).\n"
    found = texts_and_licences(tmp_path, {"guide.md": prose})
    assert found == [("Llama 2 13B", "llama-2"), ("Gemma 2 (9B)", "gemma")]
