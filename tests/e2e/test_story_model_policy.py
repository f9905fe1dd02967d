"""U1, seed 001 (Twente, the "kapstok"): the story as the people live it, in the browser, on the
demo configuration (tests/e2e/demo_site.py).

The model policy "Gegevensverwerking en privacy in het sociaal domein" is shared by every
municipality of the installation (P7, the only shared object, T1). The privacy officers of
Westerdijk and Oosterbroek each adopt its latest version with a deviation of their own; each sees
their own adoption and deviation and nothing of the other's, and the other's adoption answers 404
(T1). No response >= 500, no console error, no CSP violation.
"""

import re
import time

import pytest

from tests.e2e.demo_site import choose, field, follow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MODEL_POLICY = "Gegevensverwerking en privacy in het sociaal domein"
OFFICERS = {
    "Westerdijk": "privacy@westerdijk.example",
    "Oosterbroek": "privacy@oosterbroek.example",
}
DEVIATION = {
    "Westerdijk": ("Inzage binnen twee weken, via het wijkteam.", "Kortere termijn in Westerdijk"),
    "Oosterbroek": ("Inzage op afspraak in het gemeentehuis.", "Geen wijkteams in Oosterbroek"),
}


def open_model_policy(story, page):
    story.goto(page, "/")
    follow(page, "Privacybeleid")
    follow(page, "Voorbeeldbeleid")
    follow(page, MODEL_POLICY)
    assert page.get_by_role("heading", name=MODEL_POLICY, level=1).count() == 1


def adopt_latest_with_deviation(story, page, name: str) -> str:
    """Adopt the latest version with a deviation in its last section; the adoption's URL."""
    open_model_policy(story, page)
    follow(page, re.compile("Vaststelling (bijwerken|vastleggen)"))
    version = choose(field(page, "Versie"), r"versie \d+")
    assert version == "versie 2", version  # the latest first
    choose(field(page, "Vastgesteld door"), "College")
    field(page, "Vastgesteld op").fill("2026-11-10")
    field(page, "Besluit").fill(f"Collegebesluit {name} 2026/118")
    follow(page, "Vaststelling vastleggen", role="button")
    link = page.get_by_role("link", name="Afwijking vastleggen").first
    adoption_path = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    section = choose(field(page, "Paragraaf"), "Rechten van betrokkenen")
    assert section
    text, reason = DEVIATION[name]
    field(page, "Eigen tekst").fill(text)
    field(page, "Reden van de afwijking").fill(reason)
    follow(page, "Afwijking vastleggen", role="button")
    return adoption_path


def test_u1_p7_t1_model_policy_story(story, capsys):
    started = time.monotonic()
    pages, adoptions = {}, {}
    for name, email in OFFICERS.items():
        pages[name] = story.person(email)
        adoptions[name] = adopt_latest_with_deviation(story, pages[name], name)
    assert adoptions["Westerdijk"] != adoptions["Oosterbroek"]

    for name, other in (("Westerdijk", "Oosterbroek"), ("Oosterbroek", "Westerdijk")):
        page = pages[name]
        open_model_policy(story, page)
        main = page.locator("main").inner_text()
        assert "versie 2" in main.lower()
        assert DEVIATION[name][0] in main  # the own deviation, beside the section
        assert DEVIATION[other][0] not in main and DEVIATION[other][1] not in main
        assert f"Gemeente {other}" not in main  # who else deviates where is not shown (T1)
        story.goto(page, adoptions[other], status=404)  # the other's adoption does not exist
        assert DEVIATION[other][0] not in page.content()
        story.goto(page, adoptions[name])  # the own one does

    story.assert_clean()
    with capsys.disabled():
        print(
            f"\nU1 model-policy: steps=6 responses={story.watch.responses} "
            f"seconds={time.monotonic() - started:.0f} problems=0"
        )
