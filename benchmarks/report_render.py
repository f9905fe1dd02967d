"""B4 (QUALITY.md): render a 1,000-row audit extract to PDF and compare with the floor —
WeasyPrint on the same HTML with its defaults (no URL fetcher of ours, no PDF/UA tagging).

    .venv/bin/python benchmarks/report_render.py [--rows 1000] [--repeat 3]

Each measurement runs in a fresh child process, so its peak memory (ru_maxrss) is its own.
Prints one line per figure; asserts nothing (machines are shared and noisy)."""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()


def extract_html(rows: int) -> str:
    """The real template with synthetic events shaped as ``events_for`` returns them."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    start = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    events = [
        {
            "seq": 100_000 + i,
            "created_at": start + timedelta(seconds=37 * i),
            "actor_label": f"medewerker{i % 40}@gemeente.example",
            "action": ("document.opened", "report.downloaded", "membership.add")[i % 3],
            "object_type": "confidentiality.item",
            "object_repr": f"Geheimhoudingsbesluit {i}: grondexploitatie deelgebied {i % 12}",
            "result": "success",
            "result_label": "Geslaagd",
            "channel": "web",
            "ip_address": f"10.0.{i % 250}.{i % 200}",
        }
        for i in range(rows)
    ]
    job = SimpleNamespace(municipality=SimpleNamespace(name="Gemeente Benchmark"))
    return render_to_string(
        "pdf/audit_extract.html",
        {
            "job": job,
            "report_title": "Uittreksel uit de audittrail",
            "language_code": "nl",
            "watermark": {
                "recipient_name": "Privacy Functionaris",
                "recipient_email": "fg@gemeente.example",
                "made_at": timezone.now(),
                "trace_code": "7KQ2-M9XD-4HPA",
            },
            "municipality": job.municipality,
            "filters": {},
            "result_label": "",
            "events": events,
            "truncated": False,
            "max_rows": rows,
        },
    )


def child(mode: str, html_path: str) -> None:
    setup_django()
    html = Path(html_path).read_text()
    started = time.perf_counter()
    if mode == "ours":
        from portal.reports.pdf import html_to_pdf

        result = html_to_pdf(html)
        pages, size = result.pages, len(result.content)
    else:
        import weasyprint

        from portal.reports.pdf import PDF_BASE_URL

        # The floor still needs the stylesheet: resolve it the plain way, from the file.
        # "floor-ua" also tags the PDF (PDF/UA-1), as ours does for accessibility.
        options = {"pdf_variant": "pdf/ua-1", "pdf_tags": True} if mode == "floor-ua" else {}
        css = weasyprint.CSS(filename=str(ROOT / "static/portal/pdf.css"))
        document = weasyprint.HTML(string=html, base_url=PDF_BASE_URL).render(
            stylesheets=[css], **options
        )
        content = document.write_pdf(**options)
        pages, size = len(document.pages), len(content)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {peak_mb:.1f} {pages} {size}")


def measure(mode: str, html_path: str) -> tuple[float, float, int, int]:
    out = subprocess.run(  # noqa: S603 - this script, with arguments it made itself
        [sys.executable, __file__, "--child", mode, html_path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), int(out[3])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "HTML"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    setup_django()
    html_path = Path(tempfile.gettempdir()) / f"b4-extract-{os.getpid()}.html"
    html_path.write_text(extract_html(args.rows))
    try:
        figures = {}
        for mode in ("floor", "floor-ua", "ours"):
            runs = [measure(mode, str(html_path)) for _ in range(args.repeat)]
            figures[mode] = (
                statistics.median(r[0] for r in runs),
                max(r[1] for r in runs),
                runs[0][2],
                runs[0][3],
            )
            seconds, peak, pages, size = figures[mode]
            print(
                f"B4 pdf-{mode}: rows={args.rows} pages={pages} size_kb={size // 1024} "
                f"seconds_median={seconds:.2f} peak_rss_mb={peak:.0f}"
            )
        ours, floor, floor_ua = (figures[m][0] for m in ("ours", "floor", "floor-ua"))
        print(
            f"B4 audit-extract-pdf: ours={ours:.2f}s floor={floor:.2f}s ratio={ours / floor:.2f} "
            f"floor_ua={floor_ua:.2f}s ratio_ua={ours / floor_ua:.2f} "
            f"peak_rss_mb={figures['ours'][1]:.0f} (goal: ratio <= 1.1, <= 10 s, <= 400 MB)"
        )
    finally:
        html_path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
