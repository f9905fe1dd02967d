"""Request-wide policy: audit origin, session limits, MFA enrolment, read-only roles (X4)."""

import ipaddress
import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.api import is_json_api, problem_for
from portal.audit import (
    Origin,
    audit_record,
    reset_actor_getter,
    reset_origin,
    set_actor_getter,
    set_origin,
)
from portal.constants import AuditChannel, AuditResult
from portal.permissions import holds_role_flag

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def client_ip(request) -> str | None:
    """The client's address: behind nginx (production, PORTAL_TRUST_X_FORWARDED_FOR) the
    right-most X-Forwarded-For entry, which nginx appends from the connection it accepted;
    everything left of it was written by the client and is never believed. The audit trail's
    origin and allauth's sign-in throttle (AccountAdapter.get_client_ip) both use this."""
    if getattr(settings, "PORTAL_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # Exactly one trusted hop: nginx. Anything unparseable falls back to the peer.
            address = _ip_or_none(forwarded.split(",")[-1])
            if address:
                return address
    return _ip_or_none(request.META.get("REMOTE_ADDR", ""))


def _ip_or_none(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


class RequestOriginMiddleware:
    """Records where a request comes from, for every audit event it causes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.META.get("HTTP_X_REQUEST_ID", "")
        if not (request_id.isalnum() and len(request_id) <= 64):
            request_id = uuid.uuid4().hex
        request.request_id = request_id
        channel = AuditChannel.ADMIN if request.path.startswith("/admin/") else AuditChannel.WEB
        token = set_origin(
            Origin(
                channel=channel,
                ip_address=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
                request_id=request_id,
            )
        )
        actor_token = set_actor_getter(lambda: getattr(request, "user", None))
        try:
            response = self.get_response(request)
        finally:
            reset_actor_getter(actor_token)
            reset_origin(token)
        response["X-Request-ID"] = request_id
        if response.status_code == 405 and not response.content and request.method == "GET":
            # Django answers a wrong method with an empty page; a person who opened a form's
            # address (a bookmark, a reload) gets an explanation instead.
            allow = response.get("Allow", "")
            response = render(request, "405.html", status=405)
            response["Allow"] = allow
            response["X-Request-ID"] = request_id
        return response


SESSION_STARTED_KEY = "portal_session_started"
SESSION_RENEWED_KEY = "portal_session_renewed"


class SessionTimeoutMiddleware:
    """Absolute session lifetime; the idle timeout is the session cookie age, renewed by
    requests — at most once per PORTAL_SESSION_RENEW_SECONDS (60 s), not on every request:
    saving the session on every page cost a transaction with an UPDATE per request. The idle
    period therefore counts from the last renewal, at most that much earlier than the last
    request.

    The check runs in ``process_view``, after every middleware has seen the request: the
    message telling the user why needs MessageMiddleware, which comes later in the list."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        started = request.session.get(SESSION_STARTED_KEY)
        now = time.time()
        if started is None:
            request.session[SESSION_STARTED_KEY] = now
        elif now - started > settings.PORTAL_SESSION_ABSOLUTE_SECONDS:
            audit_record(action="auth.session_expired", actor=request.user)
            logout(request)
            messages.info(request, _("Uw sessie is verlopen. Meld u opnieuw aan."))
            return redirect(settings.LOGIN_URL)
        renewed = request.session.get(SESSION_RENEWED_KEY, 0)
        if now - renewed >= settings.PORTAL_SESSION_RENEW_SECONDS:
            # A changed session is saved with a fresh expiry and cookie: the idle timeout
            # starts again.
            request.session[SESSION_RENEWED_KEY] = now
        return None


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Deny by default, as Django's: every view needs a signed-in user unless marked
    ``login_not_required``. A JSON API view (``portal.api.json_api``) answers a caller who is
    not signed in with 401 problem+json instead of a redirect to the sign-in page (issue 14
    finding 12)."""

    def handle_no_permission(self, request, view_func):
        if is_json_api(view_func):
            return problem_for(401)
        return super().handle_no_permission(request, view_func)


MFA_VERIFIED_KEY = "portal_mfa_enrolled"
# URL names that stay reachable before MFA is set up, and for read-only users.
ACCOUNT_SELF_SERVICE = {
    "account_logout",
    "account_login",
    "account_reauthenticate",
    "set_language",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "mfa_authenticate",
    "healthz",
    "accessibility",
    "account_change_password",
}
# Writes a read-only user may still make (X4): marking their own notifications read and choosing
# how they get them by e-mail. These change only the person's own inbox, nothing of the
# municipality's. Kept apart from ACCOUNT_SELF_SERVICE, which also opens pages before MFA is
# set up: notifications wait until it is.
READ_ONLY_OWN_INBOX = {
    "portal:notification_mark_read",
    "portal:notification_mark_all_read",
    "portal:notification_preferences",
}


def user_has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class MfaRequiredMiddleware:
    """Users holding ``portal.require_mfa`` (administrators and privileged roles) must have TOTP
    set up before they can use anything; allauth then asks for the code at every sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.PORTAL_REQUIRE_MFA or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match and match.url_name in ACCOUNT_SELF_SERVICE:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        if request.session.get(MFA_VERIFIED_KEY):
            return None
        user = request.user
        if not (user.is_superuser or user.has_perm("portal.require_mfa")):
            return None
        if user_has_totp(user):
            request.session[MFA_VERIFIED_KEY] = True
            return None
        if is_json_api(view_func):
            return problem_for(403, "Set up two-step verification in the portal first.")
        messages.warning(
            request,
            _("Uw rol vraagt tweestapsverificatie. Stel eerst een authenticator-app in."),
        )
        return redirect("mfa_activate_totp")


class ReadOnlyMiddleware:
    """X4: users with ``portal.read_only_access`` (council members) never write. Every unsafe
    request is refused before it reaches a view, and the refusal is audited."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match and (
            match.url_name in ACCOUNT_SELF_SERVICE or match.view_name in READ_ONLY_OWN_INBOX
        ):
            return None
        if not holds_role_flag(request.user, "portal.read_only_access"):
            return None
        audit_record(
            action="write.refused",
            actor=request.user,
            result=AuditResult.DENIED,
            details={
                "path": request.path[:300],
                "method": request.method,
                "rule": "X4",
                "view": match.view_name if match else "",
            },
        )
        if is_json_api(view_func):
            return problem_for(403, "This API is read-only for council members.")
        return render(
            request,
            "403.html",
            {
                "reason": _(
                    "Het raadsledenportaal is alleen-lezen: wijzigingen zijn niet mogelijk."  # X4
                )
            },
            status=403,
        )
