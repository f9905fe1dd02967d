"""The one place where ``publications`` reaches into ``confidentiality`` (STYLE.md, as
``leaks/links.py`` does for leak cases). C11: what is no longer secret is published; C12: a Woo
request for what still is opens a review by the competent body.

What the secrecy register offers this app, and nothing more:

- whether an item is still secret, as a query (the public pages exclude every publication whose
  item is secret, whatever its status says) and per item;
- the documents of an item to publish: per document its newest version, or — where secret
  passages remain (C10) — its newest public version only;
- the register's own services for a lifting decision (C5, with its competence check) and its
  check of the grounds of Woo art. 5.1 (C1);
- the item pages' hooks, through which the register shows the state of publication and the
  clerk's links here without importing this app (``confidentiality.hooks``).

Models refer to the register's items by the string ``"confidentiality.SecrecyItem"``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from confidentiality import hooks
from confidentiality.constants import SecrecyOrigin, SecrecyStatus, WooGround
from confidentiality.models import DocumentVersion, Lifting, Passage, SecrecyItem
from confidentiality.models import validate_grounds as validate_woo_grounds
from confidentiality.selectors import managed_item_get
from confidentiality.services import item_lift

__all__ = [
    "SecrecyItem",
    "SecrecyStatus",
    "WooGround",
    "check_competent",
    "documents_to_publish",
    "has_secret_passages",
    "item_for_clerk",
    "item_lift",
    "item_summary",
    "items_still_secret",
    "validate_woo_grounds",
]


def items_still_secret(on=None) -> QuerySet:
    """C11: the items under secrecy today — active and not past their end date. "Nothing
    still secret is ever published": every public read excludes publications of these."""
    return SecrecyItem.objects.secret(on)


def still_secret_q(field: str = "source_item"):
    """A filter for publications (``field`` names the item) that keeps out every one whose item
    is still secret, checked in the query itself."""
    return ~Exists(items_still_secret().filter(pk=OuterRef(f"{field}_id")))


def item_for_release(item_id: int) -> SecrecyItem | None:
    return (
        SecrecyItem.objects.select_related(
            "municipality", "imposing_body", "lifting_body", "closed_session__body", "lifting"
        )
        .filter(pk=item_id)
        .first()
    )


def item_for_clerk(user, uuid) -> SecrecyItem:
    """An item of the register for a clerk's write page here, or a 404 (audited)."""
    return managed_item_get(user, uuid)


@dataclass(frozen=True)
class ItemSummary:
    subject: str
    reference: str
    decided_on: object  # date of the decision, or of the closed session (C3)
    decided_by: str  # the body that imposed it, or the body of the closed session
    lifting_body: object  # the Body competent to lift it (art. 89)
    lifted_on: object
    lifted_by: str
    lifting_reference: str


def item_summary(item: SecrecyItem) -> ItemSummary:
    """What a concept publication is pre-filled from: the public subject, the dates and the
    bodies — never the motivation of the secrecy, its grounds or who registered it."""
    if item.origin == SecrecyOrigin.CLOSED_SESSION and item.closed_session_id:
        decided_on, decided_by = item.closed_session.date, item.closed_session.body.name
    else:
        decided_on = item.decision_date
        decided_by = item.imposing_body.name if item.imposing_body_id else ""
    lifting = getattr(item, "lifting", None)  # a missing one-to-one is an AttributeError
    return ItemSummary(
        subject=item.subject,
        reference=item.reference,
        decided_on=decided_on,
        decided_by=decided_by,
        lifting_body=item.lifting_body,
        lifted_on=lifting.date if lifting else item.expires_on,
        lifted_by=lifting.body.name if lifting else "",
        lifting_reference=lifting.reference if lifting else "",
    )


@dataclass(frozen=True)
class SourceDocument:
    title: str
    version: DocumentVersion
    from_public_version: bool


@dataclass
class DocumentSelection:
    chosen: list[SourceDocument]
    left_out: list[str]  # titles of documents with secret passages and no public version


def documents_to_publish(item: SecrecyItem) -> DocumentSelection:
    """C10, C11: per document of the item the version a publication may use. A document with
    secret passages contributes only its newest *public* version; if it has none, it is left
    out (and the clerk is told). A document without passages contributes its newest version.
    The stored version is never a recipient's copy, so it carries no watermark (C8)."""
    selection = DocumentSelection(chosen=[], left_out=[])
    documents = item.documents.annotate(
        has_passages=Exists(Passage.objects.filter(document_id=OuterRef("pk")))
    ).order_by("title")
    versions = DocumentVersion.objects.filter(document__item=item).order_by("-number")
    newest, newest_public = {}, {}
    for version in versions:
        newest.setdefault(version.document_id, version)
        if version.is_public:
            newest_public.setdefault(version.document_id, version)
    for document in documents:
        if document.has_passages:
            version = newest_public.get(document.pk)
            if version is None:
                selection.left_out.append(document.title)
                continue
            selection.chosen.append(SourceDocument(document.title, version, True))
        elif document.pk in newest:
            selection.chosen.append(SourceDocument(document.title, newest[document.pk], False))
    return selection


def has_secret_passages(item: SecrecyItem) -> bool:
    return Passage.objects.filter(document__item=item).exists()


def check_competent(*, item: SecrecyItem, body, actor, date, reference: str) -> None:
    """C12 with C5, Gemeentewet art. 89: only the competent body (or the raad, for what was
    given to it) decides on the secrecy — the register's own check, with its own message."""
    Lifting(item=item, body=body, date=date, reference=reference, recorded_by=actor).clean()


# --- the register's hooks ------------------------------------------------------------------


def connect() -> None:
    """Attach to the register (called from ``PublicationsConfig.ready``)."""
    hooks.on_secrecy_ended(_secrecy_ended)
    hooks.register_item_notes(_notes)
    hooks.register_item_actions(_actions)


def _secrecy_ended(item: SecrecyItem, *, cause: str) -> None:
    """C11: queue the concept publication for an item whose secrecy just ended; it is made
    after commit, and not at all if the change rolls back."""
    from portal.background import enqueue

    enqueue("publications.release_prepare", item_id=item.pk, cause=cause)


def _notes(items) -> dict[int, list[hooks.ItemNote]]:
    """C11, C12: per item the state of publication and an open Woo request, in at most two
    queries for the whole page whatever its length."""
    from .constants import PublicationStatus, TaskStatus
    from .models import ReleaseTask, WooRequest

    ids = [item.pk for item in items]
    secret = {item.pk for item in items if item.is_secret}
    notes: dict[int, list[hooks.ItemNote]] = {}
    # A secret item has no publication to speak of: no query when the page shows only those.
    lifted = [pk for pk in ids if pk not in secret]
    tasks = (
        ReleaseTask.objects.filter(item_id__in=lifted).select_related("publication", "municipality")
        if lifted
        else []
    )
    by_item = {task.item_id: task for task in tasks}
    for item in items:
        if item.pk in secret:
            continue
        task = by_item.get(item.pk)
        publication = task.publication if task else None
        if task is not None and task.status == TaskStatus.DECLINED:
            text, url = _("Besloten niet te publiceren"), ""
        elif publication is not None and publication.status == PublicationStatus.PUBLISHED:
            text = _("Gepubliceerd")
            url = reverse(
                "publications:public_detail",
                kwargs={"slug": task.municipality.slug, "uuid": publication.uuid},
            )
        elif publication is not None and publication.status == PublicationStatus.WITHDRAWN:
            text, url = _("Publicatie ingetrokken"), ""
        else:
            text = _("Opgeheven – nog niet gepubliceerd")
            url = reverse("publications:manage_list")
        notes.setdefault(item.pk, []).append(hooks.ItemNote(text=text, url=url))
    today = timezone.localdate()
    for request in WooRequest.objects.open().filter(item_id__in=ids).order_by("deadline"):
        text = _("Woo-verzoek: beslissen uiterlijk %(date)s") % {
            "date": request.deadline.strftime("%d-%m-%Y")
        }
        if request.deadline < today:
            text = _("Woo-verzoek: de beslistermijn is verstreken (%(date)s)") % {
                "date": request.deadline.strftime("%d-%m-%Y")
            }
        notes.setdefault(request.item_id, []).append(
            hooks.ItemNote(
                text=text,
                url=reverse("publications:request_detail", kwargs={"uuid": request.uuid}),
            )
        )
    return notes


def _actions(item: SecrecyItem, user) -> list[hooks.ItemAction]:
    from .permissions import can_manage_publications

    if not can_manage_publications(user):
        return []
    if item.is_secret:
        return [
            hooks.ItemAction(
                label=_("Woo-verzoek vastleggen"),
                url=reverse("publications:request_register", kwargs={"item": item.uuid}),
            )
        ]
    return [
        hooks.ItemAction(label=_("Naar Woo-publicaties"), url=reverse("publications:manage_list"))
    ]
