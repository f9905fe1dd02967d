"""C11: from the end of secrecy to a publication — the concept made for the clerk, the decision
to publish or not, and withdrawal. Each write: keyword-only, atomic, one audit event."""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.constants import BodyKind, MembershipRole
from portal.models import Body, User
from portal.notifications import notify_body
from portal.refusals import refusal_audited

from .. import sources
from ..cleaning import CleaningError, clean_pdf
from ..constants import PublicationStatus, TaskStatus
from ..models import DocumentAction, Publication, PublishedDocument, ReleaseTask
from ..tooi import DocumentActionKind, municipality_uri
from .common import require_manager

log = logging.getLogger(__name__)


def _at_noon(day: datetime.date | None) -> datetime.datetime:
    """A date as the moment DiWoo's atTime wants (xs:dateTime): noon, local time."""
    day = day or timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def release_prepare(*, item_id: int, cause: str) -> ReleaseTask | None:
    """C11: the clerk's task "publiceren?" for an item whose secrecy was lifted or ended, with a
    concept publication pre-filled from the item (public subject, dates, the body that decided)
    and clean copies of its documents — from the public version where secret passages remain.
    Runs in the background after the change that ended the secrecy; idempotent (one task per
    item), and it makes nothing for an item that is still secret."""
    item = sources.item_for_release(item_id)
    if item is None or item.is_secret:
        return None
    existing = ReleaseTask.objects.filter(item_id=item.pk).first()
    if existing is not None:
        return existing
    summary = sources.item_summary(item)
    selection = sources.documents_to_publish(item)
    stored: list[str] = []
    try:
        with transaction.atomic():
            publication = Publication(  # type: ignore[misc]
                municipality=item.municipality,
                official_title=summary.subject,
                description=_description(summary),
                creation_date=summary.decided_on or timezone.localdate(),
                publisher=municipality_uri(item.municipality),
                responsible=municipality_uri(item.municipality),
                source_item=item,
            )
            publication.full_clean()
            publication.save()
            DocumentAction.objects.create(
                publication=publication,
                kind=DocumentActionKind.VASTSTELLING,
                at=_at_noon(summary.decided_on),  # type: ignore[arg-type]
                body_name=summary.decided_by,
            )
            left_out = list(selection.left_out)
            for source in selection.chosen:
                try:
                    with source.version.file.open("rb") as handle:
                        content = clean_pdf(handle.read())
                except (CleaningError, OSError):
                    log.exception("clean copy of version %s failed", source.version.uuid)
                    left_out.append(source.title)
                    continue
                document = PublishedDocument(
                    publication=publication,
                    title=source.title,
                    size=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                    source_version=source.version.uuid,
                    from_public_version=source.from_public_version,
                )
                document.file.save("copy.pdf", ContentFile(content), save=False)
                stored.append(document.file.name)
                document.full_clean()
                document.save()
            task = ReleaseTask.objects.create(
                municipality=item.municipality,
                item=item,
                cause=cause,
                publication=publication,
                left_out=left_out,
            )
            audit_record(
                action="woo.release_prepared",
                obj=publication,
                municipality=item.municipality,
                details={
                    "item": str(item.uuid),
                    "cause": cause,
                    "documents": len(stored),
                    "left_out": left_out,
                },
            )
            _notify_clerks(item.municipality, task)
    except IntegrityError:
        # A second run won the race for this item: its task stands, ours leaves nothing.
        for name in stored:
            default_storage.delete(name)
        return ReleaseTask.objects.filter(item_id=item.pk).first()
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    return task


def _description(summary) -> str:
    parts = []
    if summary.decided_by and summary.decided_on:
        parts.append(
            str(_("Onder geheimhouding verstrekt door %(body)s op %(date)s."))
            % {"body": summary.decided_by, "date": summary.decided_on.strftime("%d-%m-%Y")}
        )
    if summary.lifted_by and summary.lifted_on:
        parts.append(
            str(_("De geheimhouding is opgeheven door %(body)s op %(date)s."))
            % {"body": summary.lifted_by, "date": summary.lifted_on.strftime("%d-%m-%Y")}
        )
    elif summary.lifted_on:
        parts.append(
            str(_("De geheimhouding is geëindigd op %(date)s."))
            % {"date": summary.lifted_on.strftime("%d-%m-%Y")}
        )
    return " ".join(parts)


def _notify_clerks(municipality, task: ReleaseTask) -> None:
    """X2: the griffie hears that a decision on publication is waiting — no subject, a link."""
    raad = Body.objects.filter(municipality=municipality, kind=BodyKind.RAAD).first()
    if raad is None:
        return
    notify_body(
        body=raad,
        kind="woo.release_due",
        title=gettext_noop("Een stuk is niet meer geheim: beslis of het wordt gepubliceerd"),
        link=reverse("publications:manage_list"),
        key=f"woo.release_due:{task.uuid}",
        municipality=municipality,
        roles=[MembershipRole.CLERK],
    )


def _locked(publication: Publication) -> Publication:
    return (
        Publication.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=publication.pk)
    )


def publication_update(
    *,
    actor: User,
    publication: Publication,
    official_title: str,
    short_title: str,
    description: str,
    creation_date: datetime.date,
    information_category: str,
    action_kind: str,
    action_date: datetime.date,
    action_body: str,
) -> Publication:
    """C11: the clerk corrects the concept's metadata before publishing (DiWoo: titles,
    description, date, Woo category, the document action)."""
    require_manager(actor, action="woo.publication_updated", obj=publication)
    with (
        refusal_audited(
            actor=actor,
            action="woo.publication_updated",
            obj=publication,
            municipality=publication.municipality,
            rule="C11",
        ),
        transaction.atomic(),
    ):
        publication = _locked(publication)
        if publication.status != PublicationStatus.CONCEPT:
            raise ValidationError(
                _("Alleen een concept kan worden bewerkt; deze publicatie is al gepubliceerd."),
                code="not_concept",
            )
        publication.official_title = official_title
        publication.short_title = short_title
        publication.description = description
        publication.creation_date = creation_date
        publication.information_category = information_category
        publication.full_clean()
        publication.save()
        action = publication.actions.order_by("at").first() or DocumentAction(
            publication=publication
        )
        action.kind = action_kind
        action.at = _at_noon(action_date)
        action.body_name = action_body
        action.full_clean()
        action.save()
        audit_record(
            action="woo.publication_updated",
            actor=actor,
            obj=publication,
            details={"category": information_category, "action": action_kind},
        )
    return publication


def _refuse_if_secret(publication: Publication) -> None:
    """C11: nothing still secret is ever published — checked against the register itself."""
    if (
        publication.source_item_id
        and sources.items_still_secret().filter(pk=publication.source_item_id).exists()
    ):
        raise ValidationError(
            _(
                "Dit stuk is nog geheim en kan niet worden gepubliceerd. Het wordt pas openbaar "
                "als het bevoegde orgaan de geheimhouding opheft of als de einddatum voorbij is."
            ),
            code="still_secret",
        )


def publication_publish(
    *, actor: User, publication: Publication, visible_from: datetime.datetime | None = None
) -> Publication:
    """C11, Woo art. 3.3: publish the concept — visible from ``visible_from`` if that is later,
    otherwise at once. Refused while the item is still secret, without the municipality's CBS
    code (the publisher's TOOI identifier) and without a document."""
    require_manager(actor, action="woo.published", obj=publication)
    with (
        refusal_audited(
            actor=actor,
            action="woo.published",
            obj=publication,
            municipality=publication.municipality,
            rule="C11",
        ),
        transaction.atomic(),
    ):
        publication = _locked(publication)
        task = ReleaseTask.objects.select_for_update().filter(publication=publication).first()
        if publication.status != PublicationStatus.CONCEPT:
            raise ValidationError(
                _("Deze publicatie is al gepubliceerd of ingetrokken."), code="not_concept"
            )
        _refuse_if_secret(publication)
        publisher = municipality_uri(publication.municipality)
        if not publisher:
            raise ValidationError(
                _(
                    "De gemeente heeft nog geen CBS-gemeentecode, en zonder die code weet de "
                    "landelijke Woo-index niet wie publiceert. Vraag de beheerder de code in te "
                    "vullen (beheer, Gemeenten) en publiceer daarna opnieuw."
                ),
                code="no_publisher",
            )
        if not publication.documents.exists():
            raise ValidationError(
                _(
                    "Deze publicatie heeft geen document. Voeg in het geheimhoudingsregister een "
                    "(openbare) versie toe, of besluit het stuk niet te publiceren."
                ),
                code="no_documents",
            )
        now = timezone.now()
        publication.status = PublicationStatus.PUBLISHED
        publication.published_at = now
        publication.visible_from = visible_from if visible_from and visible_from > now else None
        publication.publisher = publication.responsible = publisher
        publication.full_clean()
        publication.save()
        if task is not None:
            task.status = TaskStatus.PUBLISHED
            task.decided_at, task.decided_by = now, actor
            task.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
        audit_record(
            action="woo.published",
            actor=actor,
            obj=publication,
            details={
                "visible_from": publication.visible_from,
                "category": publication.information_category,
                "documents": publication.documents.count(),
            },
        )
    return publication


def publication_withdraw(
    *, actor: User, publication: Publication, reason: str, reason_kind: str = ""
) -> Publication:
    """C11: withdraw a publication, with the reason; its documents are withdrawn with it. From
    then on its page and documents answer 410 Gone and it leaves every list and sitemap."""
    require_manager(actor, action="woo.withdrawn", obj=publication)
    with (
        refusal_audited(
            actor=actor,
            action="woo.withdrawn",
            obj=publication,
            municipality=publication.municipality,
            rule="C11",
        ),
        transaction.atomic(),
    ):
        publication = _locked(publication)
        if publication.status != PublicationStatus.PUBLISHED:
            raise ValidationError(
                _("Alleen een gepubliceerde publicatie kan worden ingetrokken."),
                code="not_published",
            )
        if not (reason or "").strip():
            raise ValidationError(
                {
                    "reason": ValidationError(
                        _("Schrijf op waarom de publicatie wordt ingetrokken."), code="no_reason"
                    )
                }
            )
        publication.status = PublicationStatus.WITHDRAWN
        publication.withdrawn_at = timezone.now()
        publication.withdrawal_reason = reason.strip()
        publication.withdrawal_reason_kind = reason_kind
        publication.full_clean()
        publication.save()
        publication.documents.update(withdrawn=True, updated_at=timezone.now())
        audit_record(
            action="woo.withdrawn",
            actor=actor,
            obj=publication,
            details={"reason_kind": reason_kind, "reason": publication.withdrawal_reason},
        )
    return publication


def release_decline(*, actor: User, task: ReleaseTask, reason: str) -> ReleaseTask:
    """C11: the recorded decision not to publish an item that is no longer secret, with the
    reason. The concept and its copies are discarded: nothing of it was ever public."""
    require_manager(actor, action="woo.release_declined", obj=task)
    with (
        refusal_audited(
            actor=actor,
            action="woo.release_declined",
            obj=task,
            municipality=task.municipality,
            rule="C11",
        ),
        transaction.atomic(),
    ):
        task = ReleaseTask.objects.select_for_update().get(pk=task.pk)
        if task.status != TaskStatus.OPEN:
            raise ValidationError(_("Over dit stuk is al beslist."), code="decided")
        if not (reason or "").strip():
            raise ValidationError(
                {
                    "reason": ValidationError(
                        _("Schrijf op waarom het stuk niet wordt gepubliceerd."), code="no_reason"
                    )
                }
            )
        publication = task.publication
        files = []
        if publication is not None:
            files = list(publication.documents.values_list("file", flat=True))
            task.publication = None
        task.status = TaskStatus.DECLINED
        task.decline_reason = reason.strip()
        task.decided_at, task.decided_by = timezone.now(), actor
        task.full_clean()
        task.save()
        if publication is not None:
            publication.delete()
            transaction.on_commit(lambda: [default_storage.delete(name) for name in files])  # type: ignore[func-returns-value]
        audit_record(
            action="woo.release_declined",
            actor=actor,
            obj=task,
            details={"item": str(task.item.uuid), "reason": task.decline_reason},
        )
    return task
