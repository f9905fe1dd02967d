"""H1 for Woo publication (C11, C12): every page the griffie and an anonymous visitor reach, on
the demo data, with 0 WCAG 2.1 A/AA violations by axe-core — forms with errors and the 410 of
a withdrawn publication included."""

import re

import pytest

from tests.e2e.test_pages import ROLES, Walk, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLISHED = "Vertrouwelijke bijlage begroting zwembad"  # DEMO-GH-003, lifted and published
REQUESTED = "Grondaankoop bedrijventerrein De Vaart"  # DEMO-GH-001, with a Woo request


def open_link(page, name):
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state("load")


def test_h1_axe_woo_pages_as_the_clerk_and_anonymous(demo, page, capsys):
    base = demo["url"]
    walk = Walk(page, base, "clerk", capsys)
    sign_in(page, base, ROLES["clerk"])

    walk.check("woo-list", goto="/woo/")
    open_link(page, PUBLISHED)
    walk.check("publication-detail")
    publication_path = page.url.removeprefix(base)
    open_link(page, "Openbare pagina")
    walk.check("public-detail-from-clerk")

    walk.check("requests", goto="/woo/verzoeken/")
    open_link(page, REQUESTED)
    walk.check("request-detail")
    open_link(page, "Termijn verdagen")
    walk.check("request-extend")
    page.get_by_role("button", name="Verdagen").click()  # empty: the reason is missing
    page.wait_for_load_state("load")
    assert page.get_by_role("alert").count() >= 1
    walk.check("request-extend-errors")
    page.go_back()
    page.go_back()
    page.wait_for_load_state("load")
    open_link(page, "Beslissing vastleggen")
    walk.check("request-decide")

    walk.check("register", goto="/geheimhouding/")
    open_link(page, REQUESTED)
    assert "Woo-verzoek: beslissen uiterlijk" in page.content()
    walk.check("register-item-with-woo-request")
    open_link(page, "Woo-verzoek vastleggen")
    walk.check("request-register")

    page.goto(base + publication_path)
    open_link(page, "Intrekken")
    walk.check("withdraw-form")
    page.get_by_label("Reden van intrekking", exact=True).fill("Procedurefout bij het opheffen.")
    page.get_by_role("button", name="Intrekken").click()
    page.wait_for_load_state("load")
    assert "De publicatie is ingetrokken." in page.content()
    walk.check("publication-withdrawn")
    public_path = re.sub(r"^/woo/", "/woo/openbaar/westerdijk/", publication_path)

    anonymous = page.context.browser.new_context(locale="nl-NL")
    from tests.e2e.conftest import AXE

    anonymous.add_init_script(path=str(AXE))
    visitor = anonymous.new_page()
    visitor.csp_errors = []
    visitor.on(
        "console",
        lambda msg: (
            visitor.csp_errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    public = Walk(visitor, base, "anonymous", capsys)
    public.check("public-list", goto="/woo/openbaar/westerdijk/")
    public.check("public-search-empty", goto="/woo/openbaar/westerdijk/?q=bestaat-niet")
    public.check("public-withdrawn-410", goto=public_path, expect_status=410)
    public.check("public-list-other", goto="/woo/openbaar/oosterbroek/")
    open_link(visitor, PUBLISHED)
    public.check("public-detail")
    anonymous.close()
    walk.assert_clean()
    public.assert_clean()
