"""The user side: `weightclear scan` and `weightclear init` on small trees the tests build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SCHEMAS, run_cli
from weightclear.context import parse_config

HOSTED = """\
[organisation]
country = "US"
licensee_type = "company"
monthly_active_users = 1_000_000

[product]
distribution = "hosted"
use_case = "Answer customers' questions about their orders."
attribution_owner = "Jane"

[[approvals]]
licence = "llama-3.1"
approved_by = "Legal"
date = 2025-01-02
"""


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


WAIVER = (
    '\n[[waivers]]\ncode = "ATTRIBUTION_MISSING"\nreason = "new"\napproved_by = "Legal"\nexpires = EXPIRES\n'
)
NOTICE = (
    "Llama 3.1 is licensed under the Llama 3.1 Community License, "
    "Copyright © Meta Platforms, Inc. All Rights Reserved."
)
CARD = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# Acme\n"
APP = {"app/llm.py": 'MODEL = "meta-llama/Llama-3.1-8B-Instruct"\n'}


def findings(root: Path, *args: str) -> tuple[int, dict[str, str]]:
    result = run_cli("scan", str(root), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    return result.exit_code, {f["code"]: f["status"] for f in data["findings"]}


def test_missing_display_string_fails_the_check(tmp_path: Path) -> None:
    root = tree(tmp_path, {**APP, "weightclear.toml": HOSTED})
    code, found = findings(root)
    assert code == 1
    assert found == {"ATTRIBUTION_MISSING": "violated"}
    assert findings(root, "--fail-on", "never")[0] == 0


def test_internal_use_is_clean(tmp_path: Path) -> None:
    root = tree(tmp_path, {**APP, "weightclear.toml": HOSTED.replace('"hosted"', '"internal"')})
    assert findings(root) == (0, {})


def test_mau_above_the_limit_in_the_month_before_release(tmp_path: Path) -> None:
    config = HOSTED.replace(
        "monthly_active_users = 1_000_000",
        'monthly_active_users = [{ month = "2024-06", users = 800_000_000 }]',
    )
    root = tree(tmp_path, {**APP, "weightclear.toml": config.replace('"hosted"', '"internal"')})
    assert findings(root) == (1, {"MAU_LICENCE_REQUIRED": "violated"})


def test_a_waiver_silences_its_finding_and_is_still_listed(tmp_path: Path) -> None:
    waiver = WAIVER.replace("EXPIRES", "2999-01-01")
    root = tree(tmp_path, {**APP, "weightclear.toml": HOSTED + waiver})
    result = run_cli("scan", str(root), "--format", "json")
    assert result.exit_code == 0
    waived = [r for r in json.loads(result.stdout)["results"] if r["waived_by"]]
    assert [r["code"] for r in waived] == ["ATTRIBUTION_MISSING"]


def test_an_expired_waiver_silences_nothing(tmp_path: Path) -> None:
    waiver = WAIVER.replace("EXPIRES", "2020-01-01")
    root = tree(tmp_path, {**APP, "weightclear.toml": HOSTED + waiver})
    assert findings(root) == (1, {"ATTRIBUTION_MISSING": "violated"})


def test_invalid_config_exits_2_naming_key_and_line(tmp_path: Path) -> None:
    root = tree(
        tmp_path, {**APP, "weightclear.toml": HOSTED.replace("attribution_owner", "atribution_owner")}
    )
    result = run_cli("scan", str(root))
    assert result.exit_code == 2
    assert (
        "weightclear.toml:9 [product.atribution_owner]" in result.stderr
        and "product.atribution_owner" in result.stderr
    )
    assert "unknown key" in result.stderr


def test_unknown_waiver_code_exits_2(tmp_path: Path) -> None:
    waiver = (
        '\n[[waivers]]\ncode = "ATTRIBUTION_GONE"\nreason = "r"\napproved_by = "L"\nexpires = 2999-01-01\n'
    )
    root = tree(tmp_path, {**APP, "weightclear.toml": HOSTED + waiver})
    result = run_cli("scan", str(root))
    assert result.exit_code == 2 and "waivers.0.code" in result.stderr


def test_shipped_derivative_folder(tmp_path: Path) -> None:
    derivative = (
        '\n[[derivatives]]\nname = "Acme-8B"\npath = "release/acme"\n'
        'base_model = ["meta-llama/Llama-3.1-8B-Instruct"]\nexposure = "distributed"\n'
    )
    root = tree(
        tmp_path,
        {
            "weightclear.toml": HOSTED.replace('"hosted"', '"internal"') + derivative,
            "release/acme/NOTICE": NOTICE,
            "release/acme/README.md": CARD,
        },
    )
    code, found = findings(root)
    assert code == 1
    assert found == {
        "DERIVATIVE_NAME_PREFIX_MISSING": "violated",
        "LICENCE_COPY_MISSING": "violated",
        "LICENCE_MISMATCH": "violated",
        "ATTRIBUTION_MISSING": "violated",
    }


def test_sarif_from_the_cli_is_valid_and_anchored(tmp_path: Path) -> None:
    root = tree(
        tmp_path, {**APP, "weightclear.toml": HOSTED.replace("monthly_active_users = 1_000_000\n", "")}
    )
    result = run_cli("scan", str(root), "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
        for loc in r["locations"]
    }
    assert uris == {"weightclear.toml"}, "findings without a file point at the config"
    rules = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert rules == {"ATTRIBUTION_MISSING", "MAU_UNDECLARED"}
    schema = SCHEMAS / "sarif-schema-2.1.0.json"
    if schema.is_file():
        import jsonschema

        jsonschema.Draft4Validator(json.loads(schema.read_text(encoding="utf-8"))).validate(log)


def test_markdown_from_the_cli(tmp_path: Path) -> None:
    root = tree(tmp_path, {**APP, "weightclear.toml": HOSTED})
    result = run_cli("scan", str(root), "--format", "markdown", "--fail-on", "warn")
    assert result.exit_code == 1
    assert result.stdout.startswith("<!-- weightclear -->") and "ATTRIBUTION_MISSING" in result.stdout


def test_attribution_found_in_a_page_split_by_tags(tmp_path: Path) -> None:
    from weightclear.discovery.scanners import build

    if not any(s.name == "attribution" for s in build(None)):
        pytest.skip("AttributionScanner is not wired into discovery/scanners.py yet")
    page = 'export const Credits = () => <p>Built with{" "}<b>Llama</b></p>;\n'
    root = tree(tmp_path, {**APP, "weightclear.toml": HOSTED, "web/Credits.tsx": page})
    assert findings(root) == (0, {})


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = tree(tmp_path, APP)
    first = run_cli("init", str(root))
    assert first.exit_code == 0, first.stderr
    text = (root / "weightclear.toml").read_text(encoding="utf-8")
    assert 'id = "meta-llama/Llama-3.1-8B-Instruct"' in text
    ctx = parse_config(text)
    assert ctx.models[0].id == "meta-llama/Llama-3.1-8B-Instruct"
    again = run_cli("init", str(root))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run_cli("init", str(root), "--force").exit_code == 0
    assert run_cli("scan", str(root), "--fail-on", "never").exit_code == 0


@pytest.mark.parametrize(
    ("use_case", "expected"),
    [
        ("Help engineers design nerve agents.", {"AUP_PROHIBITED": "violated"}),
        ("Give patients a diagnosis for their symptoms.", {"AUP_REVIEW_REQUIRED": "review"}),
    ],
)
def test_declared_use_case_is_screened(tmp_path: Path, use_case: str, expected: dict[str, str]) -> None:
    config = HOSTED.replace('"hosted"', '"internal"').replace(
        "Answer customers' questions about their orders.", use_case
    )
    root = tree(tmp_path, {**APP, "weightclear.toml": config})
    assert findings(root, "--fail-on", "never")[1] == expected


def test_report_keeps_the_screenings(tmp_path: Path) -> None:
    from weightclear.knowledge import load
    from weightclear.report import run_scan

    root = tree(tmp_path, {**APP, "weightclear.toml": HOSTED})
    report = run_scan(root, load())
    assert [(s.licence_id, s.verdict) for s in report.screenings] == [("llama-3.1", "permitted")]


def test_missing_release_folder_is_reported_not_fatal(tmp_path: Path) -> None:
    derivative = (
        '\n[[derivatives]]\nname = "Llama-X"\npath = "release/x"\nbase_model = ["meta-llama/Llama-3.1-8B"]\n'
    )
    root = tree(tmp_path, {**APP, "weightclear.toml": HOSTED.replace('"hosted"', '"internal"') + derivative})
    code, found = findings(root)
    assert code == 1
    assert found == {
        "LICENCE_COPY_MISSING": "violated",
        "NOTICE_MISSING": "violated",
        "ATTRIBUTION_MISSING": "violated",
    }


def test_the_demo_shows_met_and_unmet_obligations() -> None:
    demo = Path(__file__).resolve().parents[2] / "examples" / "demo-app"
    result = run_cli("scan", str(demo), "--config", str(demo / "weightclear.toml"), "--format", "json")
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    unmet = {f["code"] for f in data["findings"]}
    assert {
        "EU_MULTIMODAL_RESTRICTED",
        "LICENCE_COPY_MISSING",
        "ATTRIBUTION_WRONG_TEXT",
        "VERSION_REVIEW_REQUIRED",
    } <= unmet
    met = {(r["code"], r["model"]) for r in data["results"] if r["status"] == "satisfied"}
    assert ("ATTRIBUTION_MISSING", "meta-llama/Llama-3.1-8B-Instruct") in met
    assert ("NOTICE_MISSING", "Llama-Acme-Support-8B") in met
    assert [r["code"] for r in data["results"] if r["waived_by"]] == ["DERIVATIVE_NAME_PREFIX_MISSING"]
