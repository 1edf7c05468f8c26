"""Round 37 of discovery accuracy (session 14), from held-out 57 (applications in Go, Rust, C#, Swift and
PHP: OllamaSharp, rust-genai, LLMFarm, eino-ext, prism), 58 (web front-ends and browser extensions:
bolt.diy, nextjs-ollama-llm-ui, web-llm-chat, BrowserAI, transformers.js-examples) and 59 (agent
frameworks: agenticSeek, OpenManus, functionary, lagent), each measured once before its errors were read.

A namespace written with two colons (`ollama_cloud::gemma3:4b`) is a client prefix; in a React component
the page's words and a link's target are mentions; a package's own name beside its version, a folder
named in a code span and a bare `version` setting name no model.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references


def test_a_namespace_with_two_colons_is_a_client_prefix(tmp_path: Path) -> None:
    code = (
        'const MODEL_FIREWORKS: &str = "fireworks::gpt-oss-20b";\n'
        'const MODEL_OLLAMA_CLOUD: &str = "ollama_cloud::gemma3:4b";\n'
        'const MODEL_ALIYUN: &str = "aliyun::qwen-plus";\n'
    )
    found = {
        (line, text, role, licence)
        for _, line, text, role, licence in cli_references(tmp_path, {"a.rs": code})
    }
    assert found == {(1, "gpt-oss-20b", "use", "gpt-oss"), (2, "gemma3:4b", "use", "gemma")}


def test_the_words_of_a_react_page_are_mentions(tmp_path: Path) -> None:
    component = (
        'const MODEL_ID = "onnx-community/Llama-3.2-1B-Instruct-ONNX";\n'
        "export default function App() {\n"
        '  const pick = (m) => m.id === "meta-llama/Llama-3.1-8B-Instruct";\n'
        "  return (\n"
        "    <div>\n"
        '      <h1 className="text-4xl">Llama-3.2 WebGPU</h1>\n'
        "      <a\n"
        '        href="https://huggingface.co/onnx-community/Qwen3-0.6B-ONNX"\n'
        '        target="_blank"\n'
        "      >\n"
        "        Qwen3-0.6B\n"
        "      </a>\n"
        '      <Chat model="google/gemma-2-2b-it" />\n'
        "    </div>\n"
        "  );\n"
        "}\n"
    )
    roles = {line: role for _, line, _, role, _ in cli_references(tmp_path, {"App.jsx": component})}
    assert roles == {1: "use", 3: "use", 6: "mention", 8: "mention", 11: "mention", 13: "use"}
    # the same lines in plain JavaScript are code: no markup rule outside a component file
    plain = cli_references(tmp_path / "js", {"app.js": 'const pick = "meta-llama/Llama-3.1-8B-Instruct";\n'})
    assert [role for *_, role, _ in plain] == ["use"]


def test_package_names_folders_and_template_versions_name_no_model(tmp_path: Path) -> None:
    files = {
        "package.json": '{\n  "name": "llama-3.2-webgpu",\n  "version": "0.0.0"\n}\n',
        "pyproject.toml": '[project]\nname = "gemma-3-tools"\nversion = "0.1.0"\n',
        "README.md": (
            "Change to the `llama-3.2-webgpu` folder.\n"
            "The weights land in the `checkpoints/microsoft/phi-2` directory.\n"
            "Run `qwen2.5:7b` for the demo.\n"
        ),
        "templates.py": (
            'class Llama31ReasoningTemplate(Base):\n    version = "v3-llama3.1-reasoning"\n'
            'model_version = "llama3.1:8b"\n'
        ),
        "models.yaml": "- name: falcon-40b\n  version: https://huggingface.co/tiiuae/falcon-40b/commit/4a70\n",
    }
    found = {(path, text) for path, _, text, _, _ in cli_references(tmp_path, files)}
    assert found == {
        ("README.md", "microsoft/phi-2"),
        ("README.md", "qwen2.5:7b"),
        ("templates.py", "llama3.1:8b"),
        ("models.yaml", "falcon-40b"),
        ("models.yaml", "tiiuae/falcon-40b"),
    }
