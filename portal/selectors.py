"""Reads, always scoped to the user (T1): municipality, identity domain, bodies, object grants.
An object outside the scope is a 404, never a 403 (the user need not know it exists)."""

from functools import wraps

from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.http import Http404
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user

from portal.audit import audit_record
from portal.constants import AuditResult
from portal.models import (
    AuditEvent,
    Body,
    Membership,
    Notification,
    NotificationPreference,
    User,
)
from portal.permissions import holds_role_flag


def get_in_scope_or_404(qs: QuerySet, user, **lookup):
    """The object in the user's scope, or a 404 — and the miss is audited (A3), noting whether
    the object exists outside the scope, which is what an investigator wants to know."""
    obj = qs.filter(**lookup).first()
    if obj is not None:
        return obj
    exists_elsewhere = qs.model._default_manager.filter(**lookup).exists()
    audit_record(
        action="access.out_of_scope" if exists_elsewhere else "access.not_found",
        actor=user,
        result=AuditResult.DENIED,
        object_type=qs.model._meta.label_lower,
        object_id=str(next(iter(lookup.values()), ""))[:64],
        details={"lookup": {k: str(v) for k, v in lookup.items()}},
    )
    raise Http404


def in_municipality_or_404(
    model: str, *, kwarg: str = "uuid", field: str = "municipality", perm: str | None = None
):
    """T1 for a view of one object: an object of another municipality does not exist for you,
    so the answer is 404 (the miss audited as ``access.out_of_scope``) *before* any permission
    is asked — a 403 would say that it exists (issue 14 finding 12). Put it above the view's
    own checks; the view still fetches the object in its own, narrower scope.

    With ``perm`` it is also the view's permission check: whoever holds ``perm`` goes straight
    on to the view, whose selector scopes the object (404 out of scope, audited alike), so the
    object is looked up once (B1); whoever does not gets 404 for an object outside their
    municipality and 403 for one inside it.

    ``model`` is an ``"app_label.Model"`` label (apps do not import each other's models) with a
    ``uuid`` field; ``kwarg`` names the URL argument holding it."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if perm is not None and request.user.has_perm(perm):
                return view(request, *args, **kwargs)
            rows = apps.get_model(model)._default_manager.only("pk")
            get_in_scope_or_404(
                scope_to_municipality(rows, request.user, field), request.user, uuid=kwargs[kwarg]
            )
            if perm is not None:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def scope_to_municipality(qs: QuerySet, user, field: str = "municipality") -> QuerySet:
    """The rows of ``qs`` that belong to the user's municipality; none for users without one."""
    if not user.is_authenticated or user.municipality_id is None:
        return qs.none()
    return qs.filter(**{f"{field}_id": user.municipality_id})


def objects_granted(user, perm: str, qs: QuerySet) -> QuerySet:
    """Objects in ``qs`` the user holds ``perm`` on through an object grant (django-guardian,
    direct-FK permission models), directly or through a group, in one query. Global
    permissions do not count: a grant is per object."""
    return get_objects_for_user(
        user, perm, klass=qs, accept_global_perms=False, with_superuser=False
    )


def bodies_for(user) -> QuerySet:
    if not user.has_perm("portal.view_bodies"):
        return Body.objects.none()
    bodies = scope_to_municipality(Body.objects.select_related("domain"), user)
    if holds_role_flag(user, "portal.read_only_access"):
        # Council members see the bodies of their own (council) domain, not who sits in the
        # organisation's CMT or the college's staff support.
        bodies = bodies.filter(domain_id=user.identity_domain_id)
    return bodies


def body_get(user, uuid) -> Body:
    return get_in_scope_or_404(bodies_for(user), user, uuid=uuid)


def body_memberships(body: Body) -> QuerySet:
    return body.memberships.select_related("user").order_by("-end", "user__last_name")


def memberships_current_for(user, on=None) -> QuerySet:
    """The user's own current seats (T4: access that follows from them starts and ends with
    them)."""
    return Membership.objects.current(on).filter(user=user).select_related("body")


def body_ids_for_member(user, on=None) -> set[int]:
    return set(memberships_current_for(user, on).values_list("body_id", flat=True))


def bodies_with_current_members(user) -> QuerySet:
    today = timezone.localdate()
    return bodies_for(user).prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.current(today).select_related("user"),
            to_attr="current_memberships",
        )
    )


def membership_get_for_management(user, uuid) -> Membership:
    qs = Membership.objects.select_related("body", "user").filter(body__in=bodies_for(user))
    return get_in_scope_or_404(qs, user, uuid=uuid)


def audit_events_for(user) -> QuerySet:
    """The audit trail of the user's own municipality, for those who may read it."""
    if not user.has_perm("portal.view_audit_trail"):
        return AuditEvent.objects.none()
    return scope_to_municipality(AuditEvent.objects.all(), user).order_by("-seq")


def audit_event_get(user, uuid) -> AuditEvent:
    return get_in_scope_or_404(audit_events_for(user), user, uuid=uuid)


def candidate_members_for(user, body: Body) -> QuerySet:
    """Active people of the body's identity domain (a raad's members come from the council
    domain, a CMT's from the organisation)."""
    from portal.models import User

    return User.objects.filter(identity_domain=body.domain, is_active=True).order_by(
        "last_name", "first_name"
    )


def notifications_for(user) -> QuerySet:
    """A person's own notifications, newest first; nobody sees anyone else's."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_get(user, uuid) -> Notification:
    return get_in_scope_or_404(notifications_for(user), user, uuid=uuid)


def unread_notification_count(user) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def notification_email_delivery(user) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.email_delivery if preference else NotificationPreference.DEFAULT


def person_label(field: str):
    """A user (through the relation ``field``) as ``str(user)`` shows them, computed in SQL:
    the full name, or the e-mail address without one. For JSONObject rows (portal.queries.Rows)."""
    full_name = Trim(Concat(f"{field}__first_name", Value(" "), f"{field}__last_name"))
    return Coalesce(NullIf(full_name, Value("")), F(f"{field}__email"), output_field=CharField())


def administrators_of(municipality_id, perm: str = "portal.add_domaintrust") -> list:
    """The active people of a municipality who hold ``perm`` through a role or directly: whom a
    refusal names when only an administrator can fix it (X7: say whom to ask)."""
    app_label, codename = perm.split(".", 1)
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is None or municipality_id is None:
        return []
    return list(
        User.objects.filter(
            Q(groups__permissions=permission) | Q(user_permissions=permission),
            is_active=True,
            identity_domain__municipality_id=municipality_id,
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def address_taken(email: str, *, other_than=None) -> bool:
    """Whether any account, of any municipality, signs in with ``email`` (the admin's user
    forms refuse a taken address in the same words for all, T1). Deliberately unscoped: it
    answers yes or no, never which account."""
    taken = User.objects.filter(email__iexact=email)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    return taken.exists()
