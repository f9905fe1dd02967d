"""Issue 15, navigation: the top menu names the modules each role uses, and no menu entry or
home-page tile leads to a refusal (the service centre's superuser saw tiles he could not open)."""

import re

import pytest

from portal.models import User
from portal.roles import Role

pytestmark = pytest.mark.django_db

SKIP = ("/accounts/logout/", "/i18n/", "/static/", "/favicon")
MENU = re.compile(r'<nav class="utrecht-nav-bar portal-nav".*?</nav>', re.S)


def links(html: str) -> set[str]:
    return {
        href
        for href in re.findall(r'href="(/[^"#?]*)', html)
        if not href.startswith(SKIP) and not href.startswith("/admin/")
    }


def menu_of(html: str) -> str:
    return MENU.search(html).group(0)


@pytest.mark.parametrize(
    "role, expected",
    [
        (Role.CLERK, {"Geheimhouding", "Moties"}),
        (Role.CIVIL_SERVANT, {"Lekken", "Opnames"}),
        (Role.PRIVACY_OFFICER, {"Lekken", "Beleid"}),
        (Role.COUNCIL_MEMBER, {"Geheimhouding", "Moties"}),
    ],
)
def test_x7_top_menu_names_the_modules_the_role_uses(world, login, role, expected):
    client = login(world.a.users[role])
    home = client.get("/", follow=True).content.decode()
    menu = menu_of(home)
    for title in expected:
        assert f">{title}</a>" in menu, (role, title, menu)


ROLES = [value for name, value in vars(Role).items() if name.isupper()]


@pytest.mark.parametrize("role", [*ROLES, "service_centre"])
def test_x7_no_menu_entry_or_tile_leads_to_a_refusal(world, login, role):
    user = (
        User.objects.create_superuser("ssc@ssc.example", "Test-wachtwoord-123")
        if role == "service_centre"
        else world.a.users[role]
    )
    client = login(user)
    home = client.get("/", follow=True)
    assert home.status_code == 200
    targets = links(home.content.decode())
    assert targets, "no links at all"
    refused = {}
    for path in sorted(targets):
        status = client.get(path).status_code
        if status in (403, 404):
            refused[path] = status
    assert not refused, (role, refused)


def test_x7_audit_trail_links_the_extract_only_for_whom_may_request_it(world, login):
    """The service centre's superuser may read the trail but not request an extract (no
    municipality): the page shows him no link that would be refused; the privacy officer has it."""
    extract = "/rapporten/nieuw/audit_extract/"
    superuser = login(User.objects.create_superuser("ssc@ssc.example", "Test-wachtwoord-123"))
    page = superuser.get("/audit/")
    assert page.status_code == 200
    assert extract not in page.content.decode()
    assert superuser.get(extract).status_code == 403
    officer = login(world.a.users[Role.PRIVACY_OFFICER])
    assert extract in officer.get("/audit/").content.decode()
    assert officer.get(extract).status_code == 200
