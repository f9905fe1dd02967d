"""Woo-publicaties (DOMAIN C11, C12). Terms of art, defined once:

- *actieve openbaarmaking*: publishing on the body's own initiative, for the information
  categories of Woo art. 3.3 (and beyond them under art. 3.1);
- *DiWoo*: the metadata standard of the Digitale infrastructuur Woo (version 0.9.8), carried in
  the sitemaps the national Woo-index harvests;
- *TOOI*: the government's list of identifiers for organisations and value lists
  (Thesauri en Ontologieën voor Overheidsinformatie);
- *documenthandeling*: what happened to a document (vaststelling, ontvangst, ondertekening);
- *Woo-verzoek*: a request to make information public (Woo art. 4.1).

``publications`` (the publication, its actions and clean copies, the task "publiceren?") and
``requests`` (Woo requests for secret documents).
"""

from .publications import (
    DocumentAction,
    Publication,
    PublicationQuerySet,
    PublishedDocument,
    ReleaseTask,
    copy_upload_to,
)
from .requests import WooRequest

__all__ = [
    "DocumentAction",
    "Publication",
    "PublicationQuerySet",
    "PublishedDocument",
    "ReleaseTask",
    "WooRequest",
    "copy_upload_to",
]
