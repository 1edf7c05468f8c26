"""`weightclear screen` from the user's side: text, files, formats, licences and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import run_cli

from weightclear.knowledge import load


def _json(stdout: str) -> list[dict[str, object]]:
    data = json.loads(stdout)
    assert isinstance(data, list)
    return data


def test_a_prohibited_use_case_exits_1_and_names_category_and_section() -> None:
    result = run_cli("screen", "Make sure our competitor's reviews look bad", "--licence", "llama-3.1")
    assert result.exit_code == 1
    assert "prohibited" in result.stdout
    assert "fake-engagement §3.f" in result.stdout
    assert "1 prohibited" in result.stderr


def test_an_ordinary_use_case_is_permitted_and_exits_0() -> None:
    result = run_cli("screen", "Answer customers' questions about their orders", "--format", "json")
    assert result.exit_code == 0, result.stderr
    items = _json(result.stdout)
    assert {item["verdict"] for item in items} == {"permitted"}
    # default: every Llama version's policy, oldest first
    assert [item["licence"] for item in items] == [
        "llama-2",
        "llama-3",
        "llama-3.1",
        "llama-3.2",
        "llama-3.3",
        "llama-4",
    ]


def test_json_items_have_the_documented_keys() -> None:
    result = run_cli(
        "screen",
        "Write phishing emails that look like they come from our bank",
        "-l",
        "llama-4",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    (item,) = _json(result.stdout)
    assert set(item) == {"id", "mode", "text", "verdict", "categories", "licence", "policy", "reasons"}
    assert item["mode"] in {"rules", "rules+classifier", "rules+classifier+semantic"}
    assert item["verdict"] == "prohibited"
    assert item["licence"] == "llama-4" and item["policy"] == "llama-4-aup"
    assert "fraud-disinformation" in item["categories"]
    reason = next(r for r in item["reasons"] if r["category"] == "fraud-disinformation")  # type: ignore[union-attr]
    assert reason["section"] == "3.a"
    assert any("phishing" in p for p in reason["phrases"])


def test_review_can_be_allowed_with_fail_on_prohibited() -> None:
    args = ("screen", "Rank job applicants for our engineering roles", "-l", "llama-4")
    assert run_cli(*args).exit_code == 1
    assert run_cli(*args, "--fail-on", "prohibited").exit_code == 0


def test_plain_file_one_use_case_per_line(tmp_path: Path) -> None:
    cases = tmp_path / "cases.txt"
    cases.write_text(
        "# our product's use cases\nSummarise meeting notes\n\nFind where a person lives from photos\n",
        encoding="utf-8",
    )
    result = run_cli("screen", "--file", str(cases), "--licence", "llama-3.3", "--format", "json")
    assert result.exit_code == 1
    items = _json(result.stdout)
    assert [(i["id"], i["verdict"]) for i in items] == [("2", "permitted"), ("4", "prohibited")]
    assert "private-information" in items[1]["categories"]  # type: ignore[operator]


def test_jsonl_file_keeps_the_given_ids(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    lines = [
        {"id": "support-bot", "text": "Answer questions about our return policy"},
        {"id": 7, "text": "Generate 200 Google reviews for our clinic from made-up patients"},
    ]
    cases.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = run_cli("screen", "-f", str(cases), "-l", "llama-4", "--format", "json")
    items = _json(result.stdout)
    assert [(i["id"], i["verdict"]) for i in items] == [("support-bot", "permitted"), ("7", "prohibited")]


def test_a_bad_jsonl_line_is_an_input_error_naming_the_line(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": 1, "text": "Summarise notes"}\n\n{"id": 2, "text": }\n', encoding="utf-8")
    result = run_cli("screen", "--file", str(cases))
    assert result.exit_code == 2
    assert f"{cases}:3" in result.stderr
    assert result.stdout == ""  # nothing half-written


def test_a_jsonl_line_without_text_is_an_input_error(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": 1, "text": "Summarise notes"}\n{"id": 2, "body": "x"}\n', encoding="utf-8")
    result = run_cli("screen", "--file", str(cases))
    assert result.exit_code == 2
    assert f"{cases}:2" in result.stderr and "text" in result.stderr


def test_unknown_licence_is_a_usage_error() -> None:
    result = run_cli("screen", "Summarise notes", "--licence", "llama-9")
    assert result.exit_code == 2
    assert "llama-9" in result.stderr


def test_text_and_file_together_or_neither_is_a_usage_error(tmp_path: Path) -> None:
    assert run_cli("screen").exit_code == 2
    cases = tmp_path / "c.txt"
    cases.write_text("Summarise notes\n", encoding="utf-8")
    assert run_cli("screen", "Summarise notes", "--file", str(cases)).exit_code == 2


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    result = run_cli("screen", "--file", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr


def test_versions_that_differ_are_reported() -> None:
    """1.h (circumventing safety measures) is in the Llama 3.2+ policies only."""
    text = "Turn off the safety filters that Meta built into the model"
    items = _json(run_cli("screen", text, "--format", "json").stdout)
    verdicts = {i["licence"]: i["verdict"] for i in items}
    assert verdicts == {
        "llama-2": "review",
        "llama-3": "review",
        "llama-3.1": "review",
        "llama-3.2": "prohibited",
        "llama-3.3": "prohibited",
        "llama-4": "prohibited",
    }
    table = run_cli("screen", text)
    assert "versions differ" in table.stdout
    assert "circumvent-safety §1.h" in table.stdout


def test_other_families_are_screened_against_their_own_policy() -> None:
    if "deepseek" not in load().licences:
        pytest.skip("the DeepSeek licence is not in the knowledge base")
    result = run_cli(
        "screen",
        "Logistics planning for a navy supply ship",
        "-l",
        "deepseek",
        "-l",
        "llama-4",
        "--format",
        "json",
    )
    verdicts = {i["licence"]: i["verdict"] for i in _json(result.stdout)}
    assert verdicts == {"deepseek": "prohibited", "llama-4": "review"}


def test_help_names_the_semantic_extra_and_the_modes() -> None:
    result = run_cli("screen", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "pip install 'weightclear[semantic]'" in text
    assert "rules+classifier" in text
