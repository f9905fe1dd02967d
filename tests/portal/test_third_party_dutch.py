"""X5, issue 15: what administrators and users see of the third-party apps is Dutch, and says
"u" where the portal does. The portal's own catalogue for their strings is
locale/thirdparty (first in LOCALE_PATHS)."""

import importlib
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from portal.models import User
from portal.roles import Role
from tests.factories import PASSWORD

OURS = Path(settings.BASE_DIR) / "locale" / "thirdparty" / "nl" / "LC_MESSAGES" / "django.po"
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
# What the issue found in English on the admin's pages.
LEFTOVERS = [
    "Periodic tasks",
    "Periodic Tasks",
    "Crontabs",
    "Intervals",
    "Solar events",
    "Clocked",
    "Social accounts",
    "Social Accounts",
    "Social applications",
    "Social application tokens",
    "After you’ve created a user",
]


def _package_dir(name: str) -> Path:
    return Path(importlib.import_module(name).__file__).parent


def _sources(package: str) -> str:
    root = _package_dir(package)
    text = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in root.rglob("*")
        if p.suffix in {".py", ".html", ".txt"} and "locale" not in p.parts
    )
    # {% blocktranslate %}'s {{ name }} is %(name)s in the msgid
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", text)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("ssc@ssc.example", PASSWORD)


@pytest.mark.django_db
def test_x5_the_admin_index_is_dutch_for_the_service_centre(superuser, login):
    page = login(superuser).get("/admin/").content.decode()
    for english in LEFTOVERS:
        assert english not in page, english
    for dutch in ["Geplande taken", "Cron-schema&#x27;s", "Intervallen", "Externe aanmelding"]:
        assert dutch in page, dutch
    assert "Aanmeldvoorzieningen" in page and "Gekoppelde accounts" in page


@pytest.mark.django_db
def test_x5_the_admin_add_user_page_is_dutch(world, login):
    page = login(world.a.users[Role.ADMINISTRATOR]).get("/admin/portal/user/add/").content
    page = page.decode()
    assert "After you" not in page
    assert "Nadat u de gebruiker hebt aangemaakt" in page


def test_x5_what_nobody_administers_is_not_in_the_admin():
    for name in [
        "admin:django_celery_beat_clockedschedule_changelist",
        "admin:django_celery_beat_solarschedule_changelist",
        "admin:socialaccount_socialtoken_changelist",
    ]:
        with pytest.raises(NoReverseMatch):
            reverse(name)
    reverse("admin:django_celery_beat_periodictask_changelist")  # still there for the SSC


def test_x5_allauth_says_u_never_je():
    """Every string of allauth's Dutch catalogue that says "je", "jij" or "jouw" is spoken
    formally by the portal's own catalogue."""
    catalogue = polib.pofile(str(_package_dir("allauth") / "locale/nl/LC_MESSAGES/django.po"))
    informal = []
    with translation.override("nl"):
        for entry in catalogue:
            if entry.obsolete:
                continue
            if entry.msgid_plural:
                shown = [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            elif entry.msgctxt:
                shown = [translation.pgettext(entry.msgctxt, entry.msgid)]
            else:
                shown = [translation.gettext(entry.msgid)]
            informal += [text for text in shown if INFORMAL.search(text)]
    assert informal == []


@pytest.mark.django_db
def test_x5_the_password_reset_page_says_u():
    from django.test import Client

    page = Client().get("/accounts/password/reset/").content.decode()
    assert "uw e-mailadres" in page
    assert not INFORMAL.search(re.sub(r"<[^>]+>", " ", page))


def test_x5_every_override_still_matches_its_source():
    """A library that rewords a string would silently drop our translation: each msgid of
    locale/thirdparty must still occur in the library it came from."""
    packages = {
        "django_celery_beat": ["django_celery_beat"],
        "allauth": ["allauth"],
        "django.contrib.admin, django.contrib.auth": [
            "django.contrib.admin",
            "django.contrib.auth",
        ],
        "simple_history": ["simple_history"],
    }
    sources = {key: "\n".join(_sources(p) for p in names) for key, names in packages.items()}
    stale = [
        entry.msgid
        for entry in polib.pofile(str(OURS))
        if entry.msgid.split("\n")[0][:24] not in sources[entry.comment]
    ]
    assert stale == [], stale
