"""Issue 14 finding 4, T3: the address a person signs in with comes from the administrator or
from the identity provider, never from what the person typed. allauth's e-mail page let anyone
add an unverified address and make it primary, squatting the address of a future council
member (whose sign-in through the provider was then refused as ``email_in_use``)."""

import pytest
from allauth.account.models import EmailAddress

from portal.roles import Role

pytestmark = pytest.mark.django_db

SQUATTED = "nieuw-raadslid@raadalfa.example"


@pytest.mark.parametrize("role", [Role.CIVIL_SERVANT, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR])
def test_t3_the_e_mail_page_only_shows_the_address(world, login, role):
    user = world.a.users[role]
    page = login(user).get("/accounts/email/")

    assert page.status_code == 200
    html = page.content.decode()
    assert user.email in html
    assert 'name="email"' not in html
    assert 'name="action_add"' not in html and 'name="action_primary"' not in html
    assert "beheerder" in html  # says whom to ask


@pytest.mark.parametrize(
    "action",
    [
        {"action_add": "", "email": SQUATTED},
        {"action_primary": "", "email": SQUATTED},
        {"action_send": "", "email": SQUATTED},
        {"action_remove": "", "email": "ambtenaar@alfa.example"},
    ],
)
def test_t3_nobody_adds_or_changes_the_address_they_sign_in_with(world, login, action):
    user = world.a.users[Role.CIVIL_SERVANT]
    before = (user.email, list(EmailAddress.objects.values_list("email", "primary")))

    response = login(user).post("/accounts/email/", action)

    assert response.status_code == 405
    user.refresh_from_db()
    assert (user.email, list(EmailAddress.objects.values_list("email", "primary"))) == before
    assert not EmailAddress.objects.filter(email=SQUATTED).exists()


def test_t3_no_second_address_even_past_the_page(world):
    """Behind the page: allauth itself refuses a second address for an account."""
    user = world.a.users[Role.CIVIL_SERVANT]
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    assert not EmailAddress.objects.can_add_email(user)
