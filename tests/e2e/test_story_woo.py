"""U1, C11 in the browser on the demo configuration (tests/e2e/demo_site.py, the embedded
background worker running): the college lifts the secrecy of an item (the clerk records its
decision in the register), the concept publication appears for the clerk, who publishes it; an
anonymous visitor finds it on the municipality's public page and downloads the clean PDF — no
watermark, no document metadata. Every page on the way is checked with axe (H1). No response
>= 500, no console error, no CSP violation."""

import io
import re
import time

import pikepdf
import pytest
from pypdf import PdfReader

from tests.e2e.conftest import AXE
from tests.e2e.demo_site import alert_text, field, follow
from tests.e2e.test_pages import AXE_TAGS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLERK = "griffier@raadwesterdijk.example"
SUBJECT = "Onderzoeksrapport integriteit aanbesteding"  # DEMO-GH-002, imposed by the college
SHORT_TITLE = "Integriteit aanbesteding"
WORKER_SECONDS = 60


def axe(page, label, capsys, seen):
    """H1: 0 WCAG 2.1 A/AA violations on the page the browser shows now."""
    page.wait_for_load_state("load")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    violations = [
        (v["id"], [" ".join(n["target"]) for n in v["nodes"][:3]]) for v in result["violations"]
    ]
    with capsys.disabled():
        print(f"\nH1 axe: page={page.url} role={label} violations={len(violations)}", end="")
    seen.append((page.url, violations))


def with_axe(page):
    page.context.add_init_script(path=str(AXE))
    return page


def test_u1_c11_lifted_published_found_and_downloaded_clean(story, capsys):
    started = time.monotonic()
    seen = []
    clerk = with_axe(story.person(CLERK))

    # The college lifted the secrecy; the clerk records its decision in the register (C5).
    follow(clerk, "Geheimhoudingsregister")
    follow(clerk, SUBJECT)
    item_path = story.site.path(clerk.url)
    follow(clerk, "Geheimhouding opheffen")
    axe(clerk, "clerk", capsys, seen)
    field(clerk, "Orgaan dat de geheimhouding ophief").select_option(
        label="College van burgemeester en wethouders"
    )
    field(clerk, "Datum van het besluit").fill(time.strftime("%Y-%m-%d"))
    field(clerk, "Kenmerk van het besluit").fill("B&W-2026-311")
    follow(clerk, "Opheffing vastleggen", role="button")
    assert "De geheimhouding is opgeheven." in clerk.content(), alert_text(clerk)
    assert "Opgeheven – nog niet gepubliceerd" in clerk.content()
    axe(clerk, "clerk", capsys, seen)

    # The embedded worker makes the concept with its clean copy; the clerk finds the task.
    deadline = time.monotonic() + WORKER_SECONDS
    while True:
        story.goto(clerk, "/woo/")
        if clerk.get_by_role("link", name=re.compile(rf"Concept bekijken van {SUBJECT}")).count():
            break
        assert time.monotonic() < deadline, "no concept publication: " + story.site.worker.log()
        time.sleep(1)
    axe(clerk, "clerk", capsys, seen)
    follow(clerk, re.compile(rf"Concept bekijken van {SUBJECT}"))
    assert clerk.get_by_role("heading", name=SUBJECT, level=1).count() == 1
    assert "vergaderstukken decentrale overheden" in clerk.content()
    assert "College van burgemeester en wethouders" in clerk.content()  # the document action
    axe(clerk, "clerk", capsys, seen)

    # The clerk edits the metadata (a form with an error first), then publishes.
    follow(clerk, "Gegevens bewerken")
    field(clerk, "Officiële titel").fill("")
    follow(clerk, "Opslaan", role="button")
    assert "Dit veld is verplicht." in alert_text(clerk) + clerk.content()
    axe(clerk, "clerk", capsys, seen)
    field(clerk, "Officiële titel").fill(SUBJECT)
    field(clerk, "Verkorte titel").fill(SHORT_TITLE)
    follow(clerk, "Opslaan", role="button")
    follow(clerk, "Publiceren")
    axe(clerk, "clerk", capsys, seen)
    follow(clerk, "Publiceren", role="button")
    assert "De publicatie staat op de openbare pagina van de gemeente." in clerk.content()
    story.goto(clerk, item_path)
    assert clerk.get_by_role("link", name="Gepubliceerd").count() == 1  # the register says so

    # An anonymous visitor: robots.txt names the sitemap; the public page finds it by title.
    visitor = with_axe(story.new_page())
    robots = story.goto(visitor, "/robots.txt").text()
    assert "/woo/openbaar/westerdijk/sitemap.xml" in robots
    story.goto(visitor, "/woo/openbaar/westerdijk/")
    axe(visitor, "anonymous", capsys, seen)
    field(visitor, "Zoeken in de titel").fill("integriteit")
    follow(visitor, "Zoeken", role="button")
    axe(visitor, "anonymous", capsys, seen)
    follow(visitor, SUBJECT)
    assert visitor.get_by_role("heading", name=SUBJECT, level=1).count() == 1
    axe(visitor, "anonymous", capsys, seen)
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name=re.compile(r"\(PDF, ")).first.click()
    content = download_info.value.path().read_bytes()
    assert content[:5] == b"%PDF-"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert SUBJECT in text
    assert "traceercode" not in text.lower() and "Persoonlijk exemplaar" not in text
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root

    bad = [(url, v) for url, v in seen if v]
    assert not bad, f"axe WCAG 2.1 A/AA violations: {bad}"
    story.assert_clean()
    with capsys.disabled():
        print(
            f"\nU1 woo: steps=9 pages_checked={len(seen)} responses={story.watch.responses} "
            f"seconds={time.monotonic() - started:.0f} problems=0"
        )
