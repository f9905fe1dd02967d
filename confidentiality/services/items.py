"""C1-C3, C5, C7: a secret item's life in the register — registered by decision or by a
closed session, reviewed, lifted."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.models import Body, User
from portal.notifications import notify_body
from portal.refusals import refusal_audited

from .. import hooks
from ..constants import SecrecyOrigin, SecrecyStatus
from ..models import ClosedSession, Lifting, Review, SecrecyItem
from .common import locked, require_manager
from .sharing import share_record


def item_register(
    *,
    actor: User,
    subject: str,
    imposing_body: Body | None,
    public_subject: str = "",
    motivation: str,
    decision_date: datetime.date | None,
    grounds: Iterable[str],
    reference: str = "",
    lifting_body: Body | None = None,
    review_date: datetime.date | None = None,
    expires_on: datetime.date | None = None,
) -> SecrecyItem:
    """C1, C2, C7, Gemeentewet art. 87 and 89: register secrecy imposed by a decision of the raad,
    the college, the burgemeester or a commissie. The body competent to lift is the imposing body
    unless another one is named."""
    require_manager(actor, action="secrecy.register")
    with (
        refusal_audited(
            actor=actor, action="secrecy.register", municipality=actor.municipality, rule="C1/C2/C7"
        ),
        transaction.atomic(),
    ):
        item = SecrecyItem(
            municipality=actor.municipality,
            subject=subject,
            public_subject=public_subject,
            reference=reference,
            origin=SecrecyOrigin.DECISION,
            imposing_body=imposing_body,
            lifting_body=lifting_body or imposing_body,
            motivation=motivation,
            decision_date=decision_date,
            grounds=list(grounds),
            review_date=review_date,
            expires_on=expires_on,
            registered_by=actor,
        )
        item.full_clean()
        item.save()
        audit_record(
            action="secrecy.register",
            actor=actor,
            obj=item,
            details={
                "imposing_body": str(imposing_body.uuid),  # type: ignore[union-attr]
                "lifting_body": str(item.lifting_body.uuid),
                "grounds": item.grounds,
                "decision_date": decision_date,
                "review_date": review_date,
                "expires_on": expires_on,
            },
        )
    return item


def closed_session_register(
    *,
    actor: User,
    body: Body,
    date: datetime.date,
    grounds: Iterable[str],
    review_date: datetime.date,
    reference: str = "",
    minutes_subject: str = "",
    document_subjects: Iterable[str] = (),
    share_with_body: bool = True,
) -> ClosedSession:
    """C3, Gemeentewet art. 23 lid 4 and art. 82 lid 5: what was said in a closed session of the
    raad or a commissie is secret by law. Registering the session puts its minutes (and the
    documents named) under secrecy with no separate decision, until that body lifts it.

    C3 with C4: by default the minutes and documents are shared with the body that met, as a
    whole (its current members are told, without content); the clerk can choose not to and
    share item by item later. Before, they reached no one until shared one by one."""
    require_manager(actor, action="secrecy.closed_session_register")
    with (
        refusal_audited(
            actor=actor,
            action="secrecy.closed_session_register",
            municipality=actor.municipality,
            rule="C3",
        ),
        transaction.atomic(),
    ):
        session = ClosedSession(
            municipality=actor.municipality,
            body=body,
            date=date,
            reference=reference,
            grounds=list(grounds),
            registered_by=actor,
        )
        session.full_clean()
        session.save()
        # C9: the public register names what the session produced, not what it was about.
        minutes_public = f"Verslag besloten vergadering {body.name} {date:%d-%m-%Y}"
        document_public = f"Stuk bij de besloten vergadering van {body.name} {date:%d-%m-%Y}"
        subjects = [
            (minutes_subject or minutes_public, minutes_public),
            *((subject, document_public) for subject in document_subjects),
        ]
        items = []
        for subject, public_subject in subjects:
            item = SecrecyItem(
                municipality=actor.municipality,
                subject=subject,
                public_subject=public_subject,
                reference=reference,
                origin=SecrecyOrigin.CLOSED_SESSION,
                closed_session=session,
                lifting_body=body,
                grounds=session.grounds,
                review_date=review_date,
                registered_by=actor,
            )
            item.full_clean()
            items.append(item)
        SecrecyItem.objects.bulk_create(items)
        if share_with_body:
            for item in items:
                share_record(actor=actor, item=item, body=body, details={"by_default": True})
        audit_record(
            action="secrecy.closed_session_register",
            actor=actor,
            obj=session,
            details={
                "body": str(body.uuid),
                "date": date,
                "grounds": session.grounds,
                "items": [str(item.uuid) for item in items],
                "shared_with_body": share_with_body,
            },
        )
    return session


def item_lift(
    *, actor: User, item: SecrecyItem, body: Body, date: datetime.date, reference: str
) -> Lifting:
    """C5, Gemeentewet art. 89: record the decision lifting secrecy — by the competent body, or
    by the raad for information given to it. From then on the item is no longer secret; the
    register keeps it with status 'lifted'."""
    require_manager(actor, action="secrecy.lift", obj=item)
    with (
        refusal_audited(
            actor=actor, action="secrecy.lift", municipality=item.municipality, obj=item, rule="C5"
        ),
        transaction.atomic(),
    ):
        item = locked(item)
        if not item.is_secret:
            raise ValidationError(
                _("De geheimhouding van dit stuk is al opgeheven of verlopen."),  # C5
                code="not_secret",
            )
        lifting = Lifting(item=item, body=body, date=date, reference=reference, recorded_by=actor)
        lifting.full_clean()
        lifting.save()
        item.status = SecrecyStatus.LIFTED
        item.save(update_fields=["status", "updated_at"])
        # C5: the bodies that received it hear that it is no longer secret (no content, X2).
        for share in item.shares.select_related("body"):
            notify_body(
                body=share.body,
                kind="secrecy.lifted",
                title=gettext_noop("De geheimhouding van een stuk voor %(body)s is opgeheven"),
                params={"body": share.body.name},
                link=reverse("portal:notification_list"),
                key=f"secrecy.lifted:{lifting.uuid}:{share.body.uuid}",
                municipality=item.municipality,
            )
        audit_record(
            action="secrecy.lift",
            actor=actor,
            obj=item,
            details={"body": str(body.uuid), "date": date, "reference": reference},
        )
        # C11: whoever publishes what is no longer secret hears of it (after commit).
        hooks.secrecy_ended(item, cause="lifted")
    return lifting


def review_record(
    *,
    actor: User,
    item: SecrecyItem,
    reviewed_on: datetime.date,
    next_review_date: datetime.date,
    note: str = "",
) -> Review:
    """C7: record that an active item was reviewed and when it is reviewed next. Ending secrecy
    is not a review outcome but a lifting decision (C5, :func:`item_lift`)."""
    require_manager(actor, action="secrecy.review", obj=item)
    with (
        refusal_audited(
            actor=actor,
            action="secrecy.review",
            municipality=item.municipality,
            obj=item,
            rule="C7",
        ),
        transaction.atomic(),
    ):
        item = locked(item)
        if not item.is_secret:
            raise ValidationError(
                _("Alleen een stuk dat nog geheim is wordt heroverwogen."),  # C7
                code="not_secret",
            )
        review = Review(
            item=item,
            reviewed_on=reviewed_on,
            next_review_date=next_review_date,
            note=note,
            reviewed_by=actor,
        )
        review.full_clean()
        review.save()
        item.review_date = next_review_date
        item.save(update_fields=["review_date", "updated_at"])
        audit_record(
            action="secrecy.review",
            actor=actor,
            obj=item,
            details={"reviewed_on": reviewed_on, "next_review_date": next_review_date},
        )
    return review
