"""Round 46 of discovery accuracy (session 16), from held-out 87 (Gradio and Streamlit apps: PhotoMaker,
Fooocus, ChuanhuChatGPT, ai-engineering-hub, awesome-llm-apps), 88 (Kaggle solutions: lmsys-chatbot-arena
solutions, kaggle-aimo2, mining-misconceptions-in-math, lmsys-scoring) and 89 (story writers:
AIStoryWriter, LongWriter, AI_NovelGenerator, local-model-creative-writing, storywriter), each measured
once before its errors were read.

An Ollama URI with the server after `@` (`ollama://llama3:70b@10.1.65.4:11434`) names its tag; a
triple-quoted string a program runs as a command (`os.system(f'''./Write.py -Model ...''')`) is code, not
a docstring; a script's argument with a default (`${1:-meta-llama/...}`) is read as a named variable's
is; "Meta-Llama 3.1 70B" is read whole in prose; DeepSeek's release glued to its name (`DeepSeekR1`) is
that release; where a Kaggle notebook mounts a model (`/kaggle/input/model/framework/variation/1`) the
variation names it; a Streamlit or Gradio page's text (`st.title(...)`, `gr.Markdown(`) is a mention.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references, lines_texts_roles, texts_and_licences


def test_ollama_uris_with_a_server_and_commands_in_triple_quotes(tmp_path: Path) -> None:
    source = (
        "import os\n"
        "os.system(f'''\n"
        "./Write.py -Prompt {prompt} \\\n"
        "-RevisionModel ollama://llama3:70b@10.1.65.4:11434 \\\n"
        "''')\n"
        'def run():\n    """Runs the writer with ollama://gemma2:9b by default."""\n'
    )
    found = lines_texts_roles(tmp_path, {"Test.py": source})
    assert found == [(4, "llama3:70b", "use"), (7, "gemma2:9b", "mention")]


def test_a_scripts_argument_default_and_kaggle_mounts(tmp_path: Path) -> None:
    files = {
        "serve.sh": 'MODEL="${1:-meta-llama/Llama-3.1-8B-Instruct}"\nvllm serve "$MODEL"\n',
        "bon.py": 'M = "/kaggle/input/qwen2.5-math/transformers/qwen2.5-math-prm-7b/1/qwen_math_prm"\n',
    }
    found = texts_and_licences(tmp_path, files)
    assert found == [("qwen2.5-math-prm-7b", "apache-2.0"), ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1")]


def test_spellings_of_meta_llama_and_deepseek_r1(tmp_path: Path) -> None:
    files = {
        "README.md": "Routes to Meta-Llama 3.1 405B and Meta-Llama 3.3 70B.\n",
        "workflow.py": 'REASONER = "DeepSeekR1"\n',
    }
    found = texts_and_licences(tmp_path, files)
    assert found == [
        ("Meta-Llama 3.1 405B", "llama-3.1"),
        ("Meta-Llama 3.3 70B", "llama-3.3"),
        ("DeepSeekR1", "mit"),
    ]


def test_streamlit_and_gradio_page_text_is_a_mention(tmp_path: Path) -> None:
    source = (
        'st.title("Multi-Agent AI Researcher using Llama-3")\n'
        'st.sidebar.info("A local clone using llama3.1:latest")\n'
        'gr.Markdown("Built on Qwen2.5-7B-Instruct")\n'
        'client.chat(model="llama3.1:latest")\n'
    )
    found = [(line, role) for _, line, _, role, _ in cli_references(tmp_path, {"app.py": source})]
    assert found == [(1, "mention"), (2, "mention"), (3, "mention"), (4, "use")]
