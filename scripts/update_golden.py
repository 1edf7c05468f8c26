"""Regenerate the export golden files from examples/demo-app: `python scripts/update_golden.py`.

The tests (tests/exports/test_golden.py) render the same way and compare.
Volatile fields are fixed here, not patched afterwards: the clock, the BOM
serial number, the tool version and the knowledge digest (which changes with
every knowledge-base edit, while what the files show only changes when the
terms the demo uses change). Run it after a change to a writer, a template,
the demo or the knowledge it shows, and review the diff like code.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from weightclear import knowledge
from weightclear.outputs.cyclonedx import CycloneDxWriter
from weightclear.outputs.evidence import PackFormat, PackInputs, render
from weightclear.outputs.html import HtmlWriter
from weightclear.outputs.spdx import SpdxWriter
from weightclear.report import ScanReport, run_scan

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo-app"
GOLDEN = REPO / "tests" / "exports" / "golden"
WHEN = dt.datetime(2025, 6, 30, 9, 0, tzinfo=dt.UTC)
SERIAL = uuid.UUID("00000000-0000-4000-8000-000000000001")


def demo_report() -> ScanReport:
    """The demo scanned with its own weightclear.toml, volatile fields fixed."""
    kb = knowledge.load()
    report = run_scan(DEMO, kb, config=DEMO / "weightclear.toml")
    return replace(report, tool_version="0.0.0-golden", knowledge_digest="golden", root="demo-app")


def _writer_text(writer: CycloneDxWriter | SpdxWriter | HtmlWriter, report: ScanReport) -> str:
    out = io.StringIO()
    writer.write(report, out)
    return out.getvalue()


def _pack(report: ScanReport) -> PackInputs:
    return PackInputs(report=report, product="Acme Support", generated=WHEN)


def renderers() -> dict[str, Callable[[ScanReport], str]]:
    """Golden file name -> how it is rendered from the demo report."""
    kb = knowledge.load()
    return {
        "demo.cdx.json": lambda r: _writer_text(
            CycloneDxWriter(kb=kb, clock=lambda: WHEN, serial=lambda: SERIAL), r
        ),
        "demo.spdx.json": lambda r: _writer_text(
            SpdxWriter(kb=kb, clock=lambda: WHEN, serial=lambda: SERIAL), r
        ),
        "demo.evidence.md": lambda r: render(_pack(r), PackFormat.MARKDOWN, kb).decode("utf-8"),
        "demo.evidence.html": lambda r: render(_pack(r), PackFormat.HTML, kb).decode("utf-8"),
        "demo.scan.html": lambda r: _writer_text(HtmlWriter(kb=kb, clock=lambda: WHEN), r),
    }


def main() -> int:
    """Write every golden file; print the ones that changed."""
    report = demo_report()
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, make in renderers().items():
        path = GOLDEN / name
        text = make(report)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"updated {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
