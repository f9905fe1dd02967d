"""U2, the crawl (issue 13 step 6): on the demo configuration (tests/e2e/demo_site.py: the demo
data, the embedded background worker, no Redis, MFA off), every demo account of both
municipalities signs in through the sign-in form and follows every same-origin link it can
reach, GET only, redirects followed, every object's page and every download included
(tests/e2e/crawler.py has the bounds). Fails on any response >= 500 (pages, downloads and
sub-resources), a console error, an uncaught page error, a CSP violation, an error of the
background worker, and on a bound that was hit before the end of an account's pages.

Prints ``U2 crawl: 18 accounts, … pages, 0 failures`` and one line per account.
The plain-language crawl (rule ids, English leftovers, 375 px) is a separate test.
"""

import time

import pytest

from tests.e2e.crawler import Crawler

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Pages the crawl makes itself: every view of the audit trail is an audit event that the trail
# then lists, newest first. Visited up to this many per pattern and account; the others are
# counted, not followed, so that the walk ends.
SELF_MADE = {
    "audit/<uuid:uuid>/": 15,
    "admin/portal/auditevent/<path:object_id>/change/": 15,
    "admin/portal/auditevent/<path:object_id>/history/": 15,
}
# Each account should reach a good part of the portal, not stop at its home page (the old A3
# crawl ended at a council member's redirect, issue 13).
MIN_PAGES_PER_ACCOUNT = 8


def test_u2_crawl_every_demo_account_of_both_municipalities(story, capsys):
    accounts = sorted(
        (a for a in story.site.accounts.values() if a.municipality),
        key=lambda a: (a.municipality, a.email),
    )
    assert {a.municipality for a in accounts} == {"Gemeente Westerdijk", "Gemeente Oosterbroek"}
    results, lines = [], []
    for account in accounts:
        started = time.monotonic()
        page = story.person(account.email)  # through the form; watched by story.watch
        landed = story.site.path(page.url)
        result = Crawler(page, story.url, account.email, bounded=SELF_MADE).run(landed, "/")
        page.context.close()
        story.contexts.remove(page.context)
        results.append(result)
        statuses = ", ".join(f"{k}:{v}" for k, v in sorted(result.statuses().items(), key=str))
        lines.append(
            f"  {account.email} ({account.role}): {len(result.visits)} pages"
            f" [{statuses}] rendered {sum(v.kind == 'page' for v in result.visits)},"
            f" skipped: variants {result.variants_skipped}, self-made {result.bounded_skipped}"
            f" in {time.monotonic() - started:.0f} s"
        )
    story.watch.settle()
    server_errors = [(r.email, v) for r in results for v in r.server_errors]
    capped = [(r.email, pattern, n) for r in results for pattern, n in r.capped.items()]
    failures = len(server_errors) + len(story.watch.problems) + len(capped)
    pages = sum(len(r.visits) for r in results)
    line = f"U2 crawl: {len(results)} accounts, {pages} pages, {failures} failures"
    with capsys.disabled():
        print("\n" + line + "\n" + "\n".join(lines))
    assert not server_errors, "\n".join(f"{e}: {v}" for e, v in server_errors)
    assert not capped, f"a bound was hit before the end: {capped}"
    short = [r.email for r in results if len(r.visits) < MIN_PAGES_PER_ACCOUNT]
    assert not short, f"these accounts reached fewer than {MIN_PAGES_PER_ACCOUNT} pages: {short}"
    story.assert_clean()  # console errors, page errors, CSP violations, 5xx, the worker
