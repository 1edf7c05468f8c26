"""Golden files: every export of examples/demo-app, byte for byte (regenerate: scripts/update_golden.py)."""

from __future__ import annotations

import json

import pytest
from scripts.update_golden import GOLDEN, demo_report, renderers
from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser
from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

from conftest import REPO
from weightclear.report import ScanReport

HINT = "an export changed; if that is intended, run `python scripts/update_golden.py` and review the diff"


@pytest.fixture(scope="module")
def report() -> ScanReport:
    if not (REPO / "examples" / "demo-app").is_dir():
        pytest.skip("examples/demo-app is missing")
    return demo_report()


@pytest.mark.parametrize("name", sorted(renderers()))
def test_golden(name: str, report: ScanReport) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    actual = renderers()[name](report)
    assert actual == expected, HINT


def test_golden_spdx_is_valid() -> None:
    # (The CycloneDX schema check costs seconds per document: test_units and test_cli run it.)
    spdx = JsonLikeDictParser().parse(json.loads((GOLDEN / "demo.spdx.json").read_text(encoding="utf-8")))
    assert validate_full_spdx_document(spdx) == []
