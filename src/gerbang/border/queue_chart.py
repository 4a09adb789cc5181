"""The board's chart of the next two hours: arrivals forecast against capacity, as inline SVG."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 240, 44, 28, 12


@dataclass(frozen=True)
class ChartSlice:
    """One 15-minute slice: travellers expected, and what the lanes open now and as advised can clear."""

    start: datetime
    arrivals: float
    capacity_open: float
    capacity_advised: float


def chart_svg(slices: Sequence[ChartSlice], *, title: str) -> Markup:
    """Bars for arrivals, a solid line for capacity now, a dashed one for capacity as advised."""
    if not slices:
        return Markup("")
    top = max(max(s.arrivals, s.capacity_open, s.capacity_advised) for s in slices) or 1.0
    top *= 1.1
    plot_w, plot_h = WIDTH - PAD_LEFT - 8, HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / len(slices)

    def y(value: float) -> float:
        return PAD_TOP + plot_h - value / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="chart" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{PAD_LEFT}" y1="{PAD_TOP + plot_h}" x2="{WIDTH - 8}" '
        f'y2="{PAD_TOP + plot_h}" stroke="#555"/>',
    ]
    for tick in (0.0, top / 2, top / 1.1):
        parts.append(
            f'<text x="{PAD_LEFT - 6}" y="{y(tick) + 4:.1f}" font-size="11" '
            f'text-anchor="end">{tick:.0f}</text>'
        )
    for index, piece in enumerate(slices):
        x = PAD_LEFT + index * step
        parts.append(
            f'<rect class="arrivals" x="{x + step * 0.15:.1f}" y="{y(piece.arrivals):.1f}" '
            f'width="{step * 0.7:.1f}" '
            f'height="{PAD_TOP + plot_h - y(piece.arrivals):.1f}" fill="#7aa6d8">'
            f"<title>{piece.start:%H:%M}: {piece.arrivals:.0f}</title></rect>"
        )
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{HEIGHT - 10}" font-size="11" text-anchor="middle">'
            f"{piece.start:%H:%M}</text>"
        )
    for name, attribute, dash in (
        ("capacity-open", "capacity_open", ""),
        ("capacity-advised", "capacity_advised", ' stroke-dasharray="6 4"'),
    ):
        points = " ".join(
            f"{PAD_LEFT + (k + 0.5) * step:.1f},{y(getattr(piece, attribute)):.1f}"
            for k, piece in enumerate(slices)
        )
        colour = "#b03a2e" if name == "capacity-open" else "#17663a"
        parts.append(
            f'<polyline class="{name}" points="{points}" fill="none" stroke="{colour}" '
            f'stroke-width="2.5"{dash}/>'
        )
    parts.append("</svg>")
    # Only numbers, times and the escaped title go into the markup.
    return Markup("".join(parts))  # noqa: S704
