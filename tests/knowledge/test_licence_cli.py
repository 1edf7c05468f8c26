"""`weightclear licence list | show | diff`, as a user runs them."""

from __future__ import annotations

import json

from tests.conftest import run_cli

LLAMA = ("llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4")


def test_list_shows_every_llama_version_with_its_title_and_date() -> None:
    result = run_cli("licence", "list")
    assert result.exit_code == 0, result.stderr
    for licence_id in LLAMA:
        assert licence_id in result.stdout
    assert "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT" in result.stdout
    assert "2024-07-23" in result.stdout


def test_list_json_has_the_documented_keys_in_release_order() -> None:
    result = run_cli("licence", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    llama = [r for r in rows if r["family"] == "llama"]
    assert [r["id"] for r in llama] == list(LLAMA)
    assert set(llama[0]) == {"id", "family", "version", "title", "use_scope", "release_date"}
    assert llama[-1] == {
        "id": "llama-4",
        "family": "llama",
        "version": "4",
        "title": "LLAMA 4 COMMUNITY LICENSE AGREEMENT",
        "use_scope": "commercial",
        "release_date": "2025-04-05",
    }


def test_show_prints_terms_with_clauses_and_the_policy_categories() -> None:
    result = run_cli("licence", "show", "llama-3.1")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Built with Llama" in out and "§1.b.i(B)" in out
    assert "Llama 3.1 is licensed under the Llama 3.1 Community License" in out
    assert "700,000,000" in out and "§2" in out
    assert "Llama 3.1 Acceptable Use Policy" in out
    assert "fake-engagement" in out
    # 3.1 has no EU limit and no 1.h category; 3.2 has both
    assert "withheld in the EU" not in out and "circumvent-safety" not in out
    later = run_cli("licence", "show", "llama-3.2").stdout
    assert "withheld in the EU for vision, multimodal" in later and "circumvent-safety" in later


def test_show_json_holds_the_terms_and_the_policy() -> None:
    result = run_cli("licence", "show", "llama-3.2", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["licence"]["id"] == "llama-3.2"
    assert data["licence"]["schema"] == 1
    assert data["licence"]["eu_multimodal"]["modalities"] == ["vision", "multimodal"]
    keys = [c["key"] for c in data["aup"]["categories"]]
    assert "circumvent-safety" in keys and "unlawful-third-party-tools" in keys


def test_show_accepts_the_hugging_face_licence_id() -> None:
    result = run_cli("licence", "show", "llama3.3", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["licence"]["id"] == "llama-3.3"


def test_show_of_an_unknown_id_is_a_usage_error_naming_the_known_ids() -> None:
    result = run_cli("licence", "show", "llama-9")
    assert result.exit_code == 2
    assert "llama-9" in result.stderr
    for licence_id in LLAMA:
        assert licence_id in result.stderr
    assert result.stdout == ""


def test_diff_llama_3_to_3_1_lists_attribution_naming_and_output_use() -> None:
    result = run_cli("licence", "diff", "llama-3", "llama-3.1")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for aspect in ("attribution", "naming-prefix", "naming-on-outputs", "output-use", "notice"):
        assert aspect in out
    assert "Built with Meta Llama 3" in out and "Built with Llama" in out
    assert "aup-added" not in out  # the 3.1 policy adds no category


def test_diff_llama_3_1_to_3_2_lists_the_policy_additions_and_the_eu_limit() -> None:
    result = run_cli("licence", "diff", "llama-3.1", "llama-3.2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["old"], data["new"]) == ("llama-3.1", "llama-3.2")
    changes = {(c["aspect"], c["key"]) for c in data["changes"]}
    assert ("aup-added", "circumvent-safety") in changes
    assert ("aup-added", "unlawful-third-party-tools") in changes
    assert ("aup-reworded", "private-information") in changes
    assert ("aup-reworded", "military-weapons") in changes
    eu = next(c for c in data["changes"] if c["aspect"] == "eu-multimodal")
    assert eu["old"] is None and eu["new_clause"] == "AUP EU paragraph"
    assert "attribution" not in {c["aspect"] for c in data["changes"]}


def test_diff_table_names_both_clauses() -> None:
    result = run_cli("licence", "diff", "llama-3.1", "llama-3.2")
    assert result.exit_code == 0, result.stderr
    assert "AUP §1.h" in result.stdout and "AUP §5" in result.stdout


def test_diff_of_a_version_with_itself_says_there_is_no_difference() -> None:
    result = run_cli("licence", "diff", "llama-4", "llama-4")
    assert result.exit_code == 0
    assert "no differences" in result.stdout


def test_diff_with_an_unknown_id_is_a_usage_error() -> None:
    result = run_cli("licence", "diff", "llama-3", "llama-5")
    assert result.exit_code == 2
    assert "llama-5" in result.stderr and "llama-3.1" in result.stderr


def test_show_json_keeps_absent_terms_as_null() -> None:
    result = run_cli("licence", "show", "llama-2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    licence = json.loads(result.stdout)["licence"]
    assert licence["attribution"] is None and licence["naming_prefix"] is None
    assert licence["output_use"]["improve_other_models"] == "prohibited"


def test_licence_help_lists_the_commands() -> None:
    result = run_cli("licence", "--help")
    assert result.exit_code == 0
    for command in ("list", "show", "diff"):
        assert command in result.stdout
