"""The demo configuration of the story tests proves itself (U1): the embedded worker really runs
the outbox beside the live server, sign-in goes through the form, and the watch catches what it
is there to catch — a CSP violation, a console error, a missing sub-resource — so that a story
passing with "problems=0" means something."""

import re

import pytest
from django.conf import settings

from tests.e2e.demo_site import follow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_u1_demo_configuration_and_the_worker_renders_a_report(story):
    assert settings.PORTAL_BACKGROUND == "embedded"
    assert settings.CELERY_BROKER_URL == "memory://"
    assert "locmem" in settings.CACHES["default"]["BACKEND"]
    assert settings.PORTAL_REQUIRE_MFA is False
    assert "Demo data ready" in story.site.seed_output
    assert story.site.worker.process.poll() is None  # manage.py run_background runs

    officer = story.person("privacy@westerdijk.example")
    story.goto(officer, "/rapporten/nieuw/audit_extract/")
    follow(officer, re.compile("maken|aanvragen", re.I), role="button")
    # The status page follows the worker by itself and shows the download when it is done.
    download = officer.get_by_role("link", name=re.compile("Download", re.I))
    download.wait_for(timeout=90_000)
    with officer.expect_download() as info:
        download.click()
    assert info.value.path().read_bytes()[:5] == b"%PDF-"
    assert "task(s) done" in story.site.worker.log()
    story.assert_clean()


def test_u1_the_watch_catches_csp_violations_console_errors_and_missing_files(story):
    page = story.person("ambtenaar@westerdijk.example")
    assert story.watch.count("csp") == 0 and story.watch.count("console") == 0
    page.evaluate(
        """() => {
            const s = document.createElement('script');
            s.textContent = 'window.inline = 1';
            document.body.appendChild(s);
            console.error('something broke');
            const img = document.createElement('img');
            img.src = '/static/portal/does-not-exist.png';
            document.body.appendChild(img);
        }"""
    )
    page.wait_for_timeout(1000)
    assert page.evaluate("window.inline") is None  # the policy held
    assert story.watch.count("csp") >= 1
    assert story.watch.count("console") == 2  # the console.error and the image's 404
    with pytest.raises(AssertionError, match="does-not-exist"):
        story.watch.assert_clean()
    story.watch.problems.clear()
