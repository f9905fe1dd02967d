"""C8: the council member's viewer with a name overlay, per-recipient watermarked downloads with
a trace code, every open and download audited with the document version, and the trace-code
lookup for authorised investigators (audited). C6: an excluded member gets none of it."""

import io

import pytest
from pypdf import PdfReader

from confidentiality.copies import DOWNLOADED, OPENED
from confidentiality.demo import minimal_pdf
from portal.constants import AuditResult
from portal.models import AuditEvent
from portal.roles import Role
from tests.confidentiality.factories import (
    DocumentVersionFactory,
    ExclusionFactory,
    SecrecyItemFactory,
    ShareFactory,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SHARED = "/geheimhouding/gedeeld/"
TRACE = "/geheimhouding/traceercode/"


@pytest.fixture
def version(world, private_storage):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    ShareFactory(item=item, body=world.a.raad)
    return DocumentVersionFactory(
        document__item=item,
        document__title="Taxatierapport",
        content=minimal_pdf(["Onderhandelingsruimte 4,2 miljoen"]),
    )


def paths(version):
    item = version.document.item
    base = f"{SHARED}{item.uuid}/versies/{version.uuid}/"
    return base, f"{base}download/"


def member(world):
    return world.a.users[Role.COUNCIL_MEMBER]


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_c8_viewer_shows_the_text_under_the_members_name_and_audits_the_version(
    world, login, version
):
    viewer, _ = paths(version)
    response = login(member(world)).get(viewer)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Onderhandelingsruimte 4,2 miljoen" in page
    name = member(world).get_full_name() or member(world).email
    assert f'data-overlay="{name}' in page  # the overlay carries the name
    assert response["Cache-Control"].startswith("max-age=0")
    event = AuditEvent.objects.get(action=OPENED)
    assert event.actor == member(world)
    assert event.object_id == str(version.document.item.uuid)
    assert event.details["version"] == 1
    assert event.details["version_uuid"] == str(version.uuid)


def test_c8_download_is_watermarked_per_recipient_with_a_trace_code(world, login, version):
    _, download = paths(version)
    response = login(member(world)).get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    event = AuditEvent.objects.get(action=DOWNLOADED)
    code = event.details["trace_code"]
    assert code in response["Content-Disposition"]
    text = text_of(response.content)
    name = member(world).get_full_name() or member(world).email
    assert "Onderhandelingsruimte 4,2 miljoen" in text  # the document itself
    assert f"Persoonlijk exemplaar van {name}" in text
    assert code in text
    # C2: every rendered copy states the body competent to lift.
    assert f"Alleen {world.a.college.name} kan de geheimhouding opheffen" in text
    assert event.actor == member(world)
    assert event.details["version"] == 1 and event.details["recipient"] == str(member(world).uuid)


def test_c8_two_downloads_carry_two_trace_codes(world, login, version):
    _, download = paths(version)
    client = login(member(world))
    client.get(download)
    client.get(download)
    codes = {e.details["trace_code"] for e in AuditEvent.objects.filter(action=DOWNLOADED)}
    assert len(codes) == 2


def test_c8_clerk_resolves_a_trace_code_to_its_recipient_and_the_lookup_is_audited(
    world, login, version
):
    _, download = paths(version)
    login(member(world)).get(download)
    code = AuditEvent.objects.get(action=DOWNLOADED).details["trace_code"]
    clerk = world.a.users[Role.CLERK]
    # Typed from a photo: lower case, O for 0 and no dashes still resolve.
    typed = code.replace("-", "").lower().replace("0", "o")
    page = login(clerk).get(TRACE, {"code": typed}).content.decode()
    assert member(world).email in page
    assert "Taxatierapport" in page and "versie 1" in page
    resolved = AuditEvent.objects.get(action="secrecy.trace_resolved")
    assert resolved.actor == clerk and resolved.details["trace_code"] == code


def test_c8_another_municipality_cannot_resolve_the_code(world, login, version):
    _, download = paths(version)
    login(member(world)).get(download)
    code = AuditEvent.objects.get(action=DOWNLOADED).details["trace_code"]
    page = login(world.b.users[Role.CLERK]).get(TRACE, {"code": code}).content.decode()
    assert member(world).email not in page
    assert "Geen exemplaar met deze traceercode" in page
    assert AuditEvent.objects.filter(action="report.trace_resolved").count() == 1


def test_c8_trace_lookup_is_for_authorised_investigators_only(world, login):
    assert login(world.a.users[Role.COUNCIL_MEMBER]).get(TRACE).status_code == 403
    assert login(world.a.users[Role.CIVIL_SERVANT]).get(TRACE).status_code == 403
    assert login(world.a.users[Role.INTEGRITY_OFFICER]).get(TRACE).status_code == 403
    assert login(world.a.users[Role.CLERK]).get(TRACE).status_code == 200


def test_c6_excluded_member_opens_and_downloads_nothing(world, login, version):
    viewer, download = paths(version)
    ExclusionFactory(member=member(world), raad=world.a.raad)
    client = login(member(world))
    assert client.get(viewer).status_code == 404
    assert client.get(download).status_code == 404
    assert not AuditEvent.objects.filter(action__in=[OPENED, DOWNLOADED]).exists()
    assert AuditEvent.objects.filter(result=AuditResult.DENIED, actor=member(world)).exists()


def test_c4_member_of_another_body_or_municipality_gets_404_for_the_version(world, login, version):
    viewer, download = paths(version)
    committee_member = MembershipFactory(body=world.a.commissie).user  # not in the raad
    for outsider in (committee_member, world.b.users[Role.COUNCIL_MEMBER]):
        client = login(outsider)
        assert client.get(viewer).status_code == 404
        assert client.get(download).status_code == 404
        assert version.document.item.subject not in client.get(SHARED).content.decode()
    assert not AuditEvent.objects.filter(action__in=[OPENED, DOWNLOADED]).exists()


def test_c8_a_version_of_another_item_is_404(world, login, version):
    other = DocumentVersionFactory(document__item__imposing_body=world.a.college)
    item = version.document.item
    path = f"{SHARED}{item.uuid}/versies/{other.uuid}/download/"
    assert login(member(world)).get(path).status_code == 404
    assert not AuditEvent.objects.filter(action=DOWNLOADED).exists()


def test_c8_shared_detail_offers_the_viewer_and_the_download(world, login, version):
    item = version.document.item
    page = login(member(world)).get(f"{SHARED}{item.uuid}/").content.decode()
    viewer, download = paths(version)
    assert f'href="{viewer}"' in page
    assert f'href="{download}"' in page


def test_c6_access_returns_by_itself_after_the_exclusion(world, login, version):
    viewer, download = paths(version)
    ExclusionFactory(member=member(world), raad=world.a.raad, over=True)  # ended yesterday
    client = login(member(world))
    assert client.get(viewer).status_code == 200
    assert client.get(download).status_code == 200
    assert AuditEvent.objects.filter(action=DOWNLOADED, actor=member(world)).count() == 1


def test_c8_a_damaged_stored_file_hands_out_nothing_and_says_so(world, login, private_storage):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    ShareFactory(item=item, body=world.a.raad)
    broken = DocumentVersionFactory(document__item=item, content=b"%PDF-1.4 damaged on disk")
    viewer, download = paths(broken)
    client = login(member(world))
    for path in (viewer, download):
        response = client.get(path, follow=True)
        assert response.redirect_chain[0][0] == f"{SHARED}{item.uuid}/"
        assert "kan op dit moment niet worden geopend" in response.content.decode()
    assert not AuditEvent.objects.filter(action__in=[OPENED, DOWNLOADED]).exists()


def two_pages() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for text in ("Eerste pagina: aanleiding", "Tweede pagina: bedragen"):
        writer.add_page(PdfReader(io.BytesIO(minimal_pdf([text]))).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_c8_viewer_reads_page_by_page_and_audits_each_page(world, login, private_storage):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    ShareFactory(item=item, body=world.a.raad)
    version = DocumentVersionFactory(document__item=item, content=two_pages())
    viewer, download = paths(version)
    client = login(member(world))
    first = client.get(viewer).content.decode()
    assert "Eerste pagina" in first and "Tweede pagina" not in first
    assert "Pagina 1 van 2" in first and 'href="?pagina=2"' in first
    second = client.get(viewer, {"pagina": "2"}).content.decode()
    assert "Tweede pagina: bedragen" in second and "Eerste pagina" not in second
    assert "Tweede pagina" in client.get(viewer, {"pagina": "99"}).content.decode()  # clamped
    opened = AuditEvent.objects.filter(action=OPENED).order_by("seq")
    assert [event.details["page"] for event in opened] == [1, 2, 2]
    copy = client.get(download)
    assert len(PdfReader(io.BytesIO(copy.content)).pages) == 2  # the download has every page


def test_c8_the_register_links_each_version_to_the_clerks_own_watermarked_copy(
    world, login, version
):
    """Issue 15: the griffie's register page links the document; what the clerk gets is a copy
    of his own (his name, a trace code), audited once, never the bare file."""
    clerk = world.a.users[Role.CLERK]
    item = version.document.item
    client = login(clerk)
    page = client.get(f"/geheimhouding/{item.uuid}/").content.decode()
    link = f"/geheimhouding/{item.uuid}/versies/{version.uuid}/download/"
    assert f'href="{link}"' in page
    before = AuditEvent.objects.count()
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.get(action=DOWNLOADED)
    assert event.actor == clerk and event.details["version_uuid"] == str(version.uuid)
    text = text_of(response.content)
    name = clerk.get_full_name() or clerk.email
    assert f"Persoonlijk exemplaar van {name}" in text and event.details["trace_code"] in text
    # Another municipality's clerk finds nothing (T1), and leaves no copy behind.
    other = login(world.b.users[Role.CLERK])
    assert other.get(link).status_code == 404
    assert AuditEvent.objects.filter(action=DOWNLOADED).count() == 1
