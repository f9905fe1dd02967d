"""Writes of the shared core. Each: keyword-only, atomic, full_clean, one audit event."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.constants import AuditResult
from portal.models import Body, Membership, User
from portal.notifications import notify_users
from portal.permissions import can_manage_memberships
from portal.refusals import refuse


def membership_add(
    *,
    actor: User,
    body: Body,
    user: User,
    role: str,
    start: datetime.date,
    end: datetime.date | None = None,
) -> Membership:
    """T4: a seat in a body from ``start`` (and until ``end``)."""
    if not can_manage_memberships(actor, body):
        refuse(actor=actor, action="membership.add", obj=body)
    with transaction.atomic():
        Body.objects.select_for_update().get(pk=body.pk)  # serialise overlapping adds
        membership = Membership(body=body, user=user, role=role, start=start, end=end)
        membership.full_clean()
        membership.save()
        notify_users(
            users=[user],
            kind="membership.added",
            title=gettext_noop("U bent lid geworden van %(body)s"),
            params={"body": body.name},
            link=reverse("portal:body_detail", kwargs={"uuid": body.uuid}),
            key=f"membership.added:{membership.uuid}",
            municipality=body.municipality,
        )
        audit_record(
            action="membership.add",
            actor=actor,
            obj=membership,
            municipality=body.municipality,
            details={
                "body": str(body.uuid),
                "user": str(user.uuid),
                "role": role,
                "start": start,
                "end": end,
            },
        )
    return membership


MSG_FROM_RIS = _(
    "Dit lidmaatschap komt uit het raadsinformatiesysteem: het eindigt daar, en de volgende "
    "synchronisatie neemt dat over."
)


def membership_end(*, actor: User, membership: Membership, end: datetime.date) -> Membership:
    """T4: access that follows from a membership ends with it. T5: a membership from the
    council information system is ended there, never by hand here."""
    if not can_manage_memberships(actor, membership.body):
        refuse(actor=actor, action="membership.end", obj=membership)
    if membership.ris_id:
        audit_record(
            action="membership.end",
            actor=actor,
            obj=membership,
            municipality=membership.body.municipality,
            result=AuditResult.DENIED,
            details={"rule": "T5"},
        )
        raise ValidationError(MSG_FROM_RIS, code="from_ris")
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("body__municipality", "user__identity_domain")
            .get(pk=membership.pk)
        )
        membership.end = end
        membership.full_clean()
        membership.save(update_fields=["end", "updated_at"])
        notify_users(
            users=[membership.user],
            kind="membership.ended",
            title=gettext_noop("Uw lidmaatschap van %(body)s eindigt op %(end)s"),
            params={"body": membership.body.name, "end": end.strftime("%d-%m-%Y")},
            link=reverse("portal:profile"),
            key=f"membership.ended:{membership.uuid}:{end.isoformat()}",
            municipality=membership.body.municipality,
        )
        audit_record(
            action="membership.end",
            actor=actor,
            obj=membership,
            municipality=membership.body.municipality,
            details={"end": end},
        )
    return membership
