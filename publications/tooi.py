"""The TOOI value lists a Woo publication speaks (DiWoo 0.9.8), in one place.

Every URI and Dutch label below is copied from the DiWoo 0.9.8 value lists
(``diwoo-metadata-lijsten.xsd``, generated 2025-08-12 from the TOOI value lists; the copy kept
in ``tests/publications/schemas/`` names its source). Where the XSD names the TOOI list and its
version, so does this module. The labels are the lists' own wording; the English in the
catalogue is ours.

Nothing here is invented: a value the lists do not hold would make the Woo-index refuse the
sitemap (``tests/publications/test_sitemap_xsd.py`` validates against the lists).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
#: A municipality in TOOI: ``gm`` and its four-digit CBS code (list rwc_gemeenten_compleet).
GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/gm"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"


class InformationCategory(models.TextChoices):
    """Woo art. 3.3: the categories of information a body publishes actively, and the one for
    what it publishes beyond them under art. 3.1 — TOOI list scw_woo_informatiecategorieen,
    version 4 (2024-09-24). Seventeen belong to art. 3.3; not all of them apply to a
    municipality (the Staten-Generaal's, for one), but the list is the law's."""

    WETTEN = KERN + "c_139c6280", _("wetten en algemeen verbindende voorschriften")
    OVERIGE_BESLUITEN = KERN + "c_aab6bfc7", _("overige besluiten van algemene strekking")
    ONTWERPEN = KERN + "c_759721e2", _("ontwerpen van wet- en regelgeving met adviesaanvraag")
    ORGANISATIE = KERN + "c_40a05794", _("organisatie en werkwijze")
    BEREIKBAARHEID = KERN + "c_89ee6784", _("bereikbaarheidsgegevens")
    INGEKOMEN_STUKKEN = KERN + "c_8c840238", _("bij vertegenwoordigende organen ingekomen stukken")
    VERGADERSTUKKEN_SG = KERN + "c_c76862ab", _("vergaderstukken Staten-Generaal")
    VERGADERSTUKKEN_DECENTRAAL = KERN + "c_db4862c3", _("vergaderstukken decentrale overheden")
    AGENDAS = KERN + "c_3a248e3a", _("agenda’s en besluitenlijsten bestuurscolleges")
    ADVIEZEN = KERN + "c_99a836c7", _("adviezen")
    CONVENANTEN = KERN + "c_8fc2335c", _("convenanten")
    JAARPLANNEN = KERN + "c_c6cd1213", _("jaarplannen en jaarverslagen")
    SUBSIDIES = KERN + "c_cf268088", _("subsidieverplichtingen anders dan met beschikking")
    WOO_VERZOEKEN = KERN + "c_3baef532", _("Woo-verzoeken en -besluiten")
    ONDERZOEKSRAPPORTEN = KERN + "c_fdaee95e", _("onderzoeksrapporten")
    BESCHIKKINGEN = KERN + "c_46a81018", _("beschikkingen")
    KLACHTOORDELEN = KERN + "c_a870c43d", _("klachtoordelen")
    INSPANNING = KERN + "c_816e508d", _("inspanningsverplichting art 3.1 Woo")


#: C11: what a council's formerly secret documents usually are (the issue's default).
DEFAULT_CATEGORY = InformationCategory.VERGADERSTUKKEN_DECENTRAAL

#: The seventeen of Woo art. 3.3 (the list's eighteenth is art. 3.1's).
ARTICLE_3_3 = tuple(c for c in InformationCategory if c != InformationCategory.INSPANNING)


class DocumentActionKind(models.TextChoices):
    """Documenthandelingen: what happened to the document — TOOI list
    ccw_plooi_documenthandelingen, version 2 (2024-04-17), which holds exactly these three."""

    VASTSTELLING = KERN + "c_641ecd76", _("vaststelling")
    ONTVANGST = KERN + "c_dfcee535", _("ontvangst")
    ONDERTEKENING = KERN + "c_e1ec050e", _("ondertekening")


class WithdrawalReason(models.TextChoices):
    """Why a publication is withdrawn — TOOI list ccw_plooi_reden_intrekking_of_vervanging,
    version 1 (2024-04-17). The clerk also writes the reason in words."""

    PRIVACY = KERN + "c_098c1346", _("correctie privacygevoelige gegevens")
    PROCEDURE = KERN + "c_c77c86e0", _("correctie procedurele fout")


class Language(models.TextChoices):
    """The language of the documents (EU language authority, as the DiWoo taallijst uses).
    Only Dutch is offered: the one value of the list checked for this module (others, such as
    Frisian, belong here once checked against the list)."""

    DUTCH = EU_LANGUAGE + "NLD", _("Nederlands")


#: The format of every document the portal publishes: PDF (ccw_plooi_filetypes, version 4).
PDF_FORMAT = EU_FILE_TYPE + "PDF"
PDF_FORMAT_LABEL = "PDF"

#: The documentsoort of a council's document ("vergaderstuk", list of documentsoorten).
DOCUMENT_KIND_MEETING = KERN + "c_7f9dffa7"
DOCUMENT_KIND_MEETING_LABEL = "vergaderstuk"


def municipality_uri(municipality) -> str:
    """The municipality's TOOI identifier from its CBS code (``GM0363`` →
    ``https://identifier.overheid.nl/tooi/id/gemeente/gm0363``; ``Municipality.tooi_uri``);
    empty without a valid code."""
    uri = municipality.tooi_uri
    return uri if uri.startswith(GEMEENTE) else ""


def label_of(choices: type[models.TextChoices], uri: str) -> str:
    """The TOOI label of ``uri`` in Dutch, as the sitemap carries it (the lists' own words)."""
    from django.utils import translation

    with translation.override("nl"):
        return str(dict(choices.choices).get(uri, ""))
