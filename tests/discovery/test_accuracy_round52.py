"""Round 52 of discovery accuracy (session 17), from held-out 105 (LLM API routers and proxies), 106
(agent benchmark environments: RAGEN, AgentBench, ART, evalplus, tau-bench) and 107 (multimodal generation
pipelines), each measured once before its errors were read.

A sized `name` whose record gives the model's base (`TrainableModel(name="llama-8b-007",
base_model="meta-llama/...")`) is a model the project trains, named after that base: the base is the
reference; a `base_model` that is a provider's word (`base_model: "hf"`) leaves the name a model.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import lines_texts_roles


def test_a_trained_models_name_beside_its_base(tmp_path: Path) -> None:
    files = {
        "train.py": (
            "model = art.TrainableModel(\n"
            '    name="llama-8b-007",\n'
            '    project="tic-tac-toe",\n'
            '    base_model="meta-llama/Meta-Llama-3.1-8B-Instruct",\n'
            ")\n"
        ),
        "store.tsx": 'const items = [\n  {\n    name: "Mistral.7B",\n    base_model: "hf",\n  },\n];\n',
    }
    assert lines_texts_roles(tmp_path, files) == [
        (3, "Mistral.7B", "use"),
        (4, "meta-llama/Meta-Llama-3.1-8B-Instruct", "use"),
    ]
