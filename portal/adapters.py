"""django-allauth adapters: who may sign in, and into which identity domain (T2, T3)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.constants import AuditResult
from portal.middleware import client_ip
from portal.models import IdentityDomain, User


def sign_in_subject(credentials) -> tuple[str, User | None]:
    """The e-mail address typed at a password sign-in and the account it names, if any: what
    the audit trail keeps of an attempt. Never the password."""
    label = str(credentials.get("email") or credentials.get("username") or "")[:254]
    user = User.objects.filter(email=label.strip().lower()).first() if label else None
    return label, user


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """The address allauth's rate limits count per ("login_failed", the TOTP check, …):
        the client behind nginx, not nginx itself (issue 14), the same one the audit trail
        records. allauth's own TRUSTED_PROXY_COUNT would read the same header; one function
        keeps the two from drifting apart."""
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def is_open_for_signup(self, request):
        # Accounts come from an administrator or from a domain's own sign-in provider.
        return False

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as exc:
            # X1: attempts refused by the throttle are audited like failed ones; allauth
            # refuses them before Django's authenticate() and its user_login_failed signal.
            if exc.code == "too_many_login_attempts":
                label, user = sign_in_subject(credentials)
                audit_record(
                    action="auth.login",
                    result=AuditResult.DENIED,
                    actor_label=label,
                    municipality=user.municipality if user else None,
                    details={"reason": "rate_limited"},
                )
            raise

    def pre_login(self, request, user, **kwargs):
        signal_kwargs = kwargs.get("signal_kwargs") or {}
        via_provider = "sociallogin" in signal_kwargs
        domain = user.identity_domain
        if domain is None and not user.is_superuser:
            # T2: an account outside every domain (made before issue 14's check) would sign in
            # as the service centre without its rights, and see an empty portal.
            _refuse_login(
                request,
                user,
                "no_identity_domain",
                _(
                    "Uw account hoort nog bij geen organisatie of raad. Vraag de beheerder "
                    "van uw gemeente om het aan het juiste identiteitsdomein toe te voegen."
                ),
            )
        if not via_provider and domain is not None and not domain.allow_local_accounts:
            _refuse_login(
                request,
                user,
                "local_accounts_disabled",
                _(
                    "Het domein %(domain)s laat alleen aanmelden via de eigen "
                    "aanmeldvoorziening "
                    "toe. Kies die op het aanmeldscherm."
                )
                % {"domain": domain.name},
            )
        return super().pre_login(request, user, **kwargs)


def _refuse_login(request, user, reason, message):
    audit_record(
        action="auth.login", actor=user, result=AuditResult.DENIED, details={"reason": reason}
    )
    raise ImmediateHttpResponse(_refusal(request, message))


def _refusal(request, message, status=403):
    return render(request, "account/signin_refused.html", {"message": message}, status=status)


def _claims(sociallogin) -> dict:
    data = sociallogin.account.extra_data or {}
    claims = dict(data.get("userinfo") or {})
    claims.update(data.get("id_token") or {})  # the signed token wins over userinfo
    return claims


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """T3: the identity domain comes from the provider that authenticated the user — the
    SocialApp bound to one domain, its issuer and tenant id — never from an e-mail address.
    Accounts are never linked by e-mail, least of all across domains."""

    def _domain_for(self, sociallogin):
        app = sociallogin.account.get_provider().app
        if app is None or app.pk is None:
            return None
        return (
            IdentityDomain.objects.select_related("municipality")
            .filter(social_app_id=app.pk)
            .first()
        )

    def _refuse(self, request, sociallogin, reason, message, user=None):
        claims = _claims(sociallogin)
        audit_record(
            action="auth.oidc_login",
            actor=user,
            result=AuditResult.DENIED,
            actor_label=str(claims.get("email") or claims.get("sub") or "")[:254],
            details={
                "reason": reason,
                "provider": sociallogin.account.provider,
                "issuer": claims.get("iss", ""),
                "tenant": claims.get("tid", ""),
            },
        )
        raise ImmediateHttpResponse(_refusal(request, message))

    def pre_social_login(self, request, sociallogin):
        domain = self._domain_for(sociallogin)
        if domain is None:
            self._refuse(
                request,
                sociallogin,
                "provider_without_domain",
                _(
                    "Deze aanmeldvoorziening is niet gekoppeld aan een identiteitsdomein. "
                    "Neem contact op met de beheerder."
                ),
            )
        claims = _claims(sociallogin)
        issuer = str(claims.get("iss", "")).rstrip("/")
        if issuer != domain.oidc_issuer.rstrip("/"):
            self._refuse(
                request,
                sociallogin,
                "issuer_mismatch",
                _(
                    "Aanmelden geweigerd: het token komt van een andere uitgever dan is ingesteld "
                    "voor %(domain)s."
                )
                % {"domain": domain.name},
            )
        if domain.oidc_tenant_id and str(claims.get("tid", "")) != domain.oidc_tenant_id:
            self._refuse(
                request,
                sociallogin,
                "tenant_mismatch",
                _(
                    "Aanmelden geweigerd: uw account hoort bij een andere tenant dan die van "
                    "%(domain)s. Meld u aan met het account van deze organisatie."
                )
                % {"domain": domain.name},
            )
        if sociallogin.state.get("process") == "connect":
            self._refuse(
                request,
                sociallogin,
                "connect_refused",
                _(
                    "Een account van een aanmeldvoorziening kan niet aan een bestaand account "
                    "worden gekoppeld. Een beheerder regelt dit."
                ),
                user=request.user if request.user.is_authenticated else None,
            )
        if sociallogin.is_existing:
            user = sociallogin.user
            if user.identity_domain_id != domain.pk:
                self._refuse(
                    request,
                    sociallogin,
                    "domain_mismatch",
                    _("Dit account hoort bij een ander identiteitsdomein."),
                    user=user,
                )
            self._verify_asserted_address(user, claims, sociallogin)
            return
        email = str(claims.get("email") or "").strip().lower()
        if not email:
            # A new account needs an address (it is the portal's login name and where
            # notifications go). Without one allauth would fall back to a sign-up form that
            # is closed here, and the person would not learn why.
            self._refuse(
                request,
                sociallogin,
                "email_missing",
                _(
                    "Aanmelden geweigerd: de aanmeldvoorziening van %(domain)s gaf geen "
                    "e-mailadres door. Vraag de beheerder om de claim 'email' mee te sturen."
                )
                % {"domain": domain.name},
            )
        if User.objects.filter(email=email).exists():
            self._refuse(
                request,
                sociallogin,
                "email_in_use",
                _(
                    "Er bestaat al een account met dit e-mailadres. Accounts worden niet op "
                    "e-mailadres gekoppeld; vraag de beheerder om hulp."
                ),
            )
        # T3: the provider bound to this domain, its issuer and tenant checked above, vouches
        # for the address. allauth refuses TOTP while an address is unverified (issue 14).
        for address in sociallogin.email_addresses:
            address.verified = True
        sociallogin._portal_domain = domain

    def _verify_asserted_address(self, user, claims, sociallogin):
        """Accounts the provider made before issue 14 kept an unverified address; the same
        address asserted again by the same provider is verified now."""
        email = str(claims.get("email") or "").strip()
        if not email or email.lower() != user.email.lower():
            return
        if EmailAddress.objects.filter(user=user, email__iexact=email, verified=False).update(
            verified=True
        ):
            audit_record(
                action="user.email_verified_by_provider",
                actor=user,
                obj=user,
                details={"provider": sociallogin.account.provider},
            )

    def is_open_for_signup(self, request, sociallogin):
        return getattr(sociallogin, "_portal_domain", None) is not None

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        # Runs before pre_social_login; a domain-less provider is refused there.
        user.identity_domain = self._domain_for(sociallogin)
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        audit_record(
            action="user.created_by_provider",
            actor=user,
            obj=user,
            details={
                "provider": sociallogin.account.provider,
                "domain": str(user.identity_domain.uuid),
            },
        )
        return user
