"""Screenshots of the main pages for docs/images/ (run once by hand; the PNGs are committed).

Seeds a registry with a small realistic estate through the same API CI and
engineers use, logs in as a reviewer in Chromium, and saves each page.

    .venv/bin/python scripts/screenshots.py [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from weightclear import knowledge
from weightclear.outputs.json import document
from weightclear.report import run_scan
from weightclear.server import auth
from weightclear.server.app import create_app

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
PASSWORD = "screenshots only"
CHECKLIST = {
    "mau-threshold": "yes: 3.1M MAU in 2026-10 (finance report Q3)",
    "aup-alignment": "yes: customer support answers only; screened",
    "attribution": "yes: 'Built with Llama' on the About page",
    "derivatives": "n/a: no fine-tuned weights shipped",
}
SOURCES = {
    "Acme Support": 'chat = load("meta-llama/Llama-3.1-8B-Instruct")\nemb = load("BAAI/bge-small-en-v1.5")\n',
    "Acme Search": 'rank = load("meta-llama/Llama-3.2-3B-Instruct")\n',
    "Field Assistant": (
        'vision = load("meta-llama/Llama-3.2-11B-Vision-Instruct")\nbase = load("google/gemma-2-9b-it")\n'
    ),
    "Claims Triage": 'm = load("Qwen/Qwen2.5-7B-Instruct")\nn = load("mistralai/Mistral-7B-Instruct-v0.3")\n',
}


def scan_of(source: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "app.py").write_text(source)
        data: dict[str, Any] = document(run_scan(Path(tmp), knowledge.load()))
        return data


def seed(base: str, tokens: dict[str, str]) -> int:
    """The estate; returns the id of the pending sign-off with a licence diff."""
    eng = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {tokens['eve']}"})
    rev = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {tokens['rob']}"})
    for product, source in SOURCES.items():
        doc = scan_of(source)
        for env in ("staging", "prod"):
            eng.post(
                "/api/v1/scans", params={"product": product, "environment": env, "deploy": "true"}, json=doc
            )
        eng.put(f"/api/v1/products/{product}/owner", json={"owner": "Jane Doe <jane@acme.example>"})
    old = eng.post(
        "/api/v1/signoffs", json={"product": "Acme Support", "licence": "llama-3", "checklist": CHECKLIST}
    )
    rev.post(f"/api/v1/signoffs/{old.json()['id']}/approve", json={"notes": "LEGAL-142"})
    searched = eng.post(
        "/api/v1/signoffs", json={"product": "Acme Search", "licence": "llama-3.2", "checklist": CHECKLIST}
    )
    rev.post(f"/api/v1/signoffs/{searched.json()['id']}/approve", json={"notes": "LEGAL-150"})
    upgrade = {
        "product": "Acme Support",
        "licence": "llama-3.1",
        "models": ["meta-llama/Llama-3.1-8B-Instruct"],
        "checklist": CHECKLIST,
        "notes": "Upgrade from Llama 3 8B to 3.1 8B for longer context.",
    }
    pending = eng.post("/api/v1/signoffs", json=upgrade)
    partial = {"mau-threshold": "yes: 40k MAU"}
    field = {
        "product": "Field Assistant",
        "licence": "llama-3.2",
        "environment": "prod",
        "checklist": partial,
    }
    eng.post("/api/v1/signoffs", json=field)
    waiver = {
        "product": "Claims Triage",
        "code": "ATTRIBUTION_MISSING",
        "licence": None,
        "reason": "internal pilot, no public surface",
        "expires": "2027-03-31",
    }
    rev.post("/api/v1/waivers", json=waiver)
    return int(pending.json()["id"])


def serve(db: str) -> tuple[str, dict[str, str], uvicorn.Server]:
    app = create_app(db, "screenshots")
    engine = app.state.wc.registry.engine
    tokens = {}
    for name, role in (
        ("rita", auth.Role.REVIEWER),
        ("rob", auth.Role.REVIEWER),
        ("eve", auth.Role.ENGINEER),
    ):
        user = auth.create_user(engine, name, role, PASSWORD)
        tokens[name] = auth.create_token(engine, user, "screenshots")[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=18765, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return "http://127.0.0.1:18765", tokens, server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--chromium", default=os.environ.get("WEIGHTCLEAR_TEST_CHROMIUM", "/usr/bin/chromium")
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        base, tokens, server = serve(f"sqlite:///{Path(tmp) / 'demo.sqlite3'}")
        pending = seed(base, tokens)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=args.chromium,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
            page.goto(f"{base}/login")
            page.screenshot(path=str(OUT / "login.png"))
            page.fill("input[name=name]", "rita")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/")
            shots = {
                "dashboard": "/",
                "queue": "/queue",
                "signoff": f"/signoffs/{pending}",
                "product": "/products/Acme%20Support",
                "licence-compare": "/licences/llama-3?compare=llama-3.1",
                "audit": "/audit",
            }
            for name, path in shots.items():
                page.goto(base + path)
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
                print(f"docs/images/{name}.png", file=sys.stderr)
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
