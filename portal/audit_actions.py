"""Audit actions have names (X7): every action string the code writes to the audit trail is
declared once, by the app that writes it, with a label people read (Dutch source string,
English in the catalogue).

An app declares its actions in ``<app>/audit_actions.py`` as a subclass of
:class:`AuditActions` (a ``TextChoices``: the stored string and its label) and registers it
with :func:`portal.registry.register_audit_actions`; the core imports every app's module at
start-up (``autodiscover_modules``), the way the admin finds ``admin.py``. The core never
imports an app. The stored strings never change: the hash chain covers them, so a new wording
is a new label, never a new string.

``tests/portal/test_audit_actions.py`` fails on an action the code writes that is not declared.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditActions(models.TextChoices):
    """Base of an app's declaration: ``NAME = "namespace.verb", _("Label")``."""


@dataclass(frozen=True)
class ActionGroup:
    key: str
    label: str  # lazy translatable
    actions: type[AuditActions]


_groups: dict[str, ActionGroup] = {}
_owner: dict[str, str] = {}  # action -> group key


def register_audit_actions(key: str, label, actions: type[AuditActions]) -> None:
    """Declare a group of actions (shown together in the audit filter). An action belongs to
    exactly one group; declaring it twice is a mistake found at start-up."""
    for value in actions.values:
        owner = _owner.get(value)
        if owner is not None and owner != key:
            raise ImproperlyConfigured(f"audit action {value!r} is declared by {owner} and {key}")
    _owner.update(dict.fromkeys(actions.values, key))
    _groups[key] = ActionGroup(key, label, actions)


def declared() -> frozenset[str]:
    return frozenset(_owner)


def is_declared(action: str) -> bool:
    return action in _owner


# A filter value that stands for every action of one group: "@" and the group's key.
GROUP_MARK = "@"


def action_label(action: str) -> str:
    """The action's label in the active language (or a group option's, for a filter); an
    undeclared string (an event written before its action was declared) is shown as stored."""
    if action.startswith(GROUP_MARK) and action[1:] in _groups:
        return _("alle acties in %(group)s") % {"group": _groups[action[1:]].label}
    key = _owner.get(action)
    if key is None:
        return action
    return str(_groups[key].actions(action).label)


def actions_for(value: str) -> tuple[str, ...]:
    """What a filter value selects: one declared action, every action of a group
    (``@<group key>``), or nothing for anything else."""
    if value.startswith(GROUP_MARK):
        group = _groups.get(value[1:])
        return tuple(group.actions.values) if group else ()
    return (value,) if value in _owner else ()


def action_choices(*, groups: bool = False) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a select: ``[(group label, [(action, label), …]), …]``, groups and
    actions in alphabetical order of their labels in the active language. With ``groups``,
    each group starts with an option for all of its actions."""
    ordered = sorted(_groups.values(), key=lambda g: str(g.label).casefold())
    out = []
    for group in ordered:
        choices = sorted(
            ((value, str(label)) for value, label in group.actions.choices),
            key=lambda choice: choice[1].casefold(),
        )
        if groups:
            value = GROUP_MARK + group.key
            choices.insert(0, (value, action_label(value)))
        out.append((str(group.label), choices))
    return out


# --- the core's own actions ---------------------------------------------------------------------


class SignInActions(AuditActions):
    LOGIN = "auth.login", _("Aanmelden")
    LOGOUT = "auth.logout", _("Afmelden")
    OIDC_LOGIN = "auth.oidc_login", _("Aanmelden via de eigen aanmeldvoorziening")
    SESSION_EXPIRED = "auth.session_expired", _("Sessie verlopen")
    MFA = "auth.mfa", _("Code voor tweestapsverificatie ingevoerd")
    MFA_ADDED = "auth.mfa_added", _("Tweestapsverificatie ingesteld")
    MFA_REMOVED = "auth.mfa_removed", _("Tweestapsverificatie verwijderd")
    CREATED_BY_PROVIDER = (
        "user.created_by_provider",
        _("Account aangemaakt bij de eerste aanmelding via de aanmeldvoorziening"),
    )
    EMAIL_VERIFIED_BY_PROVIDER = (
        "user.email_verified_by_provider",
        _("E-mailadres bevestigd door de aanmeldvoorziening"),
    )


class RightsActions(AuditActions):
    ROLE_GRANTED = "permission.group_granted", _("Rol toegekend")
    ROLE_REVOKED = "permission.group_revoked", _("Rol ingetrokken")
    ROLES_CLEARED = "permission.group_cleared", _("Alle rollen ingetrokken")
    PERMISSION_GRANTED = "permission.user_perm_granted", _("Losse rechten toegekend")
    PERMISSION_REVOKED = "permission.user_perm_revoked", _("Losse rechten ingetrokken")
    PERMISSIONS_CLEARED = "permission.user_perm_cleared", _("Alle losse rechten ingetrokken")
    ROLE_PERMISSION_GRANTED = "permission.group_perm_granted", _("Rechten aan een rol toegevoegd")
    ROLE_PERMISSION_REVOKED = "permission.group_perm_revoked", _("Rechten van een rol afgehaald")
    ROLE_PERMISSIONS_CLEARED = (
        "permission.group_perm_cleared",
        _("Alle rechten van een rol afgehaald"),
    )
    OBJECT_GRANTED = "permission.object_granted", _("Toegang tot één object gegeven")
    OBJECT_REVOKED = "permission.object_revoked", _("Toegang tot één object ingetrokken")
    MEMBERSHIP_ADD = "membership.add", _("Lidmaatschap van een orgaan toegevoegd")
    MEMBERSHIP_END = "membership.end", _("Lidmaatschap van een orgaan beëindigd")
    ADMIN_ADD = "admin.add", _("Toegevoegd in het beheer")
    ADMIN_CHANGE = "admin.change", _("Gewijzigd in het beheer")
    ADMIN_DELETE = "admin.delete", _("Verwijderd in het beheer")
    ROLE_GRANT_REFUSED = (
        "admin.role_grant_refused",
        _("Rol niet toegekend: aan zichzelf, of niet vrijgegeven door het servicecentrum"),
    )
    USER_ADD_REFUSED = (
        "admin.user_add_refused",
        _("Account niet aangemaakt: het e-mailadres is in gebruik"),
    )
    USER_CHANGE_REFUSED = (
        "admin.user_change_refused",
        _("Account niet gewijzigd: het e-mailadres is in gebruik"),
    )


class TrailActions(AuditActions):
    AUDIT_VIEWED = "audit.viewed", _("Audittrail bekeken")
    CHECKPOINT_DOWNLOADED = (
        "audit.checkpoint_downloaded",
        _("Controlepunt van de audittrail gedownload"),
    )
    CHECKPOINTS_EXPORTED = (
        "audit.checkpoints_exported",
        _("Controlepunten van de audittrail weggeschreven"),
    )
    OUT_OF_SCOPE = "access.out_of_scope", _("Gevraagd naar iets buiten de eigen gemeente")
    NOT_FOUND = "access.not_found", _("Gevraagd naar iets dat niet bestaat")
    WRITE_REFUSED = "write.refused", _("Wijziging geweigerd: alleen lezen")
    NOTIFICATION_READ = "notification.read", _("Melding gelezen")
    NOTIFICATIONS_READ = "notification.read_all", _("Alle meldingen gelezen")
    NOTIFICATION_PREFERENCE = "notification.preference", _("Voorkeur voor meldingen per e-mail")
    REPORT_REQUEST = "report.request", _("Rapport aanvragen")
    REPORT_REQUESTED = "report.requested", _("Rapport aangevraagd")
    REPORT_FAILED = "report.failed", _("Rapport kon niet worden gemaakt")
    REPORT_WATERMARKED = "report.watermarked", _("Rapport met watermerk gemaakt")
    REPORT_DOWNLOADED = "report.downloaded", _("Rapport gedownload")
    REPORT_TRACED = "report.trace_resolved", _("Traceercode van een rapport opgezocht")
    BACKGROUND_SELFTEST = "background.selftest", _("Zelftest van de achtergrondtaken")
    DEMO_SEEDED = "demo.seeded", _("Demogegevens geladen")


register_audit_actions("portal.sign_in", _("Aanmelden"), SignInActions)
register_audit_actions("portal.rights", _("Rechten, rollen en beheer"), RightsActions)
register_audit_actions("portal.trail", _("Audittrail, meldingen en rapporten"), TrailActions)
