"""The secrecy register (geheimhoudingsregister) of a municipality: DOMAIN C1–C10.

Terms of art, defined once:

- *geheimhouding*: a duty of secrecy on information, imposed by a body (Gemeentewet art. 87) or
  following by law from a closed session (art. 23 lid 4, art. 82 lid 5);
- *opleggen* / *opheffen*: to impose / to lift secrecy; the raad no longer ratifies
  (*bekrachtigen*) it since 1 April 2023 (C5);
- *besloten vergadering*: a closed session of the raad or a commissie (C3);
- *griffie*: the raad's clerks, who keep the register.

Split by what a model records: ``items`` (the secret item, the closed session), ``documents``
(documents, versions, passages), ``decisions`` (shares, liftings, reviews, exclusions);
``common`` holds the checks several of them make.
"""

from .common import grounds_display, validate_grounds
from .decisions import Exclusion, Lifting, Review, Share, exclusion_latest_end
from .documents import Document, DocumentVersion, Passage, document_upload_to
from .items import ClosedSession, SecrecyItem, SecrecyItemQuerySet

__all__ = [
    "ClosedSession",
    "Document",
    "DocumentVersion",
    "Exclusion",
    "Lifting",
    "Passage",
    "Review",
    "SecrecyItem",
    "SecrecyItemQuerySet",
    "Share",
    "document_upload_to",
    "exclusion_latest_end",
    "grounds_display",
    "validate_grounds",
]
