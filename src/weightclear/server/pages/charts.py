"""Small SVG charts drawn on the server: no JavaScript, no external library, readable when printed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#2f5d8a", "#3f8f6b", "#c7802a", "#8a4f9e", "#b2453c", "#4f7f8f", "#7a7a3a", "#5a5a5a")
STATE_COLOURS = {
    "approved": "#3f8f6b",
    "pending": "#c7802a",
    "rejected": "#b2453c",
    "review-required": "#8a4f9e",
    "missing": "#b2453c",
}


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str | None = None


def bars(items: Sequence[Bar], *, title: str, width: int = 460, row: int = 26) -> str:
    """A horizontal bar chart as an SVG element (already escaped)."""
    if not items:
        return f'<p class="empty">{escape(title)}: nothing yet.</p>'
    label_w, value_w = 210, 40
    top = 8
    height = top + row * len(items) + 4
    peak = max(i.value for i in items) or 1
    span = width - label_w - value_w
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for n, item in enumerate(items):
        y = top + n * row
        w = max(2, round(span * item.value / peak))
        colour = item.colour or PALETTE[n % len(PALETTE)]
        label = item.label if len(item.label) <= 28 else item.label[:27] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + row / 2 + 4}" text-anchor="end" class="chart-label">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{row - 8}" rx="3" fill="{colour}">'
            f"<title>{escape(item.label)}: {item.value}</title></rect>"
            f'<text x="{label_w + w + 6}" y="{y + row / 2 + 4}" class="chart-value">{item.value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
