"""Security headers Django has no setting for (issue 14 finding 12).

- ``Permissions-Policy``: every powerful browser feature off, except fullscreen for the
  recordings player on our own origin (``PORTAL_PERMISSIONS_POLICY``).
- CSP ``form-action``: ``'self'`` only (settings). The one form that leaves the site is the
  confirmation page of an OpenID Connect provider (``/accounts/oidc/<provider>/login/``): it posts
  to the portal, which redirects to the provider, and browsers hold that redirect to
  ``form-action``. That page, and only that page, also allows the origin of that provider's
  ``server_url``.

nginx adds the same set to the answers it and gunicorn give without Django (414, 502, …):
deploy/nginx.conf.
"""

from urllib.parse import urlsplit

from django.conf import settings

OIDC_LOGIN_URL_NAMES = {"openid_connect_login"}


def origin_of(url: str) -> str | None:
    parts = urlsplit(url or "")
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def oidc_provider_origins(request, provider_id: str) -> list[str]:
    """The origin the sign-in form of ``provider_id`` redirects to; none for an unknown one."""
    from allauth.socialaccount.adapter import get_adapter

    try:
        app = get_adapter().get_app(request, provider=provider_id)
    except Exception:  # allauth raises DoesNotExist or MultipleObjectsReturned
        return []
    origin = origin_of((app.settings or {}).get("server_url", ""))
    return [origin] if origin else []


class SecurityHeadersMiddleware:
    """Sits after ``csp.middleware.CSPMiddleware`` in MIDDLEWARE, so that its change to the
    policy is made before django-csp writes the header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PORTAL_PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PORTAL_PERMISSIONS_POLICY
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name in OIDC_LOGIN_URL_NAMES:
            origins = oidc_provider_origins(request, match.kwargs.get("provider_id", ""))
            if origins:
                update = dict(getattr(response, "_csp_update", None) or {})
                update["form-action"] = [*update.get("form-action", []), *origins]
                response._csp_update = update
        return response
