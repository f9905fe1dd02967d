"""Issue 15, layout: what a person saw at 1280 px, checked in the browser. "Mijn profiel" read in
a zig-zag (two items side by side, each key above its value) and broke the e-mail address; the
assignment page's facts were an unstyled definition list; the admin's audit list was cut off
after "actie". The 375 px width of every page is the U3 crawl's (test_crawl_language.py)."""

import pytest

from tests.e2e.demo_site import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Each key and its value on one row: (key's top, value's top, value's line count).
ROWS_JS = """sel => [...document.querySelectorAll(sel + ' dt')].map(dt => {
  const dd = dt.nextElementSibling, box = dd.getBoundingClientRect();
  const style = getComputedStyle(dd);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  const inner = box.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  const lines = Math.round(inner / line);
  return [dt.getBoundingClientRect().top, box.top, dd.getClientRects().length, lines];
})"""


@pytest.fixture
def desktop(demo, browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    yield demo["url"], context.new_page()
    context.close()


def test_profile_reads_as_rows_and_keeps_the_address_on_one_line(desktop):
    base, page = desktop
    sign_in(page, base, "griffier@raadwesterdijk.example")
    page.goto(base + "/profiel/")
    rows = page.evaluate(ROWS_JS, "main dl")
    assert len(rows) >= 5
    for key_top, value_top, _, _ in rows:
        assert abs(key_top - value_top) < 12, rows  # side by side, not one above the other
    assert [key_top for key_top, *_ in rows] == sorted(key_top for key_top, *_ in rows)
    address_lines = rows[0][3]
    assert address_lines == 1, "the e-mail address wraps"


def test_assignment_facts_are_a_styled_list_of_rows(desktop):
    base, page = desktop
    sign_in(page, base, "griffier@raadwesterdijk.example")
    page.goto(base + "/privacy/")
    page.locator("main a[href*='/privacy/opdrachten/']").first.click()
    page.wait_for_load_state("load")
    facts = page.locator("dl.portal-facts")
    assert facts.evaluate("dl => getComputedStyle(dl).display") == "grid"
    assert int(facts.locator("dt").first.evaluate("dt => getComputedStyle(dt).fontWeight")) >= 600
    for key_top, value_top, _, _ in page.evaluate(ROWS_JS, "dl.portal-facts"):
        assert abs(key_top - value_top) < 12


def test_admin_audit_list_shows_every_column_at_1280(desktop):
    base, page = desktop
    sign_in(page, base, "servicecentrum@ssc.example")
    page.goto(base + "/admin/portal/auditevent/")
    results = page.locator("#changelist .results")
    overflow = results.evaluate("r => r.scrollWidth - r.clientWidth")
    assert overflow <= 1, f"the list is cut off by {overflow}px"
    headers = page.locator("#result_list thead th").all_inner_texts()
    assert any("TIJDSTIP (UTC)" in h.upper() for h in headers)
    assert any("KANAAL" in h.upper() for h in headers)  # the last column is in view
