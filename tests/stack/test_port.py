"""Issue 14, finding 13, through the real proxy: the stack runs on a random port, never 443,
with deploy/nginx.conf as it is (only paths and the published port set, as
docs/operations.md tells an installation to). Plain HTTP is redirected to that port, a form
posted with the browser's Origin passes CSRF, and the OpenID Connect redirect URI the portal
sends to a provider is PORTAL_SITE_URL's, port included."""

import warnings
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialApp

from tests.stack.test_stack import csrf, new_session, post_sign_in

with warnings.catch_warnings():
    import authlib.deprecate  # noqa: F401 - see tests/portal/test_signin_oidc.py

    warnings.simplefilter("ignore", DeprecationWarning)
    from oidc_provider_mock import User as IdpUser
    from oidc_provider_mock import run_server_in_thread

pytestmark = [
    pytest.mark.integration,
    pytest.mark.stack,
    pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib"),
]


def test_stack_on_a_port_other_than_443_redirects_csrf_and_oidc_keep_the_port(stack):
    base, site_url = stack["base"], stack["site_url"]
    port = urlsplit(base).port
    assert port != 443 and site_url == base

    redirect = requests.get(
        f"{stack['http']}/accounts/login/?next=/organen/", allow_redirects=False, timeout=5
    )
    assert redirect.status_code == 301
    assert redirect.headers["Location"] == f"{base}/accounts/login/?next=/organen/"

    session = new_session()
    signed_in = post_sign_in(
        session, base, "griffier@raadwesterdijk.example", headers={"Origin": base}
    )
    assert signed_in.status_code == 200 and signed_in.url == f"{base}/", signed_in.url

    with run_server_in_thread(port=0, user_claims=[IdpUser(sub="x", claims={})]) as server:
        SocialApp.objects.create(
            provider="openid_connect",
            provider_id="stack-idp",
            name="stack-idp",
            client_id="portaal-stack",
            secret="client-secret",
            settings={"server_url": f"http://localhost:{server.server_port}"},
        )
        browser = new_session()
        login = "/accounts/oidc/stack-idp/login/"
        response = browser.post(
            f"{base}{login}",
            data={"csrfmiddlewaretoken": csrf(browser, base, login)},
            headers={"Origin": base, "Referer": f"{base}{login}"},
            allow_redirects=False,
            timeout=20,
        )
    assert response.status_code == 302, response.text[:500]
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["redirect_uri"] == [f"{site_url}/accounts/oidc/stack-idp/login/callback/"]
    print(f"STACK port {port}: redirect, CSRF and the OIDC redirect URI keep it")
