"""Writes of the secrecy register: each rule's refusal stores nothing, names the rule, and is
audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from confidentiality import services
from confidentiality.constants import SecrecyOrigin, SecrecyStatus, WooGround
from confidentiality.demo import minimal_pdf
from confidentiality.models import (
    ClosedSession,
    DocumentVersion,
    Exclusion,
    Lifting,
    Passage,
    SecrecyItem,
    Share,
)
from portal.constants import AuditResult
from portal.models import AuditEvent, Notification
from portal.roles import Role
from tests.confidentiality.factories import SecrecyItemFactory, ShareFactory
from tests.factories import BodyFactory, MembershipFactory
from tests.uploads import JAR

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def clerk(world):
    return world.a.users[Role.CLERK]


def register(world, **overrides):
    values = {
        "actor": clerk(world),
        "subject": "Grondaankoop Noordpolder",
        "reference": "B-2026-0001",
        "imposing_body": world.a.college,
        "motivation": "Onderhandelingspositie van de gemeente",
        "decision_date": TODAY,
        "grounds": [WooGround.LID2_B],
        "review_date": TODAY + datetime.timedelta(days=365),
        **overrides,
    }
    return services.item_register(**values)


def denied(action):
    return AuditEvent.objects.filter(action=action, result=AuditResult.DENIED)


# --- C1, C2, C7: registering ------------------------------------------------------------------
def test_c2_register_records_imposing_and_competent_body(world):
    item = register(world)
    assert item.status == SecrecyStatus.ACTIVE
    assert item.origin == SecrecyOrigin.DECISION
    assert item.lifting_body == world.a.college  # art. 89: the imposing body unless named
    assert item.municipality == world.a.municipality
    event = AuditEvent.objects.get(action="secrecy.register")
    assert event.result == AuditResult.SUCCESS
    assert event.details["grounds"] == ["5.1.2.b"]


def test_c1_rejects_ground_outside_woo_5_1(world):
    for ground in ["5.1.5", "5.2", "algemeen belang"]:
        with pytest.raises(ValidationError) as exc:
            register(world, grounds=[WooGround.LID2_E, ground])
        assert "artikel 5.1" in str(exc.value.message_dict["grounds"])
    assert not SecrecyItem.objects.exists()
    assert denied("secrecy.register").count() == 3


def test_c1_requires_at_least_one_ground(world):
    with pytest.raises(ValidationError) as exc:
        register(world, grounds=[])
    assert "ten minste één grond" in str(exc.value.message_dict["grounds"])
    assert not SecrecyItem.objects.exists()


def test_c1_every_ground_of_lid_1_and_2_is_accepted(world):
    item = register(world, grounds=list(WooGround.values))
    assert len(item.grounds) == 14


@pytest.mark.parametrize("kind", ["rekenkamer", "presidium", "cmt"])
def test_c2_only_raad_college_burgemeester_or_commissie_imposes(world, kind):
    body = BodyFactory(municipality=world.a.municipality, kind=kind, domain=world.a.org)
    with pytest.raises(ValidationError) as exc:
        register(world, imposing_body=body)
    assert "art. 87" in str(exc.value.message_dict["imposing_body"])
    assert not SecrecyItem.objects.exists()


def test_c2_requires_motivation_and_date(world):
    with pytest.raises(ValidationError) as exc:
        register(world, motivation=" ", decision_date=None)
    assert {"motivation", "decision_date"} <= set(exc.value.message_dict)


def test_c2_competent_body_must_be_a_body_that_can_lift(world):
    body = BodyFactory(municipality=world.a.municipality, kind="rekenkamer", domain=world.a.org)
    with pytest.raises(ValidationError) as exc:
        register(world, lifting_body=body)
    assert "lifting_body" in exc.value.message_dict


def test_t1_bodies_of_another_municipality_are_refused(world):
    with pytest.raises(ValidationError) as exc:
        register(world, imposing_body=world.b.college)
    assert "andere gemeente" in str(exc.value.message_dict["imposing_body"])


def test_c7_requires_review_date_or_end_date(world):
    with pytest.raises(ValidationError) as exc:
        register(world, review_date=None)
    assert "heroverweging of een einddatum" in str(exc.value.message_dict["review_date"])
    item = register(world, review_date=None, expires_on=TODAY + datetime.timedelta(days=90))
    assert item.expires_on


@pytest.mark.parametrize("field", ["review_date", "expires_on"])
def test_c7_review_and_end_date_lie_after_the_decision(world, field):
    """Found by a walk through the demo: a review date two years before the decision was
    accepted, and the item showed as due for review at once."""
    decision = datetime.date(2026, 12, 1)
    for day in (decision - datetime.timedelta(days=700), decision):
        with pytest.raises(ValidationError) as exc:
            register(world, decision_date=decision, **{field: day})
        assert "ligt na de dag waarop" in str(exc.value.message_dict[field])
        assert "01-12-2026" in str(exc.value.message_dict[field])
    assert not SecrecyItem.objects.exists()
    item = register(world, decision_date=decision, **{field: decision + datetime.timedelta(days=1)})
    assert getattr(item, field) == decision + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    "role", [Role.COUNCIL_MEMBER, Role.CIVIL_SERVANT, Role.PRIVACY_OFFICER, Role.ADMINISTRATOR]
)
def test_x4_only_the_clerk_writes_the_register(world, role):
    with pytest.raises(PermissionDenied):
        register(world, actor=world.a.users[role])
    assert not SecrecyItem.objects.exists()
    assert denied("secrecy.register").count() == 1


def test_t1_clerk_of_another_municipality_cannot_touch_an_item(world):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    with pytest.raises(PermissionDenied):
        services.item_share_with_body(actor=world.b.users[Role.CLERK], item=item, body=world.a.raad)
    assert not Share.objects.exists()


# --- C3: closed sessions ----------------------------------------------------------------------
def test_c3_closed_session_puts_minutes_under_secrecy(world):
    session = services.closed_session_register(
        actor=clerk(world),
        body=world.a.raad,
        date=TODAY,
        grounds=[WooGround.LID2_E],
        review_date=TODAY + datetime.timedelta(days=180),
        document_subjects=["Bijlage: taxatierapport"],
    )
    items = list(session.items.order_by("subject"))
    assert len(items) == 2
    for item in items:
        assert item.origin == SecrecyOrigin.CLOSED_SESSION
        assert item.imposing_body is None  # secret by law, no decision
        assert item.decision_date is None
        assert item.lifting_body == world.a.raad  # until the raad lifts it
        assert item.is_secret
        assert item.grounds == ["5.1.2.e"]
    assert AuditEvent.objects.filter(action="secrecy.closed_session_register").count() == 1


def test_c3_only_raad_or_commissie_sessions_are_secret_by_law(world):
    with pytest.raises(ValidationError) as exc:
        services.closed_session_register(
            actor=clerk(world),
            body=world.a.college,
            date=TODAY,
            grounds=[WooGround.LID2_E],
            review_date=TODAY + datetime.timedelta(days=180),
        )
    assert "art. 23 lid 4" in str(exc.value.message_dict["body"])
    assert not ClosedSession.objects.exists()
    assert not SecrecyItem.objects.exists()


def test_c3_c5_commissie_lifts_its_closed_session(world):
    session = services.closed_session_register(
        actor=clerk(world),
        body=world.a.commissie,
        date=TODAY,
        grounds=[WooGround.LID2_I],
        review_date=TODAY + datetime.timedelta(days=180),
    )
    item = session.items.get()
    services.item_lift(
        actor=clerk(world), item=item, body=world.a.commissie, date=TODAY, reference="C-1"
    )
    item.refresh_from_db()
    assert item.status == SecrecyStatus.LIFTED


# --- C4: sharing with bodies only ---------------------------------------------------------------
def test_c4_share_with_raad_notifies_current_members_without_content(world):
    item = register(world)
    ended = MembershipFactory(body=world.a.raad, ended=True)
    future = MembershipFactory(body=world.a.raad, future=True)
    with pytest.raises(ValidationError):  # nothing sent for a refused share either
        services.item_share_with_body(
            actor=clerk(world), item=item, body=[world.a.users[Role.COUNCIL_MEMBER]]
        )
    share = services.item_share_with_body(actor=clerk(world), item=item, body=world.a.raad)
    assert share.body == world.a.raad
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert world.a.users[Role.COUNCIL_MEMBER].pk in recipients
    assert ended.user_id not in recipients and future.user_id not in recipients
    for notification in Notification.objects.all():
        assert item.subject not in notification.title + notification.text
        assert item.subject not in str(notification.params)
        assert notification.title == "Er is een geheim stuk gedeeld met %(body)s"


def test_c4_refuses_individual_members(world):
    item = register(world)
    member = world.a.users[Role.COUNCIL_MEMBER]
    for recipients in (member, [member], [member, world.a.users[Role.CLERK]]):
        with pytest.raises(ValidationError) as exc:
            services.item_share_with_body(actor=clerk(world), item=item, body=recipients)
        assert "art. 88 lid 5" in exc.value.messages[0]
    assert not Share.objects.exists()
    assert not Notification.objects.exists()
    events = denied("secrecy.share")
    assert events.count() == 3
    assert events.first().details["rule"] == "C4"


@pytest.mark.parametrize("kind", ["presidium", "cmt", "burgemeester"])
def test_c4_only_raad_college_commissie_or_rekenkamer_receive(world, kind):
    item = register(world)
    body = BodyFactory(municipality=world.a.municipality, kind=kind, domain=world.a.org)
    with pytest.raises(ValidationError):
        services.item_share_with_body(actor=clerk(world), item=item, body=body)
    assert not Share.objects.exists()


def test_c4_rekenkamer_and_college_receive(world):
    item = register(world)
    rekenkamer = BodyFactory(
        municipality=world.a.municipality, kind="rekenkamer", domain=world.a.org
    )
    for body in (rekenkamer, world.a.college, world.a.commissie):
        services.item_share_with_body(actor=clerk(world), item=item, body=body)
    assert item.shares.count() == 3


def test_c4_c6_excluded_member_gets_no_notification(world):
    item = register(world)
    member = world.a.users[Role.COUNCIL_MEMBER]
    services.member_exclude(
        actor=clerk(world),
        member=member,
        raad=world.a.raad,
        decision_date=TODAY,
        reference="R-1",
        start=TODAY,
        end=TODAY + datetime.timedelta(days=30),
    )
    services.item_share_with_body(actor=clerk(world), item=item, body=world.a.raad)
    # Told of the exclusion itself, never of what is shared during it.
    assert not Notification.objects.filter(recipient=member, kind="secrecy.shared").exists()
    assert Notification.objects.filter(recipient=member, kind="secrecy.exclusion_started").exists()


# --- C5: lifting ------------------------------------------------------------------------------
def test_c5_competent_body_lifts(world):
    item = register(world)
    lifting = services.item_lift(
        actor=clerk(world), item=item, body=world.a.college, date=TODAY, reference="B-9"
    )
    item.refresh_from_db()
    assert item.status == SecrecyStatus.LIFTED and not item.is_secret
    assert lifting.body == world.a.college
    assert AuditEvent.objects.filter(action="secrecy.lift", result="success").count() == 1


def test_c5_lifting_by_an_incompetent_body_is_refused(world):
    item = register(world)  # imposed by the college, not given to the raad
    with pytest.raises(ValidationError) as exc:
        services.item_lift(
            actor=clerk(world), item=item, body=world.a.raad, date=TODAY, reference="R-2"
        )
    assert "art. 89" in str(exc.value.message_dict["body"])
    item.refresh_from_db()
    assert item.status == SecrecyStatus.ACTIVE
    assert not Lifting.objects.exists()
    assert denied("secrecy.lift").count() == 1


def test_c5_raad_lifts_information_given_to_it(world):
    item = register(world)
    services.item_share_with_body(actor=clerk(world), item=item, body=world.a.raad)
    services.item_lift(
        actor=clerk(world), item=item, body=world.a.raad, date=TODAY, reference="R-3"
    )
    item.refresh_from_db()
    assert item.status == SecrecyStatus.LIFTED


def test_c5_lifted_item_is_not_lifted_or_shared_again(world):
    item = SecrecyItemFactory(imposing_body=world.a.college, lifted=True)
    with pytest.raises(ValidationError):
        services.item_lift(
            actor=clerk(world), item=item, body=world.a.college, date=TODAY, reference="B-1"
        )
    with pytest.raises(ValidationError):
        services.item_share_with_body(actor=clerk(world), item=item, body=world.a.raad)


# --- C6: exclusion ----------------------------------------------------------------------------
def exclude(world, *, start=TODAY, end, member=None):
    return services.member_exclude(
        actor=clerk(world),
        member=member or world.a.users[Role.COUNCIL_MEMBER],
        raad=world.a.raad,
        decision_date=TODAY,
        reference="R-2026-7",
        start=start,
        end=end,
    )


def test_c6_exclusion_of_three_months_is_recorded(world):
    start = datetime.date(2026, 1, 1)
    MembershipFactory(
        body=world.a.commissie,
        user=world.a.users[Role.COUNCIL_MEMBER],
        start=datetime.date(2025, 1, 1),
    )
    exclusion = exclude(world, start=start, end=datetime.date(2026, 3, 31))
    assert exclusion.end == datetime.date(2026, 3, 31)
    assert AuditEvent.objects.filter(action="secrecy.exclude", result="success").count() == 1


def test_c6_exclusion_longer_than_three_months_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        exclude(world, end=TODAY + datetime.timedelta(days=95))
    message = str(exc.value.message_dict["end"])
    assert "ten hoogste 3 maanden" in message
    assert "Gemeentewet" in message  # cites the (configurable) article
    assert not Exclusion.objects.exists()
    assert denied("secrecy.exclude").get().details["rule"] == "C6"


def test_c6_article_and_maximum_are_configurable(world, settings):
    settings.CONFIDENTIALITY_EXCLUSION_ARTICLE = "Gemeentewet art. 88a"
    with pytest.raises(ValidationError) as exc:
        exclude(world, end=TODAY + datetime.timedelta(days=95))
    assert "Gemeentewet art. 88a" in str(exc.value.message_dict["end"])


def test_c6_only_members_of_raad_or_commissie_are_excluded(world):
    with pytest.raises(ValidationError):
        exclude(
            world, end=TODAY + datetime.timedelta(days=10), member=world.a.users[Role.CIVIL_SERVANT]
        )
    with pytest.raises(ValidationError):  # a member of another municipality's raad
        exclude(
            world,
            end=TODAY + datetime.timedelta(days=10),
            member=world.b.users[Role.COUNCIL_MEMBER],
        )
    assert not Exclusion.objects.exists()


def test_c6_only_the_raad_decides(world):
    with pytest.raises(ValidationError):
        services.member_exclude(
            actor=clerk(world),
            member=world.a.users[Role.COUNCIL_MEMBER],
            raad=world.a.college,
            decision_date=TODAY,
            reference="X",
            start=TODAY,
            end=TODAY + datetime.timedelta(days=10),
        )


# --- C7: review -------------------------------------------------------------------------------
def test_c7_review_sets_the_next_review_date(world):
    item = SecrecyItemFactory(imposing_body=world.a.college, due_for_review=True)
    next_date = TODAY + datetime.timedelta(days=365)
    services.review_record(
        actor=clerk(world), item=item, reviewed_on=TODAY, next_review_date=next_date
    )
    item.refresh_from_db()
    assert item.review_date == next_date
    assert item.reviews.count() == 1


def test_c7_next_review_must_lie_after_the_review(world):
    item = SecrecyItemFactory(imposing_body=world.a.college, due_for_review=True)
    with pytest.raises(ValidationError):
        services.review_record(
            actor=clerk(world), item=item, reviewed_on=TODAY, next_review_date=TODAY
        )
    item.refresh_from_db()
    assert item.review_date == TODAY
    assert denied("secrecy.review").count() == 1


# --- documents (R7-style upload) and C10 passages ----------------------------------------------
PDF = minimal_pdf(["Taxatierapport"])


def test_document_upload_stores_pdf_under_generated_name(world, private_storage):
    item = register(world)
    upload = SimpleUploadedFile("../../etc/geheim rapport.pdf", PDF, content_type="text/plain")
    version = services.document_version_add(
        actor=clerk(world), item=item, title="Taxatierapport", file=upload
    )
    assert version.number == 1 and version.size == len(PDF)
    assert "geheim" not in version.file.name and version.file.name.endswith(".pdf")
    assert (private_storage / version.file.name).read_bytes() == PDF
    second = services.document_version_add(
        actor=clerk(world), item=item, document=version.document, file=SimpleUploadedFile("x", PDF)
    )
    assert second.number == 2


def test_document_upload_refuses_non_pdf_by_content_and_leaves_nothing(world, private_storage):
    item = register(world)
    fake = SimpleUploadedFile(
        "rapport.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as exc:
        services.document_version_add(actor=clerk(world), item=item, title="X", file=fake)
    assert "geen PDF" in exc.value.messages[0]
    assert not DocumentVersion.objects.exists()
    assert not list(private_storage.rglob("*.pdf"))


def test_document_upload_size_limit(world, settings, private_storage):
    settings.CONFIDENTIALITY_MAX_UPLOAD_BYTES = 10
    item = register(world)
    with pytest.raises(ValidationError):
        services.document_version_add(
            actor=clerk(world), item=item, title="X", file=SimpleUploadedFile("a.pdf", PDF)
        )
    assert not DocumentVersion.objects.exists()


def test_document_upload_failure_after_storing_removes_the_file(
    world, private_storage, monkeypatch
):
    item = register(world)

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr("confidentiality.services.documents.audit_record", broken)
    with pytest.raises(RuntimeError):
        services.document_version_add(
            actor=clerk(world), item=item, title="X", file=SimpleUploadedFile("a.pdf", PDF)
        )
    assert not DocumentVersion.objects.exists()
    assert not list(private_storage.rglob("*.pdf"))


def test_c10_passage_has_its_own_grounds(world):
    item = register(world)
    version = services.document_version_add(
        actor=clerk(world), item=item, title="Rapport", file=SimpleUploadedFile("a.pdf", PDF)
    )
    passage = services.passage_add(
        actor=clerk(world),
        document=version.document,
        location="pagina 4, tweede alinea",
        grounds=[WooGround.LID1_D],
    )
    assert passage.grounds == ["5.1.1.d"]
    with pytest.raises(ValidationError):
        services.passage_add(
            actor=clerk(world), document=version.document, location="p. 5", grounds=["5.2"]
        )
    assert Passage.objects.count() == 1


def test_c4_share_unique_per_body(world):
    share = ShareFactory(item__imposing_body=world.a.college, body=world.a.raad)
    with pytest.raises(ValidationError):
        services.item_share_with_body(actor=clerk(world), item=share.item, body=world.a.raad)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "beschadigd"),  # a PDF header, nothing else
        (b"%PDF-1.4\n" + b"\x00" * 200, "beschadigd"),
    ],
)
def test_c8_document_upload_refuses_an_unreadable_pdf_and_leaves_nothing(
    world, private_storage, content, message
):
    item = register(world)
    with pytest.raises(ValidationError) as exc:
        services.document_version_add(
            actor=clerk(world), item=item, title="X", file=SimpleUploadedFile("a.pdf", content)
        )
    assert message in exc.value.messages[0]
    assert not DocumentVersion.objects.exists()
    assert not list(private_storage.rglob("*.pdf"))


def test_c8_document_upload_refuses_a_password_protected_pdf(world, private_storage):
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(PDF)).pages[0])
    writer.encrypt("geheim")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    item = register(world)
    with pytest.raises(ValidationError) as exc:
        services.document_version_add(
            actor=clerk(world),
            item=item,
            title="X",
            file=SimpleUploadedFile("a.pdf", encrypted.getvalue()),
        )
    assert "wachtwoord" in exc.value.messages[0] and "watermerk" in exc.value.messages[0]
    assert not DocumentVersion.objects.exists()


def test_b6_sharing_with_a_45_member_raad_notifies_in_bulk(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def share_count():
        item = register(world)
        with CaptureQueriesContext(connection) as ctx:
            services.item_share_with_body(actor=clerk(world), item=item, body=world.a.raad)
        return len(ctx.captured_queries), Notification.objects.filter(
            key__startswith="secrecy.shared", params__body=world.a.raad.name
        ).count()

    small, _ = share_count()
    for _ in range(44):
        MembershipFactory(body=world.a.raad)
    Notification.objects.all().delete()
    large, notified = share_count()
    print(f"B6 share queries: 1 member {small}, 45 members {large}")
    assert notified == 45  # every current member but the clerk who shared it
    assert small == large


def test_c6_member_hears_of_an_exclusion_starting_today_at_once_and_only_once(world):
    from confidentiality.tasks import secrecy_daily

    member = world.a.users[Role.COUNCIL_MEMBER]
    services.member_exclude(
        actor=clerk(world),
        member=member,
        raad=world.a.raad,
        decision_date=TODAY,
        reference="R-7",
        start=TODAY,
        end=TODAY + datetime.timedelta(days=30),
    )
    started = Notification.objects.filter(recipient=member, kind="secrecy.exclusion_started")
    assert started.count() == 1
    secrecy_daily(on=TODAY)  # the job audits the moment but does not notify again
    assert started.count() == 1
    assert AuditEvent.objects.filter(action="secrecy.exclusion_started").count() == 1


def test_c6_an_exclusion_starting_later_is_told_by_the_job(world):
    member = world.a.users[Role.COUNCIL_MEMBER]
    services.member_exclude(
        actor=clerk(world),
        member=member,
        raad=world.a.raad,
        decision_date=TODAY,
        reference="R-8",
        start=TODAY + datetime.timedelta(days=7),
        end=TODAY + datetime.timedelta(days=30),
    )
    assert not Notification.objects.filter(recipient=member).exists()


def test_d1_document_upload_refuses_a_pdf_with_javascript_and_leaves_nothing(
    world, private_storage
):
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hallo');"),
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    item = register(world)
    with pytest.raises(ValidationError) as exc:
        services.document_version_add(
            actor=clerk(world),
            item=item,
            title="Met script",
            file=SimpleUploadedFile("script.pdf", buffer.getvalue()),
        )
    assert exc.value.code == "active_content"
    assert "actieve inhoud" in exc.value.messages[0]
    assert not DocumentVersion.objects.exists()
    assert [p for p in private_storage.rglob("*") if p.is_file()] == []
    # An ordinary PDF still goes through.
    services.document_version_add(
        actor=clerk(world), item=item, title="Gewoon", file=SimpleUploadedFile("ok.pdf", PDF)
    )


@pytest.mark.parametrize(
    "content",
    [
        PDF + JAR,  # a PDF that is also a JAR
        PDF + b"<html><script>alert(1)</script></html>",  # a web page after %%EOF
        PDF.replace(b"%PDF-1.4\n", b"%PDF-1.4\n%<html><script>alert(1)</script>\n", 1),
    ],
    ids=["zip-appended", "html-after-eof", "html-in-the-head"],
)
def test_d1_document_upload_refuses_a_pdf_that_is_something_else_too(
    world, private_storage, content
):
    item = register(world)
    with pytest.raises(ValidationError) as exc:
        services.document_version_add(
            actor=clerk(world), item=item, title="X", file=SimpleUploadedFile("a.pdf", content)
        )
    assert exc.value.code == "polyglot"
    assert "niet alleen een PDF" in exc.value.messages[0]
    assert not DocumentVersion.objects.exists()
    assert [p for p in private_storage.rglob("*") if p.is_file()] == []


def test_d1_line_ends_and_padding_after_eof_are_not_a_polyglot(world, private_storage):
    item = register(world)
    version = services.document_version_add(
        actor=clerk(world),
        item=item,
        title="Met witruimte",
        file=SimpleUploadedFile("a.pdf", PDF + b"\r\n\x00\x00 \n"),
    )
    assert version.number == 1
