"""C11: the sitemaps the national Woo-index harvests — sitemaps.org 0.9 with the DiWoo 0.9.8
extension: one ``<url>`` per published document, its ``<loc>`` the document's download address,
and a ``diwoo:Document`` with the publication's metadata. Per municipality a sitemap index
(``sitemap.xml``) naming its pages (``sitemap-<n>.xml``, at most 50,000 entries each).

Written as a stream of escaped text, not a tree: a page of 50,000 entries never sits in memory
as objects. The element order follows the XSDs (``tests/publications/schemas``), which
``tests/publications/test_sitemap_xsd.py`` validates against.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Only the string escapers of xml.sax: the sitemaps are written, nothing is parsed.
from xml.sax.saxutils import escape, quoteattr  # nosec B406

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .tooi import (
    PDF_FORMAT,
    PDF_FORMAT_LABEL,
    DocumentActionKind,
    InformationCategory,
    Language,
    label_of,
)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def absolute(path: str) -> str:
    """Addresses in sitemaps and robots.txt are absolute, from the configured site address —
    never from the request's Host header, which a client chooses."""
    return settings.SITE_URL.rstrip("/") + path


# Characters XML 1.0 does not allow, even escaped: a title pasted with a control character must
# not make the whole sitemap unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _text(tag: str, value: str) -> str:
    return f"<diwoo:{tag}>{_clean(value)}</diwoo:{tag}>"


def _labelled(tag: str, resource: str, label: str) -> str:
    return f"<diwoo:{tag} resource={quoteattr(resource)}>{_clean(label)}</diwoo:{tag}>"


def index(slug: str, pages: int, lastmod) -> Iterator[str]:
    yield XML_DECLARATION
    yield f'<sitemapindex xmlns="{SITEMAP_NS}">\n'
    for number in range(1, pages + 1):
        loc = absolute(reverse("publications:sitemap_page", kwargs={"slug": slug, "page": number}))
        yield f"<sitemap><loc>{escape(loc)}</loc>"
        if lastmod:
            yield f"<lastmod>{_iso(lastmod)}</lastmod>"
        yield "</sitemap>\n"
    yield "</sitemapindex>\n"


def urlset(slug: str, municipality_name: str, documents) -> Iterator[str]:
    yield XML_DECLARATION
    yield f'<urlset xmlns="{SITEMAP_NS}" xmlns:diwoo="{DIWOO_NS}">\n'
    for document in documents:
        yield entry(slug, municipality_name, document)
    yield "</urlset>\n"


def entry(slug: str, municipality_name: str, document) -> str:
    """One ``<url>`` with the DiWoo metadata of ``document``'s publication (DiWooType is an
    ``xs:all``: the order below is the XSD's, for readability)."""
    publication = document.publication
    page = reverse("publications:public_detail", kwargs={"slug": slug, "uuid": publication.uuid})
    download = reverse(
        "publications:public_download",
        kwargs={"slug": slug, "uuid": publication.uuid, "document": document.uuid},
    )
    parts = [
        f"<url><loc>{escape(absolute(download))}</loc>",
        f"<lastmod>{_iso(max(publication.updated_at, document.updated_at))}</lastmod>",
        "<diwoo:Document><diwoo:DiWoo>",
        f"<diwoo:identifiers>{_text('identifier', absolute(page))}</diwoo:identifiers>",
        _labelled("publisher", publication.publisher, municipality_name),
        _labelled("verantwoordelijke", publication.responsible, municipality_name),
        "<diwoo:titelcollectie>",
        _text("officieleTitel", publication.official_title),
    ]
    if publication.short_title:
        parts.append(f"<diwoo:verkorteTitels>{_text('verkorteTitel', publication.short_title)}")
        parts.append("</diwoo:verkorteTitels>")
    if document.title and document.title != publication.official_title:
        parts.append(
            f"<diwoo:alternatieveTitels>{_text('alternatieveTitel', document.title)}"
            "</diwoo:alternatieveTitels>"
        )
    parts.append("</diwoo:titelcollectie>")
    if publication.description:
        parts.append(
            f"<diwoo:omschrijvingen>{_text('omschrijving', publication.description)}"
            "</diwoo:omschrijvingen>"
        )
    category = publication.information_category
    parts += [
        "<diwoo:classificatiecollectie><diwoo:informatiecategorieen>",
        _labelled("informatiecategorie", category, label_of(InformationCategory, category)),
        "</diwoo:informatiecategorieen></diwoo:classificatiecollectie>",
        _text("creatiedatum", publication.creation_date.isoformat()),
        _labelled("language", publication.language, label_of(Language, publication.language)),
        _labelled("format", PDF_FORMAT, PDF_FORMAT_LABEL),
        "<diwoo:documenthandelingen>",
    ]
    actions = list(publication.actions.all())
    if not actions:
        # DiWoo requires at least one: the publication's own date as its vaststelling.
        parts.append(_action(DocumentActionKind.VASTSTELLING, publication.published_at, "", ""))
    for action in actions:
        parts.append(_action(action.kind, action.at, action.body_name, publication.responsible))
    parts.append("</diwoo:documenthandelingen></diwoo:DiWoo></diwoo:Document></url>\n")
    return "".join(parts)


def _action(kind: str, at, body_name: str, organisation: str) -> str:
    inner = [
        _labelled("soortHandeling", kind, label_of(DocumentActionKind, kind)),
        _text("atTime", _iso(at)),
    ]
    if body_name and organisation:
        inner.append(_labelled("wasAssociatedWith", organisation, body_name))
    return "<diwoo:documenthandeling>" + "".join(inner) + "</diwoo:documenthandeling>"
