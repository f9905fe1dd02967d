"""Audit of sign-ins and of permission changes, wherever they are made (admin, guardian's
object-permission admin, services). Other writes are audited by their services."""

import time

from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from portal import role_grants
from portal.adapters import sign_in_subject
from portal.audit import audit_record
from portal.constants import AuditResult
from portal.middleware import MFA_VERIFIED_KEY, SESSION_STARTED_KEY

User = get_user_model()


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = time.time()
    audit_record(action="auth.login", actor=user, obj=user)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="auth.logout", actor=user, obj=user)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # credentials are already scrubbed of the password by Django; keep only the identifier.
    label, user = sign_in_subject(credentials)
    # Django reports a switched-off account as a failed sign-in even when the password was
    # right; say so rather than suggest a guessed password.
    inactive = user is not None and not user.is_active
    audit_record(
        action="auth.login",
        result=AuditResult.FAILURE,
        actor_label=label,
        municipality=user.municipality if user else None,
        details={"reason": "account_inactive" if inactive else "bad_credentials"},
    )


@receiver(mfa_signals.authentication_failed)
def audit_mfa_failed(sender, request, user, authenticator, **kwargs):
    audit_record(
        action="auth.mfa",
        actor=user,
        result=AuditResult.FAILURE,
        details={"reason": "wrong_code", "type": authenticator.type},
    )


@receiver(mfa_signals.authenticator_added)
def audit_mfa_added(sender, request, user, authenticator, **kwargs):
    audit_record(
        action="auth.mfa_added", actor=user, obj=user, details={"type": authenticator.type}
    )


@receiver(mfa_signals.authenticator_removed)
def audit_mfa_removed(sender, request, user, authenticator, **kwargs):
    # MfaRequiredMiddleware remembers per session that the user has TOTP; without TOTP a user
    # holding portal.require_mfa must go back to setting it up, not carry on in this session.
    if request is not None and hasattr(request, "session"):
        request.session.pop(MFA_VERIFIED_KEY, None)
    audit_record(
        action="auth.mfa_removed", actor=user, obj=user, details={"type": authenticator.type}
    )


def _perm_labels(model, pk_set):
    if not pk_set:
        return []
    return sorted(
        f"{app}.{code}"
        for app, code in model.objects.filter(pk__in=pk_set).values_list(
            "content_type__app_label", "codename"
        )
    )


def _m2m_audit(kind):
    def handler(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        verb = {"post_add": "granted", "post_remove": "revoked", "post_clear": "cleared"}[action]
        audit_record(
            action=f"permission.{kind}_{verb}",
            obj=instance,
            details={"items": _perm_labels(model, pk_set)},
        )

    return handler


def _role_membership(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Roles given and taken (``User.groups``, from either side): the issue 14 guard before a
    grant, one audit event per change after it, and the privacy officer told of a role with
    special rights (portal.role_grants)."""
    user_ids, group_ids = role_grants.sides(reverse_side=reverse, instance=instance, pk_set=pk_set)
    if action == "pre_add":
        role_grants.guard_membership_change(user_ids=user_ids, group_ids=group_ids)
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    verb = {"post_add": "granted", "post_remove": "revoked", "post_clear": "cleared"}[action]
    details = {
        "items": sorted(Group.objects.filter(pk__in=group_ids).values_list("name", flat=True))
    }
    privileged = role_grants.privileged_groups(group_ids) if action == "post_add" else []
    if privileged:
        details["privileged"] = sorted(group.name for group in privileged)
    event = audit_record(action=f"permission.group_{verb}", obj=instance, details=details)
    role_grants.privileged_grant_notify(event=event, user_ids=user_ids, groups=privileged)


m2m_changed.connect(
    _role_membership, sender=User.groups.through, dispatch_uid="audit_user_groups", weak=False
)
m2m_changed.connect(
    _m2m_audit("user_perm"),
    sender=User.user_permissions.through,
    dispatch_uid="audit_user_perms",
    weak=False,
)
m2m_changed.connect(
    _m2m_audit("group_perm"),
    sender=Group.permissions.through,
    dispatch_uid="audit_group_perms",
    weak=False,
)


def _object_perm_audit(sender, instance, signal, created=False, raw=False, **kwargs):
    if raw or not issubclass(sender, UserObjectPermissionBase | GroupObjectPermissionBase):
        return
    if signal is post_save and not created:
        return
    verb = "granted" if signal is post_save else "revoked"
    holder = getattr(instance, "user", None) or getattr(instance, "group", None)
    target = getattr(instance, "content_object", None)
    audit_record(
        action=f"permission.object_{verb}",
        obj=target,
        details={
            "permission": f"{instance.permission.content_type.app_label}."
            f"{instance.permission.codename}",
            "holder": str(holder),
            "holder_type": type(holder).__name__.lower(),
        },
    )


post_save.connect(_object_perm_audit, dispatch_uid="audit_object_perm_save")
post_delete.connect(_object_perm_audit, dispatch_uid="audit_object_perm_delete")
