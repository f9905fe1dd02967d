"""C4, C6: who receives a secret item — a body as a whole, never persons — and who is
excluded from it for a while."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.models import Body, Membership, User
from portal.notifications import notify_body, notify_users
from portal.refusals import refusal_audited

from ..constants import EXCLUDABLE_MEMBER_BODY_KINDS
from ..models import Exclusion, SecrecyItem, Share
from ..selectors import exclusions_in_force
from .common import locked, require_manager

INDIVIDUAL_RECIPIENTS_REFUSED = _(
    "Geheime informatie wordt niet aan één of enkele raadsleden verstrekt, alleen aan de raad, "
    "het college, een commissie of de rekenkamer als geheel (Gemeentewet art. 88 lid 5)."  # C4
)


def item_share_with_body(*, actor: User, item: SecrecyItem, body) -> Share:
    """C4, Gemeentewet art. 88 lid 5: a secret item goes to a body as a whole — the raad, the
    college, a commissie or the rekenkamer — and reaches its current members (T4). Persons are
    refused with a message citing the article. The members (minus anyone excluded under C6) are
    notified without any content (X2)."""
    require_manager(actor, action="secrecy.share", obj=item)
    with refusal_audited(
        actor=actor, action="secrecy.share", municipality=item.municipality, obj=item, rule="C4"
    ):
        if not isinstance(body, Body):
            # A person, or a list of persons: art. 88 lid 5 forbids it whatever their number.
            raise ValidationError(INDIVIDUAL_RECIPIENTS_REFUSED, code="individual_recipients")
        with transaction.atomic():
            item = locked(item)
            if not item.is_secret:
                raise ValidationError(
                    _("Dit stuk is niet meer geheim en wordt niet als geheim stuk gedeeld."),  # C5
                    code="not_secret",
                )
            share = share_record(actor=actor, item=item, body=body)
    return share


def share_record(*, actor: User, item: SecrecyItem, body: Body, details=None) -> Share:
    """C4: the share itself, inside the caller's transaction: the row, a notice without
    content to the body's current members (X2) except anyone excluded (C6) and the actor,
    and one audit event. The callers check who may share and what (C3, C4, C5)."""
    share = Share(item=item, body=body, shared_by=actor)
    share.full_clean()
    share.save()
    excluded = exclusions_in_force().filter(
        member__in=Membership.objects.current().filter(body=body).values("user_id")
    )
    notify_body(
        body=body,
        kind="secrecy.shared",
        title=gettext_noop("Er is een geheim stuk gedeeld met %(body)s"),
        params={"body": body.name},
        # The item's page in the council portal: an address, no content (X2).
        link=reverse("confidentiality:shared_detail", kwargs={"uuid": item.uuid}),
        key=f"secrecy.shared:{share.uuid}",
        municipality=item.municipality,
        # C6: no notice to an excluded member; none to the clerk who shared it either.
        exclude=[actor.pk, *excluded.values_list("member_id", flat=True)],  # type: ignore[list-item]
    )
    audit_record(
        action="secrecy.share",
        actor=actor,
        obj=item,
        details={"body": str(body.uuid), "share": str(share.uuid), **(details or {})},
    )
    return share


def member_exclude(
    *,
    actor: User,
    member: User,
    raad: Body,
    decision_date: datetime.date,
    reference: str,
    start: datetime.date,
    end: datetime.date,
) -> Exclusion:
    """C6 *(check the article)*: the raad's decision that a member of the raad or a commissie
    who breached secrecy receives no secret information from ``start`` to ``end``, at most three
    months. Access returns by itself after ``end`` (the selectors read the dates)."""
    require_manager(actor, action="secrecy.exclude")
    with (
        refusal_audited(
            actor=actor,
            action="secrecy.exclude",
            municipality=actor.municipality,
            obj=member,
            rule="C6",
        ),
        transaction.atomic(),
    ):
        seated = (
            Membership.objects.current(start)
            .filter(
                user=member,
                body__municipality_id=actor.municipality_id,
                body__kind__in=EXCLUDABLE_MEMBER_BODY_KINDS,
            )
            .exists()
        )
        if not seated:
            raise ValidationError(
                _("Alleen een lid van de raad of van een commissie kan worden uitgesloten."),  # C6
                code="not_a_member",
            )
        exclusion = Exclusion(
            municipality=actor.municipality,
            member=member,
            raad=raad,
            decision_date=decision_date,
            reference=reference,
            start=start,
            end=end,
            recorded_by=actor,
        )
        exclusion.full_clean()
        exclusion.save()
        if start <= timezone.localdate():
            # Starting today (or back-dated): the member hears it now, not from tonight's job.
            exclusion_notify(exclusion, "started")
        audit_record(
            action="secrecy.exclude",
            actor=actor,
            obj=exclusion,
            details={
                "member": str(member.uuid),
                "start": start,
                "end": end,
                "reference": reference,
            },
        )
    return exclusion


EXCLUSION_TITLES = {
    "started": gettext_noop(
        "U ontvangt tot en met %(end)s geen geheime informatie (besluit van de raad %(ref)s)"
    ),
    "ended": gettext_noop("Uw uitsluiting van geheime informatie is afgelopen"),
}


def exclusion_notify(exclusion: Exclusion, moment: str) -> None:
    """C6: tell the member that the exclusion started or ended — once per moment (the key), so
    the service (an exclusion starting today) and the daily job can both call it."""
    action = f"secrecy.exclusion_{moment}"
    notify_users(
        users=[exclusion.member],
        kind=action,
        title=EXCLUSION_TITLES[moment],
        params={"end": exclusion.end.strftime("%d-%m-%Y"), "ref": exclusion.reference},
        link=reverse("portal:notification_list"),
        key=f"{action}:{exclusion.uuid}",
        municipality=exclusion.municipality,
    )
