"""B9 (QUALITY.md, issue 20): the growth curve. B1's pages and B2's throughput measured on the
data set at 1×, 3× and 10× (10, 30, 100 municipalities; 1, 3, 10 million audit events), each
run adding its point to ``benchmark-results/growth.json``; every point is compared with the 1×
point. The data set grows in place: ``bin/benchmark --scale 3`` seeds what 3× adds to 1×.

Goal: p95 of every page at 10× ≤ 1.3 × its p95 at 1×; seeding 10× under 30 minutes. A point
measured on a busier machine than the 1× point says so (the load average is kept with it).
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

GOAL = 1.3


def _data_set() -> dict:
    from portal.models import AuditEvent, Municipality
    from portal.scale import SLUG_PREFIX

    with_events = AuditEvent.objects.count()
    return {
        "municipalities": Municipality.objects.filter(slug__startswith=SLUG_PREFIX).count(),
        "audit_events": with_events,
    }


def measure(scale: int, requests: int, seconds: int, path: Path, b1, b2, figure_type) -> list:
    """Measure B1 (and B2 where wrk is installed) now, store the point for ``scale``, compare
    each page's p95 with the 1× point."""
    started_load = os.getloadavg()[0]
    pages = {}
    for figure in b1(requests):
        found = re.search(r"p95=([\d.]+)ms", figure.value)
        if found:
            pages[figure.name] = float(found.group(1))
    throughput = None
    for figure in b2(seconds):
        found = re.search(r"ours=(\d+) req/s floor=(\d+)", figure.value)
        if found:
            throughput = {"ours": int(found.group(1)), "floor": int(found.group(2))}
    point = {
        "scale": scale,
        **_data_set(),
        "pages_p95_ms": pages,
        "b2": throughput,
        "load": [started_load, os.getloadavg()[0]],
        "seed_seconds": float(os.environ["BENCH_SEED_SECONDS"])
        if os.environ.get("BENCH_SEED_SECONDS")
        else None,
        "when": time.strftime("%Y-%m-%d %H:%M %Z"),
    }
    curve = json.loads(path.read_text()) if path.exists() else {}
    curve[f"{scale}x"] = point
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(curve, indent=2, sort_keys=True) + "\n")

    base = curve.get("1x")
    label = f"{scale}x ({point['municipalities']} municipalities, {point['audit_events']:,} events)"
    figures = []
    for page, p95 in pages.items():
        if base is None or page not in base["pages_p95_ms"]:
            value, met = f"p95={p95:.1f}ms (no 1x point yet)", None
        else:
            ratio = p95 / base["pages_p95_ms"][page]
            value = f"p95={p95:.1f}ms at 1x {base['pages_p95_ms'][page]:.1f}ms ratio={ratio:.2f}"
            met = ratio <= GOAL if scale >= 10 else None
        figures.append(
            figure_type(
                "B9",
                f"{page} at {label}",
                f"{value} load={started_load:.1f}",
                f"<= {GOAL} x 1x at 10x",
                met,
            )
        )
    if throughput and base and base.get("b2"):
        ours, floor = throughput["ours"], throughput["floor"]
        figures.append(
            figure_type(
                "B9",
                f"dashboard throughput at {label}",
                f"ours={ours} req/s floor={floor} req/s ratio={ours / floor:.2f}; at 1x "
                f"ratio={base['b2']['ours'] / base['b2']['floor']:.2f}",
                "-",
                None,
            )
        )
    if point["seed_seconds"] is not None:
        minutes = point["seed_seconds"] / 60
        figures.append(
            figure_type(
                "B9",
                f"seeding up to {label}",
                f"{minutes:.1f} min (load {started_load:.1f})",
                "10x under 30 min",
                minutes < 30 if scale >= 10 else None,
            )
        )
    return figures
