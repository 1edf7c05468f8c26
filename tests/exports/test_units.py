"""Units: every licence in the knowledge base exports validly; the pack digest; the checklist file."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from cyclonedx.spdx import is_supported_id
from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser
from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

from exports.support import cyclonedx_validator
from weightclear import knowledge
from weightclear.compare import API_ITEMS, compare_licences, default_ids, load_api_checklist
from weightclear.errors import ConfigError
from weightclear.model import Evidence, Location, Modality, ModelUse, Reference, Role
from weightclear.outputs import OutputFormat, writer_for
from weightclear.outputs.cyclonedx import CycloneDxWriter
from weightclear.outputs.evidence import PackFormat, PackInputs, RegistryFacts, render
from weightclear.outputs.evidence.pack import digest
from weightclear.outputs.spdx import SpdxWriter
from weightclear.report import ScanReport

KB = knowledge.load()
WHEN = dt.datetime(2025, 1, 31, 12, 0, tzinfo=dt.UTC)
SERIAL = uuid.UUID(int=1)


def _report(*uses: ModelUse) -> ScanReport:
    return ScanReport(
        schema_version="1.0",
        tool_version="0.0.0",
        knowledge_digest=KB.digest,
        config_digest=None,
        root="tree",
        evidence=Evidence(root="tree"),
        models=uses,
        results=(),
    )


def _every_licence() -> ScanReport:
    """One used model per knowledge-base licence, each derived from a base, plus an unresolved one."""
    uses = [
        ModelUse(
            model_id=f"org/model-under-{lid}",
            family=terms.family,
            licence_id=lid,
            modality=Modality.TEXT,
            lineage=(f"org/base-{lid}",),
            references=(
                Reference(
                    location=Location(path="app.py", line=n + 1), text="x", kind="hf-id", role=Role.USE
                ),
            ),
        )
        for n, (lid, terms) in enumerate(sorted(KB.licences.items()))
    ]
    uses.append(ModelUse(model_id="mystery model", family=None, licence_id=None, modality=None))
    return _report(*uses)


def _write(writer: CycloneDxWriter | SpdxWriter, report: ScanReport) -> str:
    out = io.StringIO()
    writer.write(report, out)
    return out.getvalue()


def test_every_licence_gives_a_valid_cyclonedx_licence() -> None:
    text = _write(CycloneDxWriter(kb=KB, clock=lambda: WHEN, serial=lambda: SERIAL), _every_licence())
    assert cyclonedx_validator().validate_str(text) is None
    for component in json.loads(text)["components"]:
        licence = component["licenses"][0]["license"]
        assert "id" not in licence or is_supported_id(licence["id"]), licence


def test_every_licence_gives_a_valid_spdx_document() -> None:
    text = _write(SpdxWriter(kb=KB, clock=lambda: WHEN, serial=lambda: SERIAL), _every_licence())
    document = JsonLikeDictParser().parse(json.loads(text))
    assert validate_full_spdx_document(document) == []


def test_writers_are_deterministic_with_a_fixed_clock_and_serial() -> None:
    report = _every_licence()
    for make in (CycloneDxWriter, SpdxWriter):
        first = _write(make(kb=KB, clock=lambda: WHEN, serial=lambda: SERIAL), report)
        assert first == _write(make(kb=KB, clock=lambda: WHEN, serial=lambda: SERIAL), report)
        assert "2025-01-31T12:00:00" in first


@pytest.mark.parametrize("fmt", [OutputFormat.CYCLONEDX, OutputFormat.SPDX, OutputFormat.HTML])
def test_my_formats_are_manifests(fmt: OutputFormat) -> None:
    writer = writer_for(fmt)
    assert writer.is_manifest
    out = io.StringIO()
    writer.write(_report(), out)  # an empty scan still gives a document
    assert out.getvalue().strip()


def _pack(**changes: object) -> PackInputs:
    base = PackInputs(report=_every_licence(), product="P", generated=WHEN)
    return replace(base, **changes)  # type: ignore[arg-type]


def test_pack_digest_is_stable_and_tied_to_the_audit_head() -> None:
    assert digest(_pack()) == digest(_pack(generated=WHEN + dt.timedelta(days=3)))  # the date is not asserted
    one = RegistryFacts(location="db", audit_entries=7, audit_head="a" * 64)
    two = replace(one, audit_entries=8, audit_head="b" * 64)
    assert len({digest(_pack()), digest(_pack(registry=one)), digest(_pack(registry=two))}) == 3


@pytest.mark.parametrize("fmt", [PackFormat.MARKDOWN, PackFormat.HTML])
def test_pack_renders_every_licence(fmt: PackFormat) -> None:
    text = render(_pack(), fmt, KB).decode("utf-8")
    for lid in KB.licences:
        assert lid in text
    assert digest(_pack()) in text


def test_compare_has_a_fact_for_every_aspect_of_every_agreement() -> None:
    ids = default_ids(KB)
    assert "llama-3.1" in ids and "apache-2.0" not in ids
    for row in compare_licences(KB, ids):
        assert all(row.value(lid) for lid in ids), row.aspect


def test_checklist_rejects_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('provider = "X"\nauto_renew = { answer = "yes" }\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="auto_renew"):
        load_api_checklist(path)
    path.write_text('provider = "X"\n[data_use]\nanswer = "No"\nnotes = "opt-out signed"\n', encoding="utf-8")
    filled = load_api_checklist(path)
    assert [i.key for i in filled.items] == [k for k, _ in API_ITEMS]
    answers = {i.key: (i.answer, i.notes) for i in filled.items}
    assert answers["data_use"] == ("no", "opt-out signed")
    assert len(filled.open_items) == len(API_ITEMS) - 1
