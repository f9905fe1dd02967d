"""The griffie's write pages (C1–C7, C10, X4): each posts through its service, a refusal by law
comes back on the page with the rule's translated message and stores nothing."""

import datetime
from html import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from confidentiality.constants import SecrecyOrigin, SecrecyStatus, WooGround
from confidentiality.demo import minimal_pdf
from confidentiality.models import (
    ClosedSession,
    DocumentVersion,
    Exclusion,
    Lifting,
    Passage,
    Review,
    SecrecyItem,
    Share,
)
from portal.constants import AuditResult
from portal.models import AuditEvent, Notification
from portal.roles import Role
from tests.confidentiality.factories import (
    DocumentVersionFactory,
    SecrecyItemFactory,
    ShareFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
REGISTER = "/geheimhouding/"


def day(offset=0) -> str:
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def clerk_client(world, login):
    return login(world.a.users[Role.CLERK])


def item_form(world, **overrides):
    return {
        "subject": "Grondaankoop Noordpolder",
        "reference": "B-2026-0101",
        "imposing_body": str(world.a.college.pk),
        "decision_date": day(),
        "motivation": "Onderhandelingspositie van de gemeente",
        "grounds": [WooGround.LID2_B.value],
        "review_date": day(365),
        **overrides,
    }


def errors_of(response) -> str:
    assert response.status_code == 400
    return response.content.decode()


# --- C1, C2, C7: registering an item -----------------------------------------------------


def test_c2_clerk_registers_an_item_and_lands_on_it(world, login):
    client = clerk_client(world, login)
    assert client.get(f"{REGISTER}nieuw/").status_code == 200
    response = client.post(f"{REGISTER}nieuw/", item_form(world))
    item = SecrecyItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{REGISTER}{item.uuid}/"
    assert item.imposing_body == world.a.college == item.lifting_body
    assert item.grounds == [WooGround.LID2_B.value]
    assert (
        AuditEvent.objects.filter(action="secrecy.register", object_id=str(item.uuid)).count() == 1
    )


def test_c1_form_refuses_a_ground_outside_woo_5_1_and_stores_nothing(world, login):
    page = errors_of(
        clerk_client(world, login).post(
            f"{REGISTER}nieuw/", item_form(world, grounds=["5.1.5", "5.2"])
        )
    )
    assert "is geen grond uit Woo art. 5.1 lid 1 of 2" in page
    assert not SecrecyItem.objects.exists()


def test_c1_form_refuses_no_ground_in_english_too(world, login):
    client = clerk_client(world, login)
    client.cookies["django_language"] = "en"
    page = errors_of(client.post(f"{REGISTER}nieuw/", item_form(world, grounds=[])))
    assert "Choose at least one ground from Woo art. 5.1" in page
    assert "Kies ten minste één grond" not in page  # translated, not the Dutch msgid
    assert not SecrecyItem.objects.exists()
    translation.activate("nl")


def test_c2_a_body_that_cannot_impose_secrecy_is_refused(world, login):
    from tests.factories import BodyFactory

    rekenkamer = BodyFactory(municipality=world.a.municipality, kind="rekenkamer")
    page = errors_of(
        clerk_client(world, login).post(
            f"{REGISTER}nieuw/", item_form(world, imposing_body=str(rekenkamer.pk))
        )
    )
    assert "Kies uit de lijst" in page  # only imposing bodies are offered (C2, T1)
    assert not SecrecyItem.objects.exists()


def test_t1_a_body_of_another_municipality_cannot_be_chosen(world, login):
    page = errors_of(
        clerk_client(world, login).post(
            f"{REGISTER}nieuw/", item_form(world, imposing_body=str(world.b.college.pk))
        )
    )
    assert "van uw eigen gemeente" in page
    assert not SecrecyItem.objects.exists()


def test_c7_form_refuses_an_item_without_review_or_end_date(world, login):
    page = errors_of(
        clerk_client(world, login).post(f"{REGISTER}nieuw/", item_form(world, review_date=""))
    )
    assert "Vermeld een datum van heroverweging of een einddatum" in page
    assert not SecrecyItem.objects.exists()
    refused = AuditEvent.objects.filter(action="secrecy.register", result=AuditResult.DENIED)
    assert refused.count() == 1


# --- C3: closed session --------------------------------------------------------------------


def test_c3_closed_session_puts_minutes_and_documents_under_secrecy(world, login):
    response = clerk_client(world, login).post(
        f"{REGISTER}besloten-vergadering/",
        {
            "body": str(world.a.raad.pk),
            "date": day(-1),
            "grounds": [WooGround.LID2_E.value],
            "review_date": day(180),
            "document_subjects": "Bijlage personeelsdossier\n\n",
        },
    )
    assert response.status_code == 302
    session = ClosedSession.objects.get()
    items = SecrecyItem.objects.filter(closed_session=session)
    assert items.count() == 2
    assert {i.origin for i in items} == {SecrecyOrigin.CLOSED_SESSION}
    assert {i.lifting_body for i in items} == {world.a.raad}


def test_c3_a_college_meeting_is_not_secret_by_law(world, login):
    page = errors_of(
        clerk_client(world, login).post(
            f"{REGISTER}besloten-vergadering/",
            {
                "body": str(world.a.college.pk),
                "date": day(-1),
                "grounds": [WooGround.LID2_E.value],
                "review_date": day(180),
            },
        )
    )
    assert "Kies uit de lijst" in page
    assert not ClosedSession.objects.exists()


# --- C4: sharing ---------------------------------------------------------------------------


def test_c4_share_with_the_raad_notifies_its_members_without_content(world, login):
    item = SecrecyItemFactory(imposing_body=world.a.college, subject="Aankoop stadion")
    response = clerk_client(world, login).post(
        f"{REGISTER}{item.uuid}/delen/", {"body": str(world.a.raad.pk)}
    )
    assert response.status_code == 302
    assert Share.objects.filter(item=item, body=world.a.raad).exists()
    member = world.a.users[Role.COUNCIL_MEMBER]
    notification = Notification.objects.get(recipient=member, kind="secrecy.shared")
    assert "Aankoop stadion" not in notification.title + str(notification.params)
    assert notification.link == f"{REGISTER}gedeeld/{item.uuid}/"
    # The clerk who shared it (seated in the raad as its clerk) is not told about it.
    assert not Notification.objects.filter(recipient=world.a.users[Role.CLERK]).exists()


def test_c4_share_form_offers_bodies_not_members_and_says_art_88_lid_5_once(world, login):
    """The form offers the bodies an item can go to, each with its current members; no list
    of persons that exists only to be refused, and the law in one line."""
    item = SecrecyItemFactory(imposing_body=world.a.college)
    ShareFactory(item=item, body=world.a.college)
    page = clerk_client(world, login).get(f"{REGISTER}{item.uuid}/delen/").content.decode()
    assert "Afzonderlijke raadsleden" not in page and 'name="members"' not in page
    assert "niet verplicht" not in page  # the body is required, and the form says so
    assert page.count("Gemeentewet art. 88 lid 5") == 1
    assert f">{escape(world.a.raad.name)} (" in page  # with its number of current members
    assert f">{escape(world.a.college.name)}" not in page  # already has it


def test_c4_share_without_a_body_says_what_to_choose_and_stores_nothing(world, login):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    member = world.a.users[Role.COUNCIL_MEMBER]
    response = clerk_client(world, login).post(
        f"{REGISTER}{item.uuid}/delen/", {"members": [str(member.pk)]}
    )
    assert response.status_code == 400
    assert "Kies het orgaan waarmee u het stuk deelt." in errors_of(response)
    assert not Share.objects.exists()
    assert not Notification.objects.exists()


def test_t1_share_page_of_another_municipality_is_404(world, login):
    item = SecrecyItemFactory(imposing_body=world.b.college)
    client = clerk_client(world, login)
    assert client.get(f"{REGISTER}{item.uuid}/delen/").status_code == 404
    assert (
        client.post(f"{REGISTER}{item.uuid}/delen/", {"body": str(world.a.raad.pk)}).status_code
        == 404
    )
    assert not Share.objects.exists()


# --- C5: lifting ---------------------------------------------------------------------------


def test_c5_lifting_by_the_competent_body(world, login):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    response = clerk_client(world, login).post(
        f"{REGISTER}{item.uuid}/opheffen/",
        {"body": str(world.a.college.pk), "date": day(), "reference": "B-2026-0200"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == SecrecyStatus.LIFTED
    page = clerk_client(world, login).get(f"{REGISTER}{item.uuid}/").content.decode()
    assert "B-2026-0200" in page  # the register shows the lifting decision (history)


def test_c5_lifting_by_an_incompetent_body_is_refused_and_changes_nothing(world, login):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    page = errors_of(
        clerk_client(world, login).post(
            f"{REGISTER}{item.uuid}/opheffen/",
            {"body": str(world.a.raad.pk), "date": day(), "reference": "R-1"},
        )
    )
    assert "Gemeentewet art. 89" in page and "aan de raad is verstrekt" in page
    assert escape(world.a.college.name) in page
    item.refresh_from_db()
    assert item.status == SecrecyStatus.ACTIVE
    assert not Lifting.objects.exists()


# --- C6: exclusion -------------------------------------------------------------------------


def exclusion_form(world, end_offset):
    return {
        "member": str(world.a.users[Role.COUNCIL_MEMBER].pk),
        "raad": str(world.a.raad.pk),
        "decision_date": day(),
        "reference": "R-2026-0042",
        "start": day(),
        "end": day(end_offset),
    }


def test_c6_exclusion_of_at_most_three_months(world, login):
    client = clerk_client(world, login)
    response = client.post(f"{REGISTER}uitsluitingen/nieuw/", exclusion_form(world, 60))
    assert response.status_code == 302
    assert response["Location"] == f"{REGISTER}uitsluitingen/"
    assert Exclusion.objects.get().member == world.a.users[Role.COUNCIL_MEMBER]
    page = client.get(f"{REGISTER}uitsluitingen/").content.decode()
    assert "R-2026-0042" in page and "van kracht" in page
    # T1: the other municipality's clerk does not see it.
    assert (
        "R-2026-0042"
        not in login(world.b.users[Role.CLERK]).get(f"{REGISTER}uitsluitingen/").content.decode()
    )


def test_c6_exclusion_longer_than_three_months_is_refused(world, login):
    page = errors_of(
        clerk_client(world, login).post(
            f"{REGISTER}uitsluitingen/nieuw/", exclusion_form(world, 120)
        )
    )
    assert "ten hoogste 3 maanden" in page and "Gemeentewet" in page
    assert not Exclusion.objects.exists()


# --- C7: review ----------------------------------------------------------------------------


def test_c7_review_sets_the_next_review_date(world, login):
    item = SecrecyItemFactory(imposing_body=world.a.college, due_for_review=True)
    response = clerk_client(world, login).post(
        f"{REGISTER}{item.uuid}/heroverwegen/",
        {"reviewed_on": day(), "next_review_date": day(180), "note": "Onderhandelingen lopen"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.review_date == TODAY + datetime.timedelta(days=180)
    assert Review.objects.filter(item=item).count() == 1


def test_c7_review_with_next_date_before_the_review_is_refused(world, login):
    item = SecrecyItemFactory(imposing_body=world.a.college, due_for_review=True)
    errors_of(
        clerk_client(world, login).post(
            f"{REGISTER}{item.uuid}/heroverwegen/",
            {"reviewed_on": day(), "next_review_date": day(-1)},
        )
    )
    assert not Review.objects.exists()
    item.refresh_from_db()
    assert item.review_date == TODAY


# --- documents and C10 passages ------------------------------------------------------------


def test_document_upload_page_stores_a_pdf_under_a_generated_name(world, login, private_storage):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    upload = SimpleUploadedFile("../rapport geheim.pdf", minimal_pdf(["Taxatie"]))
    response = clerk_client(world, login).post(
        f"{REGISTER}{item.uuid}/documenten/", {"title": "Taxatierapport", "file": upload}
    )
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.document.title == "Taxatierapport"
    assert "geheim" not in version.file.name
    assert (private_storage / version.file.name).is_file()


def test_document_upload_page_refuses_a_non_pdf_and_leaves_nothing(world, login, private_storage):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    fake = SimpleUploadedFile("rapport.pdf", b"<svg onload=alert(1)>", "application/pdf")
    page = errors_of(
        clerk_client(world, login).post(
            f"{REGISTER}{item.uuid}/documenten/", {"title": "X", "file": fake}
        )
    )
    assert "geen PDF" in page
    assert not DocumentVersion.objects.exists()
    assert not list(private_storage.rglob("*"))


def test_c10_passage_with_its_own_ground(world, login, private_storage):
    version = DocumentVersionFactory(document__item__imposing_body=world.a.college)
    item = version.document.item
    client = clerk_client(world, login)
    response = client.post(
        f"{REGISTER}{item.uuid}/passages/",
        {
            "document": str(version.document.pk),
            "location": "pagina 2, tabel 1",
            "grounds": [WooGround.LID1_C.value],
        },
    )
    assert response.status_code == 302
    assert Passage.objects.get().grounds == [WooGround.LID1_C.value]
    refused = client.post(
        f"{REGISTER}{item.uuid}/passages/",
        {"document": str(version.document.pk), "location": "pagina 3", "grounds": ["5.2"]},
    )
    assert "is geen grond uit Woo art. 5.1" in errors_of(refused)
    assert Passage.objects.count() == 1


# --- X4 and deny by default ----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["nieuw/", "besloten-vergadering/", "uitsluitingen/nieuw/"],
)
def test_x4_council_member_and_civil_servant_cannot_open_the_write_pages(world, login, path):
    assert login(world.a.users[Role.COUNCIL_MEMBER]).get(f"{REGISTER}{path}").status_code == 403
    assert login(world.a.users[Role.CIVIL_SERVANT]).get(f"{REGISTER}{path}").status_code == 403
    assert login(world.a.users[Role.COUNCIL_MEMBER]).post(f"{REGISTER}{path}").status_code == 403
    assert not SecrecyItem.objects.exists()


# --- X5: the refusals in English ------------------------------------------------------------


@pytest.fixture
def english(world, login):
    client = clerk_client(world, login)
    client.cookies["django_language"] = "en"
    yield client
    translation.activate("nl")


def test_c4_c5_c6_refusals_are_translated_and_store_nothing(world, english):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    member = world.a.users[Role.COUNCIL_MEMBER]
    shared = english.post(f"{REGISTER}{item.uuid}/delen/", {"members": [str(member.pk)]})
    assert "Choose the body you share the item with." in errors_of(shared)
    lifted = english.post(
        f"{REGISTER}{item.uuid}/opheffen/",
        {"body": str(world.a.raad.pk), "date": day(), "reference": "R-1"},
    )
    assert "can lift this secrecy (Municipalities Act art. 89)" in errors_of(lifted)
    excluded = english.post(f"{REGISTER}uitsluitingen/nieuw/", exclusion_form(world, 120))
    assert "An exclusion lasts at most 3 months" in errors_of(excluded)
    assert not Share.objects.exists() and not Lifting.objects.exists()
    assert not Exclusion.objects.exists()
    item.refresh_from_db()
    assert item.status == SecrecyStatus.ACTIVE


def test_c1_grounds_are_checkboxes_grouped_by_lid(world, login):
    page = clerk_client(world, login).get(f"{REGISTER}nieuw/").content.decode()
    assert page.count('type="checkbox" name="grounds"') == len(WooGround)
    lid1 = page.index("Artikel 5.1 lid 1: absolute gronden (a–e)")
    lid2 = page.index("Artikel 5.1 lid 2: af te wegen belangen (a–i)")
    assert lid1 < page.index('value="5.1.1.e"') < lid2 < page.index('value="5.1.2.a"')
    assert "Ctrl" not in page


def test_c10_register_detail_shows_sizes_in_kb(world, login):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    version = DocumentVersionFactory(document__item=item, size=7_000)
    page = clerk_client(world, login).get(f"{REGISTER}{version.document.item.uuid}/")
    assert "7 kB" in page.content.decode()
