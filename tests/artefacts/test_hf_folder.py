"""Hugging Face model folders: card front matter, config.json, adapter_config.json."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from weightclear.discovery.artefacts.hf_folder import MAX_FRONT_MATTER, HfFolderScanner
from weightclear.discovery.base import FileContext, FileFindings
from weightclear.knowledge import load


def scan(path: Path) -> FileFindings:
    rel = f"{path.parent.name}/{path.name}"
    return HfFolderScanner().scan(FileContext(path=path, rel_path=rel, size=path.stat().st_size), load())


def card(tmp_path: Path, front: str, folder: str = "acme-support-8b", body: str = "# Model\n") -> Path:
    path = tmp_path / folder / "README.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def test_card_with_licence_and_single_base_model(tmp_path: Path) -> None:
    found = scan(card(tmp_path, "license: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n"))
    (mc,) = found.model_cards
    assert (mc.name, mc.licence, mc.base_models) == (
        "acme-support-8b",
        "llama3.1",
        ("meta-llama/Llama-3.1-8B-Instruct",),
    )
    assert [(r.text, r.kind, r.location.line) for r in found.references] == [
        ("acme-support-8b", "hf-folder", None),
        ("meta-llama/Llama-3.1-8B-Instruct", "model-card", 3),
    ]
    assert all(r.role.value == "use" for r in found.references)


def test_card_other_licence_with_name_and_link_and_list_of_bases(tmp_path: Path) -> None:
    front = (
        "license: other\nlicense_name: qwen-research\nlicense_link: LICENSE\n"
        "base_model:\n- Qwen/Qwen2.5-3B\n- acme/base\nbase_model_relation: merge\n"
        "model-index:\n- name: Acme-Merge-3B\n  results: []\n"
    )
    (mc,) = scan(card(tmp_path, front)).model_cards
    assert (mc.name, mc.licence, mc.licence_name, mc.licence_link) == (
        "Acme-Merge-3B",
        "other",
        "qwen-research",
        "LICENSE",
    )
    assert mc.base_models == ("Qwen/Qwen2.5-3B", "acme/base")
    assert mc.base_model_relation == "merge"


@pytest.mark.parametrize(
    "front",
    [
        "title: Home\nlayout: default\n",  # a Jekyll page
        "license: cc-by-4.0\ntask_categories:\n- text-generation\n",  # a dataset card
        "",  # empty front matter
    ],
)
def test_front_matter_that_is_not_a_model_card(tmp_path: Path, front: str) -> None:
    assert scan(card(tmp_path, front)) == FileFindings()


def test_readme_without_front_matter_or_unclosed(tmp_path: Path) -> None:
    path = tmp_path / "m" / "README.md"
    path.parent.mkdir()
    path.write_text("# Title\n\nlicense: llama3.1\n")
    assert scan(path) == FileFindings()
    path.write_text("---\nlicense: llama3.1\nno closing line\n")
    assert scan(path) == FileFindings()


def test_broken_yaml_is_an_issue(tmp_path: Path) -> None:
    (issue,) = scan(card(tmp_path, "license: [llama3.1\nbase_model: x\n")).issues
    assert issue.message.startswith("model card: front matter is not valid YAML")
    assert issue.path == "acme-support-8b/README.md"


def test_yaml_alias_bomb_is_refused_before_it_is_built(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    start = time.perf_counter()
    (issue,) = scan(card(tmp_path, "license: mit\n" + "\n".join(lines) + "\n")).issues
    assert "alias" in issue.message
    assert time.perf_counter() - start < 1.0


def test_oversized_front_matter_is_an_issue(tmp_path: Path) -> None:
    front = "license: mit\ndescription: |\n" + ("  padding line\n" * (MAX_FRONT_MATTER // 14 + 10))
    (issue,) = scan(card(tmp_path, front)).issues
    assert "longer than" in issue.message


def config(tmp_path: Path, data: object, name: str = "config.json", folder: str = "my-model") -> Path:
    path = tmp_path / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2))
    return path


def test_config_name_or_path(tmp_path: Path) -> None:
    data = {
        "_name_or_path": "TinyLlama/TinyLlama-1.1B-Chat-v1.0",
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
    }
    (ref,) = scan(config(tmp_path, data)).references
    assert (ref.text, ref.kind, ref.location.line) == ("TinyLlama/TinyLlama-1.1B-Chat-v1.0", "hf-folder", 2)


def test_config_without_a_name_gives_the_folder_never_the_architecture(tmp_path: Path) -> None:
    data = {"_name_or_path": "/home/me/ckpt", "architectures": ["LlamaForCausalLM"], "model_type": "llama"}
    (ref,) = scan(config(tmp_path, data)).references
    assert ref.text == "my-model"  # model_type: llama is an architecture, not Meta's model


def test_adapter_config_names_its_base(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        {"base_model_name_or_path": "meta-llama/Llama-3.2-1B", "peft_type": "LORA"},
        "adapter_config.json",
    )
    assert [r.text for r in scan(path).references] == ["meta-llama/Llama-3.2-1B"]


def test_other_tools_config_json_is_ignored(tmp_path: Path) -> None:
    assert scan(config(tmp_path, {"port": 8080, "model_type": "llama"})) == FileFindings()  # no architectures
    assert scan(config(tmp_path, "{ // comments: not a model config\n}")) == FileFindings()


def test_broken_model_config_is_an_issue(tmp_path: Path) -> None:
    (issue,) = scan(config(tmp_path, '{"architectures": ["LlamaForCausalLM"],')).issues
    assert "model config is not JSON" in issue.message


def test_wants_by_name() -> None:
    scanner = HfFolderScanner()
    assert scanner.wants("x/README.md", 100) and scanner.wants("config.json", 100)
    assert scanner.wants("a/adapter_config.json", 100) and not scanner.wants("a/tokenizer.json", 100)
