"""Round 47 of discovery accuracy (session 16), from held-out 90 (embedding and reranking pipelines: llm2vec,
tevatron, rerankers, infinity, FlagEmbedding), 91 (web3 agents: sol-llm-eval, heurist-agent-framework,
moon-dev-ai-agents, nearai, MIESC) and 92 (email and calendar assistants), each measured once before its
errors were read.

Mistral 7B's releases are numbered 0.1 to 0.3, so a derivative that writes `v2` after the size
(`McGill-NLP/LLM2Vec-Mistral-7B-Instruct-v2-mntp`) is one of Mistral 7B Instruct v0.2 under Apache-2.0:
it had been read as Mistral's version 2 and given the research licence of Mistral Large 2. A Mistral line
written with a hyphen takes a prose size ("Mistral-Small 22B"); a terminal colour code before a name
(`\\033[1mllama3.2:1b`) is no part of it.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import texts_and_licences
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def test_mistral_7b_v2_is_v0_2_not_mistral_2(tmp_path: Path) -> None:
    source = (
        'ENCODER = "McGill-NLP/LLM2Vec-Mistral-7B-Instruct-v2-mntp"\n'
        'BASE = "mistral-7b-instruct-v2"\n'
        'LARGE = "mistralai/Mistral-Large-Instruct-2407"\n'
    )
    found = texts_and_licences(tmp_path, {"encoders.py": source})
    assert found == [
        ("McGill-NLP/LLM2Vec-Mistral-7B-Instruct-v2-mntp", "apache-2.0"),
        ("mistral-7b-instruct-v2", "apache-2.0"),
        ("mistralai/Mistral-Large-Instruct-2407", "mistral-research"),
    ]
    assert resolve_name("Mistral-7B-v1", load()).model_id == "mistralai/Mistral-7B-v0.1"


def test_a_hyphenated_mistral_line_with_a_size_and_a_colour_code(tmp_path: Path) -> None:
    files = {
        "MODEL_STRATEGY.md": "We run Mistral-Small 22B and Mistral-Nemo 12B locally.\n",
        "setup.sh": 'printf "  \\033[1;32m1.\\033[0m \\033[1mllama3.2:1b\\033[0m - fast\\n"\n',
    }
    found = texts_and_licences(tmp_path, files)
    assert found == [
        ("Mistral-Small 22B", "mistral-research"),
        ("Mistral-Nemo 12B", "apache-2.0"),
        ("llama3.2:1b", "llama-3.2"),
    ]
