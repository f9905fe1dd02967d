"""C8, C10: a secret item's documents — versions on private storage (checked by
:mod:`confidentiality.documents` first) and their secret passages."""

import hashlib
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.models import User
from portal.refusals import refusal_audited
from portal.storage import save_upload

from ..documents import pdf_check
from ..models import Document, DocumentVersion, Passage, SecrecyItem
from .common import locked, require_manager


def document_version_add(
    *,
    actor: User,
    item: SecrecyItem,
    file,
    title: str = "",
    document: Document | None = None,
    is_public: bool = False,
) -> DocumentVersion:
    """A new version of ``document`` (or a new document titled ``title``) of a secret item, on
    private storage under a generated name, with its size and SHA-256. A refused or failed upload
    leaves no row and no file behind."""
    require_manager(actor, action="secrecy.document_upload", obj=item)
    stored = None
    with refusal_audited(
        actor=actor,
        action="secrecy.document_upload",
        municipality=item.municipality,
        obj=item,
        rule="R7",
    ):
        pdf_check(file)
        try:
            with transaction.atomic():
                item = locked(item)
                if document is None:
                    document = Document(item=item, title=title)
                    document.full_clean()
                    document.save()
                elif document.item_id != item.pk:
                    raise ValidationError(_("Dit document hoort bij een ander stuk."))
                number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
                digest = hashlib.sha256()
                for chunk in file.chunks():
                    digest.update(chunk)
                file.seek(0)
                version = DocumentVersion(
                    document=document,
                    number=number,
                    is_public=is_public,
                    size=file.size,
                    sha256=digest.hexdigest(),
                    uploaded_by=actor,
                )
                # A failed write (disk full) leaves no partial file and a clear message (F7).
                field = version.file.field
                stored = save_upload(
                    version.file.storage,
                    field.generate_filename(version, "upload.pdf"),
                    file,
                    max_length=field.max_length,
                )
                version.file.name = stored
                version.full_clean()
                version.save()
                audit_record(
                    action="secrecy.document_upload",
                    actor=actor,
                    obj=item,
                    details={
                        "document": str(document.uuid),
                        "version": number,
                        "size": version.size,
                        "sha256": version.sha256,
                        "public": is_public,
                    },
                )
        except BaseException:
            if stored:
                default_storage.delete(stored)
            raise
    return version


def passage_add(
    *, actor: User, document: Document, location: str, grounds: Iterable[str]
) -> Passage:
    """C10: a secret passage of a document, with its own Woo art. 5.1 grounds."""
    item = document.item
    require_manager(actor, action="secrecy.passage_add", obj=item)
    with (
        refusal_audited(
            actor=actor,
            action="secrecy.passage_add",
            municipality=item.municipality,
            obj=item,
            rule="C1/C10",
        ),
        transaction.atomic(),
    ):
        passage = Passage(document=document, location=location, grounds=list(grounds))
        passage.full_clean()
        passage.save()
        audit_record(
            action="secrecy.passage_add",
            actor=actor,
            obj=item,
            details={"document": str(document.uuid), "grounds": passage.grounds},
        )
    return passage
