"""C11: from the end of secrecy to a publication — the concept, its clean copies, publishing,
withdrawing, deciding not to publish; and nothing still secret is ever published."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from confidentiality.constants import SecrecyStatus, WooGround
from confidentiality.copies import copy_make
from confidentiality.models import Passage, SecrecyItem
from confidentiality.tasks import secrecy_daily
from portal.models import AuditEvent, Notification, OutboxMessage
from portal.roles import Role
from publications import services
from publications.cleaning import pdf_text
from publications.constants import PublicationStatus, TaskStatus
from publications.models import Publication, PublishedDocument, ReleaseTask
from publications.tooi import DEFAULT_CATEGORY, DocumentActionKind
from tests.confidentiality.factories import DocumentFactory, SecrecyItemFactory, today
from tests.publications.conftest import (
    PUBLIC_TEXT,
    SECRET_TEXT,
    add_version,
    lift,
    prepared_from_outbox,
)
from tests.publications.factories import AUTHOR, codes, pdf_with_metadata

pytestmark = pytest.mark.django_db


def events(action, result="success"):
    return AuditEvent.objects.filter(action=action, result=result)


def concept_of(item) -> Publication:
    return ReleaseTask.objects.get(item=item).publication


def test_c11_lifting_queues_the_concept_after_commit_and_a_rollback_queues_nothing(
    secret_item, clerk
):
    with transaction.atomic():
        lift(secret_item, clerk)
        transaction.set_rollback(True)
    assert not OutboxMessage.objects.filter(task_name="publications.release_prepare").exists()
    lift(secret_item, clerk)
    message = OutboxMessage.objects.get(task_name="publications.release_prepare")
    assert message.kwargs == {"item_id": secret_item.pk, "cause": "lifted"}


def test_c11_a_lifted_items_concept_publication_carries_its_metadata(woo, secret_item, clerk):
    lift(secret_item, clerk)
    assert prepared_from_outbox() == 1
    task = ReleaseTask.objects.get(item=secret_item)
    publication = task.publication
    assert task.status == TaskStatus.OPEN and task.cause == "lifted"
    assert publication.status == PublicationStatus.CONCEPT
    assert publication.official_title == "Grondaankoop De Vaart"
    assert publication.creation_date == secret_item.decision_date
    assert publication.information_category == DEFAULT_CATEGORY
    assert publication.publisher == "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    assert publication.responsible == publication.publisher
    assert publication.source_item_id == secret_item.pk
    # the public subject, the bodies and dates — never the motivation of the secrecy
    assert woo.a.college.name in publication.description
    assert secret_item.motivation not in publication.description
    (action,) = publication.actions.all()
    assert action.kind == DocumentActionKind.VASTSTELLING
    assert action.at.date() == secret_item.decision_date
    assert action.body_name == woo.a.college.name
    (document,) = publication.documents.all()
    assert document.title == "Raadsvoorstel grondaankoop" and not document.from_public_version
    assert events("woo.release_prepared").count() == 1
    # the griffie hears of it, without the subject (X2)
    note = Notification.objects.get(kind="woo.release_due", recipient=clerk)
    assert "Grondaankoop" not in note.title


def test_c11_the_published_copy_has_no_watermark_no_author_metadata_and_no_secret_passage(
    woo, secret_item, clerk
):
    """Three documents: one with author metadata (the copy keeps the text, loses the
    metadata); one with a secret passage and a public version (only the public version goes);
    and a council member's watermarked download made before (the copy carries none of it)."""
    council_member = woo.a.users[Role.COUNCIL_MEMBER]
    first = secret_item.documents.get()
    copy_make(user=council_member, item=secret_item, version=first.versions.get())
    split = DocumentFactory(item=secret_item, title="Taxatierapport")
    add_version(split, pdf_with_metadata([PUBLIC_TEXT, SECRET_TEXT]), number=1)
    add_version(split, pdf_with_metadata([PUBLIC_TEXT]), number=2, is_public=True)
    Passage.objects.create(document=split, location="pagina 1", grounds=[WooGround.LID2_B])
    lift(secret_item, clerk)
    prepared_from_outbox()
    publication = concept_of(secret_item)
    services.publication_publish(actor=clerk, publication=publication)
    copies = {d.title: d for d in PublishedDocument.objects.filter(publication=publication)}
    assert set(copies) == {"Raadsvoorstel grondaankoop", "Taxatierapport"}
    assert copies["Taxatierapport"].from_public_version
    for document in copies.values():
        content = document.file.open("rb").read()
        text = pdf_text(content)
        assert PUBLIC_TEXT in text
        assert SECRET_TEXT not in text and "3,1 miljoen" not in text  # C10
        assert "traceercode" not in text.lower() and "Persoonlijk exemplaar" not in text  # C8
        assert council_member.get_full_name() not in text
        reader = PdfReader(io.BytesIO(content))
        assert not reader.metadata  # no information dictionary at all
        assert "/Metadata" not in reader.trailer["/Root"]  # no XMP
        assert AUTHOR.encode() not in content and b"Tekstverwerker" not in content


def test_c11_a_document_with_secret_passages_and_no_public_version_is_left_out(secret_item, clerk):
    split = DocumentFactory(item=secret_item, title="Taxatierapport")
    add_version(split, pdf_with_metadata([SECRET_TEXT]))
    Passage.objects.create(document=split, location="pagina 2", grounds=[WooGround.LID2_B])
    lift(secret_item, clerk)
    prepared_from_outbox()
    task = ReleaseTask.objects.get(item=secret_item)
    assert task.left_out == ["Taxatierapport"]
    assert list(task.publication.documents.values_list("title", flat=True)) == [
        "Raadsvoorstel grondaankoop"
    ]


def test_c11_preparing_twice_makes_one_task(secret_item, clerk):
    lift(secret_item, clerk)
    first = services.release_prepare(item_id=secret_item.pk, cause="lifted")
    second = services.release_prepare(item_id=secret_item.pk, cause="lifted")
    assert first.pk == second.pk
    assert ReleaseTask.objects.count() == 1 and Publication.objects.count() == 1
    assert events("woo.release_prepared").count() == 1


def test_c7_c11_secrecy_that_ends_at_its_end_date_comes_up_for_publication(woo):
    item = SecrecyItemFactory(imposing_body=woo.a.college, ended=True)
    add_version(DocumentFactory(item=item), pdf_with_metadata(["Einde geheimhouding"]))
    secrecy_daily()
    assert SecrecyItem.objects.get(pk=item.pk).status == SecrecyStatus.EXPIRED
    prepared_from_outbox()
    task = ReleaseTask.objects.get(item=item)
    assert task.cause == "expired" and task.publication.documents.count() == 1


def test_c11_an_item_still_secret_is_never_published(woo, secret_item, clerk):
    """The concept is not made for a secret item; publishing is refused (audited, nothing
    changed) when the item is secret again; and the daily sweep skips secret items."""
    assert services.release_prepare(item_id=secret_item.pk, cause="lifted") is None
    assert not ReleaseTask.objects.exists() and not Publication.objects.exists()
    from publications.tasks import publications_daily

    assert publications_daily()["prepared"] == 0
    lift(secret_item, clerk)
    prepared_from_outbox()
    publication = concept_of(secret_item)
    SecrecyItem.objects.filter(pk=secret_item.pk).update(status=SecrecyStatus.ACTIVE)
    with pytest.raises(ValidationError) as refused:
        services.publication_publish(actor=clerk, publication=publication)
    assert codes(refused.value) == {"still_secret"}
    assert "C11" not in str(refused.value)  # users read the law in words, not our ids
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.CONCEPT and publication.published_at is None
    assert events("woo.published", "denied").get().details["rule"] == "C11"
    assert not events("woo.published").exists()


def test_c11_publishing_needs_the_cbs_code_and_a_document(woo, secret_item, clerk):
    lift(secret_item, clerk)
    prepared_from_outbox()
    publication = concept_of(secret_item)
    woo.a.municipality.cbs_code = ""
    woo.a.municipality.save()
    with pytest.raises(ValidationError) as refused:
        services.publication_publish(actor=clerk, publication=publication)
    assert codes(refused.value) == {"no_publisher"}
    assert "CBS-gemeentecode" in refused.value.messages[0]
    woo.a.municipality.cbs_code = "GM0363"
    woo.a.municipality.save()
    publication.documents.all().delete()
    with pytest.raises(ValidationError) as refused:
        services.publication_publish(actor=clerk, publication=publication)
    assert codes(refused.value) == {"no_documents"}
    assert Publication.objects.get().status == PublicationStatus.CONCEPT


def test_c11_publish_with_a_visible_from_moment_then_withdraw_with_a_reason(secret_item, clerk):
    lift(secret_item, clerk)
    prepared_from_outbox()
    publication = concept_of(secret_item)
    later = timezone.now() + timezone.timedelta(days=2)
    services.publication_publish(actor=clerk, publication=publication, visible_from=later)
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED
    assert publication.visible_from == later
    assert ReleaseTask.objects.get().status == TaskStatus.PUBLISHED
    with pytest.raises(ValidationError) as refused:
        services.publication_withdraw(actor=clerk, publication=publication, reason="  ")
    assert codes(refused.value) == {"no_reason"}
    services.publication_withdraw(
        actor=clerk, publication=publication, reason="Er stond een naam van een inwoner in."
    )
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.WITHDRAWN and publication.withdrawn_at
    assert all(d.withdrawn for d in publication.documents.all())
    assert events("woo.published").count() == events("woo.withdrawn").count() == 1
    assert events("woo.withdrawn", "denied").count() == 1


def test_c11_deciding_not_to_publish_is_recorded_with_a_reason(
    secret_item, clerk, django_capture_on_commit_callbacks
):
    lift(secret_item, clerk)
    prepared_from_outbox()
    task = ReleaseTask.objects.get()
    copy_name = task.publication.documents.get().file.name
    with pytest.raises(ValidationError):
        services.release_decline(actor=clerk, task=task, reason="")
    assert ReleaseTask.objects.get().status == TaskStatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        services.release_decline(actor=clerk, task=task, reason="Al openbaar via de raadsstukken.")
    task.refresh_from_db()
    assert task.status == TaskStatus.DECLINED and task.decided_by == clerk
    assert task.decline_reason == "Al openbaar via de raadsstukken."
    assert not Publication.objects.exists()
    from django.core.files.storage import default_storage

    assert not default_storage.exists(copy_name)
    assert events("woo.release_declined").count() == 1


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.CIVIL_SERVANT])
def test_c11_only_the_griffie_publishes(woo, secret_item, clerk, role):
    lift(secret_item, clerk)
    prepared_from_outbox()
    with pytest.raises(PermissionDenied):
        services.publication_publish(actor=woo.a.users[role], publication=concept_of(secret_item))
    assert events("woo.published", "denied").count() == 1
    assert Publication.objects.get().status == PublicationStatus.CONCEPT


def test_t1_the_other_municipalitys_clerk_cannot_publish(woo, secret_item, clerk):
    lift(secret_item, clerk)
    prepared_from_outbox()
    with pytest.raises(PermissionDenied):
        services.publication_publish(
            actor=woo.b.users[Role.CLERK], publication=concept_of(secret_item)
        )
    assert Publication.objects.get().status == PublicationStatus.CONCEPT


def test_c11_one_audit_event_per_write(secret_item, clerk):
    lift(secret_item, clerk)
    prepared_from_outbox()
    publication = concept_of(secret_item)
    before = AuditEvent.objects.count()
    services.publication_update(
        actor=clerk,
        publication=publication,
        official_title="Raadsvoorstel grondaankoop De Vaart",
        short_title="Grondaankoop De Vaart",
        description="Het voorstel om grond te kopen.",
        creation_date=today(),
        information_category=DEFAULT_CATEGORY,
        action_kind=DocumentActionKind.VASTSTELLING,
        action_date=today(),
        action_body="Gemeenteraad",
    )
    assert AuditEvent.objects.count() == before + 1
    services.publication_publish(actor=clerk, publication=publication)
    assert AuditEvent.objects.count() == before + 2
    publication.refresh_from_db()
    assert publication.short_title == "Grondaankoop De Vaart"
    assert publication.actions.get().body_name == "Gemeenteraad"
