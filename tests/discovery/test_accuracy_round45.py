"""Round 45 of discovery accuracy (session 16), from held-out 84 (recruiting tools: Resume-Matcher,
republic_of_love, recrutas, ResumeAuditor, job-gtm), 85 (DevOps and SRE copilots: holmesgpt, kubectl-ai,
k8sgpt, AIOpsLab, kagent) and 86 (research assistants: Paper2Code, LongCite, Researcher, AI-Scientist,
gpt_academic), each measured once before its errors were read.

SQL and Lua write comments with `--` (and SQL with `/* */`): a name there is a mention; a Go struct
literal's `{Name: "llama3.1", ...}` lists a model, not a deployment; a provider's snapshot stamp written
year, month and day (Volcengine's `deepseek-r1-250120`) and the `dashscope-` and `volcengine-` prefixes
are the serving of the model they wrap; Baidu Qianfan's `BLOOMZ-7B` is BLOOMZ 7B1; a folder of runs
named after a model (`llama3.1-runs`) names no model.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references, texts_and_licences


def test_sql_comments_are_mentions(tmp_path: Path) -> None:
    sql = (
        "-- GRADER COMPARISON: gemma3:1b vs llama3.2:latest\n"
        "SELECT * FROM runs WHERE model = 'qwen2.5:7b'; -- was phi3\n"
        "/* older: mistral:7b */\n"
    )
    found = [(text, role) for _, _, text, role, _ in cli_references(tmp_path, {"compare.sql": sql})]
    assert found == [
        ("gemma3:1b", "mention"),
        ("llama3.2:latest", "mention"),
        ("qwen2.5:7b", "use"),
        ("phi3", "mention"),
        ("mistral:7b", "mention"),
    ]


def test_a_go_struct_literal_lists_models(tmp_path: Path) -> None:
    go = (
        "var ollama = []Model{\n"
        '\t{Name: "llama3.1", FunctionCalling: true},\n'
        '\t{Name: "deepseek-r1", FunctionCalling: false},\n'
        '\t{Name: "Phi-4", FunctionCalling: true},\n'
        "}\n"
    )
    yaml = "deployments:\n  - name: llama3\n    model: meta-llama/Meta-Llama-3-8B-Instruct\n"
    found = texts_and_licences(tmp_path, {"discovery.go": go, "deploy.yaml": yaml})
    assert found == [
        ("meta-llama/Meta-Llama-3-8B-Instruct", "llama-3"),
        ("llama3.1", "llama-3.1"),
        ("deepseek-r1", "mit"),
        ("Phi-4", "mit"),
    ]


def test_provider_stamps_and_prefixes_and_qianfans_bloomz(tmp_path: Path) -> None:
    source = (
        'AVAIL = ["volcengine-deepseek-r1-250120", "dashscope-deepseek-r1", "BLOOMZ-7B"]\n'
        'RUNS = {"llama3.1-runs": []}\n'
    )
    found = texts_and_licences(tmp_path, {"config.py": source})
    assert found == [
        ("volcengine-deepseek-r1-250120", "mit"),
        ("dashscope-deepseek-r1", "mit"),
        ("BLOOMZ-7B", "bigscience-rail-1.0"),
    ]
