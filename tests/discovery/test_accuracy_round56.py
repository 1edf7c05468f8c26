"""Round 56 of discovery accuracy (session 18), from held-out 117 (database-native AI: pgai, postgresml,
pg_vectorize, flockmtl, vectordb-recipes), 118 (workflow orchestration: flytesnacks, Kestra's AI plugins,
zenml-projects, unionai-examples) and 119 (docs Q&A bots: molsys-ai-server, onyx, growth-marketing-
playbooks, Docuchat, smart-inbox-agent), each measured once before its errors were read.

A family word glued in camel case to the word before it, with a dash before its version
(`Samhita/OrpoLlama-3-8B-Instruct`, `TwinLlama-3.1-8B`), is a derivative of that family's model, as
`RuadaptQwen2.5-32B` already was; TinyLlama, OpenLLaMA and MedGemma stay whole. A Maven or Gradle
coordinate (`dev.langchain4j:langchain4j-mistral-ai`) is a library. The comparison pairs a label with a
report that adds Bedrock's context length (`meta.llama3-70b:128k`).
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import benchmark_pairs, texts_and_licences


def test_camel_glued_derivatives_and_a_gradle_coordinate(tmp_path: Path) -> None:
    files = {
        "nim_on_actor.py": (
            'HF_REPO_ID = "Samhita/OrpoLlama-3-8B-Instruct"\nBASE = "TinyLlama-1.1B-Chat-v1.0"\n'
        ),
        "build.gradle": (
            "dependencies {\n"
            '    implementation "dev.langchain4j:langchain4j-mistral-ai"\n'
            '    implementation "dev.langchain4j:langchain4j-ollama"\n}\n'
        ),
    }
    # TinyLlama stays whole, so it stays the decoy it is (no Llama model)
    assert texts_and_licences(tmp_path, files) == [("Samhita/OrpoLlama-3-8B-Instruct", "llama-3")]


def test_the_benchmark_pairs_a_bedrock_id_with_its_context_length() -> None:
    assert benchmark_pairs([(18, "meta.llama3-70b")], [(18, "meta.llama3-70b:128k")]) == [
        ("meta.llama3-70b", "meta.llama3-70b:128k")
    ]
