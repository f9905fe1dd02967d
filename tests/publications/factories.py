"""Factories and PDFs for Woo publication tests, with named domain states. No random branches."""

import datetime
import io

import factory
from django.utils import timezone

from confidentiality.demo import minimal_pdf
from publications.constants import PublicationStatus
from publications.models import Publication, WooRequest
from tests.confidentiality.factories import SecrecyItemFactory, today

AUTHOR = "Jan de Ambtenaar"


def pdf_with_metadata(lines: list[str], *, author: str = AUTHOR) -> bytes:
    """A one-page PDF with ``lines`` and the metadata a word processor leaves behind: an author
    in the information dictionary and in XMP, a creator tool and a custom key."""
    import pikepdf

    with pikepdf.open(io.BytesIO(minimal_pdf(lines))) as pdf:
        pdf.docinfo["/Author"] = author
        pdf.docinfo["/Creator"] = "Tekstverwerker 2026"
        pdf.docinfo["/Afdeling"] = "Vastgoed"
        with pdf.open_metadata() as meta:
            meta["dc:creator"] = [author]
            meta["xmp:CreatorTool"] = "Tekstverwerker 2026"
        output = io.BytesIO()
        pdf.save(output)
        return output.getvalue()


class LiftedItemFactory(SecrecyItemFactory):
    """An item whose secrecy the college lifted (status only: the Lifting row is the
    register's; tests that need it go through ``item_lift``)."""

    lifted = True


class PublicationFactory(factory.django.DjangoModelFactory):
    """A concept publication of a lifted item of a municipality with a real CBS code."""

    class Meta:
        model = Publication

    source_item = factory.SubFactory(LiftedItemFactory)
    municipality = factory.LazyAttribute(lambda o: o.source_item.municipality)
    official_title = factory.LazyAttribute(lambda o: o.source_item.subject)
    creation_date = factory.LazyFunction(lambda: today() - datetime.timedelta(days=30))
    publisher = factory.LazyAttribute(lambda o: o.municipality.tooi_uri)
    responsible = factory.LazyAttribute(lambda o: o.municipality.tooi_uri)

    class Params:
        published = factory.Trait(
            status=PublicationStatus.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
        )


class WooRequestFactory(factory.django.DjangoModelFactory):
    """A Woo request received today for a secret item, deadline in four weeks."""

    class Meta:
        model = WooRequest

    item = factory.SubFactory(SecrecyItemFactory)
    municipality = factory.LazyAttribute(lambda o: o.item.municipality)
    received_on = factory.LazyFunction(today)
    deadline = factory.LazyAttribute(lambda o: o.received_on + datetime.timedelta(weeks=4))
    registered_by = factory.LazyAttribute(lambda o: o.item.registered_by)


def codes(exc) -> set[str]:
    """Every ValidationError code in ``exc``, on a field or not."""
    if hasattr(exc, "error_dict"):
        return {e.code for errors in exc.error_dict.values() for e in errors}
    return {e.code for e in exc.error_list}
