"""T3: signing in through a domain's own OpenID Connect provider, end to end.

Two local identity providers stand in for the two Entra ID tenants of one municipality (as in
Medemblik: the organisation and the council, same service centre, separate tenants). The
portal side runs in Django's test client; the browser's hop to the provider is a real HTTP
request, and allauth's back-channel calls (discovery, token, userinfo) go over real HTTP to
the provider too.
"""

import warnings
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp_auth
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from portal.constants import AuditResult
from portal.models import User
from portal.roles import Role, role_group
from tests.factories import IdentityDomainFactory, MunicipalityFactory, UserFactory

with warnings.catch_warnings():
    # authlib, under the provider stand-in, warns about its own deprecations when imported,
    # and its deprecate module installs an "always" filter: silence after that import.
    import authlib.deprecate  # noqa: F401

    warnings.simplefilter("ignore", DeprecationWarning)
    from oidc_provider_mock import User as IdpUser
    from oidc_provider_mock import run_server_in_thread

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("fresh_cache"),
    # The provider stand-in is built on authlib, which warns about its own deprecations.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib"),
]

TENANT_ORG = "tenant-alfa-organisatie"
TENANT_COUNCIL = "tenant-alfa-raad"
TENANT_ELSEWHERE = "tenant-andere-organisatie"


@dataclass
class Idp:
    url: str


# Who each provider knows. Subjects are per provider: "gedeeld" exists at both, as two people.
ORG_PEOPLE = [
    IdpUser(
        sub="anna",
        claims={
            "email": "anna@alfa.example",
            "given_name": "Anna",
            "family_name": "de Vries",
            "tid": TENANT_ORG,
        },
    ),
    # A guest from another tenant, as Entra ID issues them: right issuer, foreign 'tid'.
    IdpUser(sub="gast", claims={"email": "gast@elders.example", "tid": TENANT_ELSEWHERE}),
    # Same address as a local council account of the same municipality.
    IdpUser(sub="bram-org", claims={"email": "bram@raadalfa.example", "tid": TENANT_ORG}),
    IdpUser(sub="gedeeld", claims={"email": "gedeeld@alfa.example", "tid": TENANT_ORG}),
    IdpUser(sub="zonder-mail", claims={"given_name": "Naamloos", "tid": TENANT_ORG}),
]
COUNCIL_PEOPLE = [
    IdpUser(sub="bea", claims={"email": "bea@raadalfa.example", "tid": TENANT_COUNCIL}),
    # Someone at the council tenant presenting the organisation user's address.
    IdpUser(sub="anna-raad", claims={"email": "anna@alfa.example", "tid": TENANT_COUNCIL}),
    IdpUser(sub="gedeeld", claims={"email": "gedeeld@raadalfa.example", "tid": TENANT_COUNCIL}),
]


@pytest.fixture(scope="module")
def idp_org():
    with run_server_in_thread(port=0, user_claims=ORG_PEOPLE) as server:
        yield Idp(url=f"http://localhost:{server.server_port}")


@pytest.fixture(scope="module")
def idp_council():
    with run_server_in_thread(port=0, user_claims=COUNCIL_PEOPLE) as server:
        yield Idp(url=f"http://localhost:{server.server_port}")


def social_app(provider_id: str, idp: Idp) -> SocialApp:
    return SocialApp.objects.create(
        provider="openid_connect",
        provider_id=provider_id,
        name=provider_id,
        client_id=f"portaal-{provider_id}",
        secret="client-secret",
        settings={"server_url": idp.url},
    )


@dataclass
class Alfa:
    org: object
    council: object


@pytest.fixture
def alfa(idp_org, idp_council):
    """Gemeente Alfa: the organisation signs in at one tenant, the council at another."""
    municipality = MunicipalityFactory(slug="alfa", name="Gemeente Alfa")
    org = IdentityDomainFactory(
        municipality=municipality,
        social_app=social_app("alfa-org", idp_org),
        oidc_issuer=idp_org.url,
        oidc_tenant_id=TENANT_ORG,
    )
    council = IdentityDomainFactory(
        municipality=municipality,
        council=True,
        social_app=social_app("alfa-raad", idp_council),
        oidc_issuer=idp_council.url,
        oidc_tenant_id=TENANT_COUNCIL,
    )
    return Alfa(org=org, council=council)


def oidc_sign_in(client, provider_id: str, idp: Idp, sub: str, **params):
    """Start at the portal, choose ``sub`` at the provider, come back to the callback."""
    start = client.post(reverse("openid_connect_login", args=[provider_id]), params)
    assert start.status_code == 302, start
    assert start["Location"].startswith(f"{idp.url}/oauth2/authorize?")
    grant = requests.post(start["Location"], data={"sub": sub}, allow_redirects=False, timeout=5)
    assert grant.status_code == 302, grant.text
    back = urlsplit(grant.headers["Location"])
    assert back.path == reverse("openid_connect_callback", args=[provider_id])
    return client.get(f"{back.path}?{back.query}")


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def assert_refused(response, client, text):
    assert response.status_code == 403
    page = response.content.decode()
    assert "Aanmelden geweigerd" in page
    assert text in page
    assert signed_in_user_id(client) is None


def test_t3_first_sign_in_creates_the_user_in_the_providers_domain(alfa, idp_org, audit_events):
    client = Client()
    response = oidc_sign_in(client, "alfa-org", idp_org, "anna")

    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    user = User.objects.get(email="anna@alfa.example")
    assert user.identity_domain == alfa.org
    assert (user.first_name, user.last_name) == ("Anna", "de Vries")
    assert not user.has_usable_password()
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get("/").status_code == 200
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("alfa-org", "anna")
    [login] = audit_events("auth.login")
    assert (login.result, login.actor) == (AuditResult.SUCCESS, user)
    [created] = audit_events("user.created_by_provider")
    assert created.details == {"provider": "alfa-org", "domain": str(alfa.org.uuid)}


def test_t3_second_sign_in_reuses_the_same_user(alfa, idp_org, audit_events):
    oidc_sign_in(Client(), "alfa-org", idp_org, "anna")
    client = Client()

    response = oidc_sign_in(client, "alfa-org", idp_org, "anna")

    assert response.status_code == 302
    user = User.objects.get(email="anna@alfa.example")
    assert User.objects.count() == 1
    assert SocialAccount.objects.filter(user=user).count() == 1
    assert signed_in_user_id(client) == str(user.pk)
    assert [(e.result, e.actor) for e in audit_events("auth.login")] == [
        (AuditResult.SUCCESS, user),
        (AuditResult.SUCCESS, user),
    ]


def test_t3_council_provider_signs_into_the_council_domain(alfa, idp_council):
    client = Client()
    response = oidc_sign_in(client, "alfa-raad", idp_council, "bea")

    assert response.status_code == 302
    user = User.objects.get(email="bea@raadalfa.example")
    assert user.identity_domain == alfa.council
    assert signed_in_user_id(client) == str(user.pk)


def test_t3_provider_sign_in_works_where_local_accounts_are_off(alfa, idp_org):
    alfa.org.allow_local_accounts = False
    alfa.org.save()
    client = Client()

    response = oidc_sign_in(client, "alfa-org", idp_org, "anna")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(User.objects.get(email="anna@alfa.example").pk)


def test_t3_wrong_tenant_is_refused(alfa, idp_org, audit_events):
    client = Client()
    response = oidc_sign_in(client, "alfa-org", idp_org, "gast")

    assert_refused(response, client, "andere tenant")
    assert not User.objects.filter(email="gast@elders.example").exists()
    assert not SocialAccount.objects.exists()
    [event] = audit_events("auth.oidc_login")
    assert event.result == AuditResult.DENIED
    assert event.actor_label == "gast@elders.example"
    assert event.details == {
        "reason": "tenant_mismatch",
        "provider": "alfa-org",
        "issuer": idp_org.url,
        "tenant": TENANT_ELSEWHERE,
    }
    assert not audit_events("auth.login", result=AuditResult.SUCCESS)


def test_t3_issuer_other_than_configured_is_refused(alfa, idp_org, idp_council, audit_events):
    # The domain expects the council tenant's issuer, but its provider points elsewhere.
    alfa.org.oidc_issuer = idp_council.url
    alfa.org.save()
    client = Client()

    response = oidc_sign_in(client, "alfa-org", idp_org, "anna")

    assert_refused(response, client, "andere uitgever")
    assert not User.objects.exists()
    [event] = audit_events("auth.oidc_login")
    assert (event.result, event.details["reason"], event.details["issuer"]) == (
        AuditResult.DENIED,
        "issuer_mismatch",
        idp_org.url,
    )


def test_t3_provider_not_linked_to_a_domain_is_refused(alfa, idp_org, audit_events):
    social_app("los", idp_org)
    client = Client()

    response = oidc_sign_in(client, "los", idp_org, "anna")

    assert_refused(response, client, "niet gekoppeld aan een identiteitsdomein")
    assert not User.objects.exists()
    [event] = audit_events("auth.oidc_login")
    assert (event.result, event.details["reason"]) == (
        AuditResult.DENIED,
        "provider_without_domain",
    )


def test_t3_existing_account_with_the_same_email_is_not_linked(alfa, idp_org, audit_events):
    bram = UserFactory(
        email="bram@raadalfa.example", identity_domain=alfa.council, role=Role.COUNCIL_MEMBER
    )
    client = Client()

    response = oidc_sign_in(client, "alfa-org", idp_org, "bram-org")

    assert_refused(response, client, "niet op e-mailadres gekoppeld")
    assert not SocialAccount.objects.exists()
    assert User.objects.get(email="bram@raadalfa.example").identity_domain == alfa.council
    assert User.objects.count() == 1
    [event] = audit_events("auth.oidc_login")
    assert (event.result, event.details["reason"]) == (AuditResult.DENIED, "email_in_use")
    assert not audit_events("auth.login")
    assert not SocialAccount.objects.filter(user=bram).exists()


def test_t3_org_user_never_signs_in_through_the_council_provider(
    alfa, idp_org, idp_council, audit_events
):
    oidc_sign_in(Client(), "alfa-org", idp_org, "anna")
    anna = User.objects.get(email="anna@alfa.example")
    client = Client()

    # Her address, presented by the other tenant, proves nothing.
    response = oidc_sign_in(client, "alfa-raad", idp_council, "anna-raad")

    assert_refused(response, client, "niet op e-mailadres gekoppeld")
    assert list(SocialAccount.objects.filter(user=anna).values_list("provider", flat=True)) == [
        "alfa-org"
    ]
    assert audit_events("auth.oidc_login")[-1].details["reason"] == "email_in_use"


def test_t3_same_subject_at_two_tenants_is_two_people(alfa, idp_org, idp_council):
    org_client, council_client = Client(), Client()
    oidc_sign_in(org_client, "alfa-org", idp_org, "gedeeld")
    oidc_sign_in(council_client, "alfa-raad", idp_council, "gedeeld")

    org_user = User.objects.get(email="gedeeld@alfa.example")
    council_user = User.objects.get(email="gedeeld@raadalfa.example")
    assert org_user != council_user
    assert (org_user.identity_domain, council_user.identity_domain) == (alfa.org, alfa.council)
    assert signed_in_user_id(org_client) == str(org_user.pk)
    assert signed_in_user_id(council_client) == str(council_user.pk)


def test_t3_signed_in_user_cannot_connect_another_domains_provider(
    alfa, idp_org, idp_council, audit_events
):
    client = Client()
    oidc_sign_in(client, "alfa-org", idp_org, "anna")
    anna = User.objects.get(email="anna@alfa.example")

    response = oidc_sign_in(client, "alfa-raad", idp_council, "bea", process="connect")

    assert response.status_code == 403
    assert "kan niet aan een bestaand account worden gekoppeld" in response.content.decode()
    assert list(SocialAccount.objects.values_list("user", "provider")) == [(anna.pk, "alfa-org")]
    assert not User.objects.filter(email="bea@raadalfa.example").exists()
    event = audit_events("auth.oidc_login")[-1]
    assert (event.actor, event.details["reason"]) == (anna, "connect_refused")


def test_t3_provider_moved_to_another_domain_does_not_move_its_users(alfa, idp_org, audit_events):
    oidc_sign_in(Client(), "alfa-org", idp_org, "anna")
    anna = User.objects.get(email="anna@alfa.example")
    # An administrator re-links the organisation's provider to the council domain.
    app = alfa.org.social_app
    alfa.org.social_app = None
    alfa.org.save()
    alfa.council.social_app = app
    alfa.council.oidc_issuer = idp_org.url
    alfa.council.oidc_tenant_id = TENANT_ORG
    alfa.council.save()
    client = Client()

    response = oidc_sign_in(client, "alfa-org", idp_org, "anna")

    assert_refused(response, client, "ander identiteitsdomein")
    anna.refresh_from_db()
    assert anna.identity_domain == alfa.org
    event = audit_events("auth.oidc_login")[-1]
    assert (event.actor, event.details["reason"]) == (anna, "domain_mismatch")


def test_t3_token_without_email_is_refused_with_a_clear_message(alfa, idp_org, audit_events):
    client = Client()
    response = oidc_sign_in(client, "alfa-org", idp_org, "zonder-mail")

    assert_refused(response, client, "geen e-mailadres")
    assert not User.objects.exists()
    [event] = audit_events("auth.oidc_login")
    assert (event.actor_label, event.details["reason"]) == ("zonder-mail", "email_missing")


ACTIVATE = "/accounts/2fa/totp/activate/"


def test_t3_v3_provider_asserted_address_is_verified_so_a_privileged_user_sets_up_totp(
    alfa, idp_org, totp_clock, settings
):
    """Issue 14 finding 5: the provider that signed the person in vouches for the address
    (T3); allauth refuses TOTP while an address is unverified, and users given a privileged
    role after their first sign-in looped between the MFA pages."""
    settings.PORTAL_REQUIRE_MFA = True
    oidc_sign_in(Client(), "alfa-org", idp_org, "anna")
    anna = User.objects.get(email="anna@alfa.example")
    assert list(EmailAddress.objects.filter(user=anna).values_list("email", "verified")) == [
        ("anna@alfa.example", True)
    ]
    anna.groups.add(role_group(Role.PRIVACY_OFFICER))  # the administrator gives her the role

    client = Client()
    response = oidc_sign_in(client, "alfa-org", idp_org, "anna")
    assert signed_in_user_id(client) == str(anna.pk), response
    assert client.get("/")["Location"] == ACTIVATE
    setup = client.get(ACTIVATE)
    assert setup.status_code == 200, setup.get("Location")
    secret = client.session[totp_auth.SECRET_SESSION_KEY]
    response = client.post(ACTIVATE, {"code": totp_clock(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=anna, type=Authenticator.Type.TOTP).exists()
    assert client.get("/").status_code == 200


def test_t3_v3_an_earlier_unverified_provider_address_is_verified_at_the_next_sign_in(
    alfa, idp_org
):
    """Accounts the provider made before the fix kept an unverified address; the next sign-in
    through the same provider, asserting the same address, verifies it."""
    oidc_sign_in(Client(), "alfa-org", idp_org, "anna")
    EmailAddress.objects.update(verified=False)
    anna = User.objects.get(email="anna@alfa.example")

    oidc_sign_in(Client(), "alfa-org", idp_org, "anna")

    assert list(EmailAddress.objects.filter(user=anna).values_list("email", "verified")) == [
        ("anna@alfa.example", True)
    ]
