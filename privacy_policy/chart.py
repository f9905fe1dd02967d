"""The status-over-time chart (P4) as data for an inline SVG drawn by the template: stacked
bars per month. Generated on the server; no script, no style attribute (the CSP forbids both),
only SVG presentation attributes. The same numbers are in a table next to it (WCAG 1.1.1)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format

from .constants import STATUS_FILL, DisplayStatus

WIDTH, HEIGHT = 720, 240
LEFT, BOTTOM, TOP = 40, 30, 10
ORDER = [DisplayStatus.DONE, DisplayStatus.IN_PROGRESS, DisplayStatus.NEW, DisplayStatus.OVERDUE]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str


def stacked_bars(timeline) -> dict:
    """``timeline``: [(date, {status: count})]. Returns bars, axis labels and the scale."""
    highest = max((sum(c.values()) for _d, c in timeline), default=0) or 1
    plot_h = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(timeline), 1)
    labels = dict(DisplayStatus.choices)
    bars, ticks = [], []
    for i, (moment, counts) in enumerate(timeline):
        x = LEFT + i * slot + slot * 0.15
        y = HEIGHT - BOTTOM
        for status in ORDER:
            n = counts.get(status, 0)
            if not n:
                continue
            h = plot_h * n / highest
            y -= h
            bars.append(
                Bar(
                    round(x, 1),
                    round(y, 1),
                    round(slot * 0.7, 1),
                    round(h, 1),
                    STATUS_FILL[status],
                    f"{date_format(moment, 'M Y')}: {labels[status]} {n}",
                )
            )
        ticks.append({"x": round(x + slot * 0.35, 1), "label": date_format(moment, "M")})
    return {
        "bars": bars,
        "ticks": ticks,
        "width": WIDTH,
        "height": HEIGHT,
        "axis_y": HEIGHT - BOTTOM,
        "label_y": HEIGHT - 10,
        "left": LEFT,
        "highest": highest,
        "legend": [(labels[s], STATUS_FILL[s]) for s in ORDER],
    }
