"""C12: a Woo request for a secret document is also a request to lift it — registered without
the requester, decided by the competent body within four weeks (extendable once by two),
with reminders before the deadline, and the outcome flowing into publication (C11)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from confidentiality.constants import SecrecyStatus, WooGround
from confidentiality.models import Lifting, Passage, SecrecyItem
from portal.models import AuditEvent, Notification
from portal.roles import Role
from publications import services
from publications.constants import WooOutcome, WooRequestStatus
from publications.models import ReleaseTask, WooRequest
from publications.tasks import publications_daily
from tests.confidentiality.factories import DocumentFactory, today
from tests.publications.conftest import PUBLIC_TEXT, SECRET_TEXT, add_version, prepared_from_outbox
from tests.publications.factories import codes, pdf_with_metadata

pytestmark = pytest.mark.django_db


def register(item, clerk, *, days_ago=0, reference="Z-2026-0042"):
    return services.woo_request_register(
        actor=clerk,
        item=item,
        received_on=today() - datetime.timedelta(days=days_ago),
        reference=reference,
    )


def reminders(clerk):
    return Notification.objects.filter(kind="woo.request_due", recipient=clerk)


def test_c12_the_deadline_is_four_weeks_after_receipt_extendable_once_by_two(secret_item, clerk):
    request = register(secret_item, clerk, days_ago=3)
    assert request.received_on == today() - datetime.timedelta(days=3)
    assert request.deadline == request.received_on + datetime.timedelta(weeks=4)
    assert request.status == WooRequestStatus.OPEN
    services.woo_request_extend(actor=clerk, request=request, reason="Zienswijze van een derde.")
    request.refresh_from_db()
    assert request.deadline == request.received_on + datetime.timedelta(weeks=6)
    assert request.extended and request.extension_reason == "Zienswijze van een derde."
    with pytest.raises(ValidationError) as refused:
        services.woo_request_extend(actor=clerk, request=request, reason="Nog eens.")
    assert codes(refused.value) == {"extended_once"}
    assert "art. 4.4" in refused.value.messages[0]
    request.refresh_from_db()
    assert request.deadline == request.received_on + datetime.timedelta(weeks=6)
    assert AuditEvent.objects.filter(action="woo.request_extended", result="success").count() == 1
    assert AuditEvent.objects.filter(action="woo.request_extended", result="denied").count() == 1


def test_c12_the_periods_are_settings(secret_item, clerk, settings):
    settings.WOO_DECISION_WEEKS = 6
    settings.WOO_EXTENSION_WEEKS = 1
    request = register(secret_item, clerk)
    assert request.deadline == today() + datetime.timedelta(weeks=6)
    services.woo_request_extend(actor=clerk, request=request, reason="Omvangrijk.")
    request.refresh_from_db()
    assert request.deadline == today() + datetime.timedelta(weeks=7)


def test_c12_extending_after_the_deadline_is_refused(secret_item, clerk):
    request = register(secret_item, clerk, days_ago=29)
    with pytest.raises(ValidationError) as refused:
        services.woo_request_extend(actor=clerk, request=request, reason="Te laat.")
    assert codes(refused.value) == {"too_late"}


def test_c12_reminders_before_the_deadline_each_once_and_once_when_it_passed(
    secret_item, clerk, woo
):
    """Reminders at 7 and 2 days before the deadline (settings), to the griffie only, each
    once however often the daily job runs, and one when the deadline has passed."""
    request = register(secret_item, clerk)  # deadline in 28 days
    deadline = request.deadline
    council_member = woo.a.users[Role.COUNCIL_MEMBER]
    assert publications_daily(on=deadline - datetime.timedelta(days=8))["reminded"] == 0
    assert publications_daily(on=deadline - datetime.timedelta(days=7))["reminded"] == 1
    assert publications_daily(on=deadline - datetime.timedelta(days=6))["reminded"] == 0
    assert publications_daily(on=deadline - datetime.timedelta(days=2))["reminded"] == 1
    assert publications_daily(on=deadline - datetime.timedelta(days=2))["reminded"] == 0
    assert publications_daily(on=deadline)["reminded"] == 0
    assert publications_daily(on=deadline + datetime.timedelta(days=1))["reminded"] == 1
    assert publications_daily(on=deadline + datetime.timedelta(days=5))["reminded"] == 0
    assert reminders(clerk).count() == 3
    assert not Notification.objects.filter(kind="woo.request_due", recipient=council_member)
    titles = [n.title for n in reminders(clerk).order_by("created_at")]
    assert all(secret_item.subject not in t for t in titles)  # X2: no content
    assert "verstreken" in titles[-1]
    # a decided request is not reminded of
    services.woo_request_decide(
        actor=clerk,
        request=request,
        outcome=WooOutcome.KEPT,
        body=secret_item.lifting_body,
        decided_on=today(),
        reference="B-2026-90",
        grounds=[WooGround.LID2_B],
        motivation="De onderhandelingen lopen nog.",
    )
    assert publications_daily(on=deadline + datetime.timedelta(days=10))["reminded"] == 0


def test_c12_a_missed_week_of_jobs_sends_one_reminder_not_two(secret_item, clerk):
    request = register(secret_item, clerk)
    assert publications_daily(on=request.deadline - datetime.timedelta(days=1))["reminded"] == 1
    assert reminders(clerk).count() == 1


def test_c12_the_requester_is_never_in_the_register(secret_item, clerk):
    field_names = {field.name for field in WooRequest._meta.get_fields()}
    assert not {
        n
        for n in field_names
        if any(w in n for w in ("requester", "verzoeker", "name", "email", "address", "adres"))
    }
    request = register(secret_item, clerk)
    event = AuditEvent.objects.get(action="woo.request_registered")
    assert set(event.details) == {"item", "received_on", "deadline", "reference"}
    assert request.reference == "Z-2026-0042"


def test_c12_only_a_secret_item_and_no_future_date(woo, secret_item, clerk):
    with pytest.raises(ValidationError) as refused:
        services.woo_request_register(
            actor=clerk, item=secret_item, received_on=today() + datetime.timedelta(days=1)
        )
    assert codes(refused.value) == {"future"}
    SecrecyItem.objects.filter(pk=secret_item.pk).update(status=SecrecyStatus.LIFTED)
    secret_item.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        register(secret_item, clerk)
    assert codes(refused.value) == {"not_secret"}
    assert not WooRequest.objects.exists()
    assert AuditEvent.objects.filter(action="woo.request_registered", result="denied").count() == 2


def test_c12_lifted_in_whole_is_recorded_in_the_register_and_comes_up_for_publication(
    secret_item, clerk
):
    request = register(secret_item, clerk)
    services.woo_request_decide(
        actor=clerk,
        request=request,
        outcome=WooOutcome.LIFTED,
        body=secret_item.lifting_body,
        decided_on=today(),
        reference="B-2026-91",
    )
    request.refresh_from_db()
    assert request.status == WooRequestStatus.DECIDED and request.outcome == WooOutcome.LIFTED
    assert request.deciding_body == secret_item.lifting_body
    lifting = Lifting.objects.get(item=secret_item)
    assert lifting.reference == "B-2026-91"
    assert SecrecyItem.objects.get(pk=secret_item.pk).status == SecrecyStatus.LIFTED
    prepared_from_outbox()
    task = ReleaseTask.objects.get(item=secret_item)
    assert task.publication.documents.count() == 1
    assert AuditEvent.objects.filter(action="woo.request_decided", result="success").count() == 1
    assert AuditEvent.objects.filter(action="secrecy.lift", result="success").count() == 1


def test_c12_lifted_except_the_secret_passages_publishes_only_the_public_version(
    secret_item, clerk
):
    request = register(secret_item, clerk)
    kwargs = dict(
        actor=clerk,
        request=request,
        outcome=WooOutcome.PARTLY_LIFTED,
        body=secret_item.lifting_body,
        decided_on=today(),
        reference="B-2026-92",
    )
    with pytest.raises(ValidationError) as refused:
        services.woo_request_decide(**kwargs)
    assert codes(refused.value) == {"no_passages"}
    assert SecrecyItem.objects.get(pk=secret_item.pk).is_secret
    split = DocumentFactory(item=secret_item, title="Taxatierapport")
    add_version(split, pdf_with_metadata([PUBLIC_TEXT, SECRET_TEXT]))
    add_version(split, pdf_with_metadata([PUBLIC_TEXT]), number=2, is_public=True)
    Passage.objects.create(document=split, location="pagina 1", grounds=[WooGround.LID2_B])
    services.woo_request_decide(**kwargs)
    prepared_from_outbox()
    copy = ReleaseTask.objects.get(item=secret_item).publication.documents.get(
        title="Taxatierapport"
    )
    assert copy.from_public_version
    from publications.cleaning import pdf_text

    assert SECRET_TEXT not in pdf_text(copy.file.open("rb").read())


def test_c12_kept_needs_its_grounds_and_reasons_and_the_item_stays_secret(secret_item, clerk):
    request = register(secret_item, clerk)
    kwargs = dict(
        actor=clerk,
        request=request,
        outcome=WooOutcome.KEPT,
        body=secret_item.lifting_body,
        decided_on=today(),
        reference="B-2026-93",
    )
    with pytest.raises(ValidationError) as refused:
        services.woo_request_decide(**kwargs, grounds=[], motivation="Onderhandelingen lopen.")
    assert "no_ground" in codes(refused.value)
    with pytest.raises(ValidationError) as refused:
        services.woo_request_decide(**kwargs, grounds=["5.2"], motivation="Onderhandelingen.")
    assert "invalid_ground" in codes(refused.value)
    with pytest.raises(ValidationError) as refused:
        services.woo_request_decide(**kwargs, grounds=[WooGround.LID2_B], motivation=" ")
    assert codes(refused.value) == {"no_motivation"}
    assert WooRequest.objects.get().status == WooRequestStatus.OPEN
    services.woo_request_decide(
        **kwargs, grounds=[WooGround.LID2_B], motivation="De onderhandelingen lopen nog."
    )
    request.refresh_from_db()
    assert request.outcome == WooOutcome.KEPT and request.kept_grounds == [WooGround.LID2_B]
    assert SecrecyItem.objects.get(pk=secret_item.pk).is_secret
    assert not Lifting.objects.exists()
    assert not ReleaseTask.objects.exists()


def test_c12_only_the_competent_body_decides(woo, secret_item, clerk):
    request = register(secret_item, clerk)
    commissie = woo.a.commissie
    with pytest.raises(ValidationError) as refused:
        services.woo_request_decide(
            actor=clerk,
            request=request,
            outcome=WooOutcome.LIFTED,
            body=commissie,
            decided_on=today(),
            reference="B-2026-94",
        )
    assert codes(refused.value) == {"not_competent"}
    assert "art. 89" in refused.value.messages[0]
    assert SecrecyItem.objects.get(pk=secret_item.pk).is_secret
    assert WooRequest.objects.get().status == WooRequestStatus.OPEN
    # the raad decides on what was given to it (C5): the item was shared with Alfa's raad
    services.woo_request_decide(
        actor=clerk,
        request=request,
        outcome=WooOutcome.LIFTED,
        body=woo.a.raad,
        decided_on=today(),
        reference="R-2026-12",
    )
    assert Lifting.objects.get(item=secret_item).body == woo.a.raad
