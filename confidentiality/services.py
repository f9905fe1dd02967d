"""Writes of the secrecy register. Each: keyword-only, atomic, full_clean, one audit event.

A refusal stores nothing and is audited: a missing permission through
``portal.services.refuse`` (403), a refusal by law (wrong ground, a person as recipient, an
exclusion that is too long, an incompetent body) as a ``ValidationError`` whose translated
message names the rule, recorded as a denied event after the write rolled back.
"""

import datetime
import hashlib
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.models import Body, Membership, User
from portal.notifications import notify_body, notify_users
from portal.services import refusal_audited, refuse
from portal.storage import save_upload
from portal.uploads import hidden_content

from .conf import max_upload_bytes
from .constants import EXCLUDABLE_MEMBER_BODY_KINDS, SecrecyOrigin, SecrecyStatus
from .models import (
    ClosedSession,
    Document,
    DocumentVersion,
    Exclusion,
    Lifting,
    Passage,
    Review,
    SecrecyItem,
    Share,
)
from .permissions import can_manage_register
from .selectors import exclusions_in_force

PDF_MAGIC = b"%PDF-"

INDIVIDUAL_RECIPIENTS_REFUSED = _(
    "Geheime informatie wordt niet aan één of enkele raadsleden verstrekt, alleen aan de raad, "
    "het college, een commissie of de rekenkamer als geheel (Gemeentewet art. 88 lid 5, C4)."
)


def _require_manager(actor, *, action: str, obj=None) -> None:
    """The griffie of the object's own municipality, and nobody else (T1, X4)."""
    municipality_id = getattr(obj, "municipality_id", None)
    if not can_manage_register(actor) or (
        municipality_id is not None and municipality_id != actor.municipality_id
    ):
        refuse(
            actor=actor,
            action=action,
            obj=obj if municipality_id == actor.municipality_id else None,
        )


def _locked(item: SecrecyItem) -> SecrecyItem:
    return (
        SecrecyItem.objects.select_for_update(of=("self",))
        .select_related("lifting_body", "municipality")
        .get(pk=item.pk)
    )


def item_register(
    *,
    actor: User,
    subject: str,
    imposing_body: Body | None,
    motivation: str,
    decision_date: datetime.date | None,
    grounds: Iterable[str],
    reference: str = "",
    lifting_body: Body | None = None,
    review_date: datetime.date | None = None,
    expires_on: datetime.date | None = None,
) -> SecrecyItem:
    """C1, C2, C7, Gemeentewet art. 87 and 89: register secrecy imposed by a decision of the raad,
    the college, the burgemeester or a commissie. The body competent to lift is the imposing body
    unless another one is named."""
    _require_manager(actor, action="secrecy.register")
    with (
        refusal_audited(
            actor=actor, action="secrecy.register", municipality=actor.municipality, rule="C1/C2/C7"
        ),
        transaction.atomic(),
    ):
        item = SecrecyItem(
            municipality=actor.municipality,
            subject=subject,
            reference=reference,
            origin=SecrecyOrigin.DECISION,
            imposing_body=imposing_body,
            lifting_body=lifting_body or imposing_body,
            motivation=motivation,
            decision_date=decision_date,
            grounds=list(grounds),
            review_date=review_date,
            expires_on=expires_on,
            registered_by=actor,
        )
        item.full_clean()
        item.save()
        audit_record(
            action="secrecy.register",
            actor=actor,
            obj=item,
            details={
                "imposing_body": str(imposing_body.uuid),
                "lifting_body": str(item.lifting_body.uuid),
                "grounds": item.grounds,
                "decision_date": decision_date,
                "review_date": review_date,
                "expires_on": expires_on,
            },
        )
    return item


def closed_session_register(
    *,
    actor: User,
    body: Body,
    date: datetime.date,
    grounds: Iterable[str],
    review_date: datetime.date,
    reference: str = "",
    minutes_subject: str = "",
    document_subjects: Iterable[str] = (),
) -> ClosedSession:
    """C3, Gemeentewet art. 23 lid 4 and art. 82 lid 5: what was said in a closed session of the
    raad or a commissie is secret by law. Registering the session puts its minutes (and the
    documents named) under secrecy with no separate decision, until that body lifts it."""
    _require_manager(actor, action="secrecy.closed_session_register")
    with (
        refusal_audited(
            actor=actor,
            action="secrecy.closed_session_register",
            municipality=actor.municipality,
            rule="C3",
        ),
        transaction.atomic(),
    ):
        session = ClosedSession(
            municipality=actor.municipality,
            body=body,
            date=date,
            reference=reference,
            grounds=list(grounds),
            registered_by=actor,
        )
        session.full_clean()
        session.save()
        subjects = [
            minutes_subject or f"Verslag besloten vergadering {body.name} {date:%d-%m-%Y}",
            *document_subjects,
        ]
        items = []
        for subject in subjects:
            item = SecrecyItem(
                municipality=actor.municipality,
                subject=subject,
                reference=reference,
                origin=SecrecyOrigin.CLOSED_SESSION,
                closed_session=session,
                lifting_body=body,
                grounds=session.grounds,
                review_date=review_date,
                registered_by=actor,
            )
            item.full_clean()
            items.append(item)
        SecrecyItem.objects.bulk_create(items)
        audit_record(
            action="secrecy.closed_session_register",
            actor=actor,
            obj=session,
            details={
                "body": str(body.uuid),
                "date": date,
                "grounds": session.grounds,
                "items": [str(item.uuid) for item in items],
            },
        )
    return session


def item_share_with_body(*, actor: User, item: SecrecyItem, body) -> Share:
    """C4, Gemeentewet art. 88 lid 5: a secret item goes to a body as a whole — the raad, the
    college, a commissie or the rekenkamer — and reaches its current members (T4). Persons are
    refused with a message citing the article. The members (minus anyone excluded under C6) are
    notified without any content (X2)."""
    _require_manager(actor, action="secrecy.share", obj=item)
    with refusal_audited(
        actor=actor, action="secrecy.share", municipality=item.municipality, obj=item, rule="C4"
    ):
        if not isinstance(body, Body):
            # A person, or a list of persons: art. 88 lid 5 forbids it whatever their number.
            raise ValidationError(INDIVIDUAL_RECIPIENTS_REFUSED, code="individual_recipients")
        with transaction.atomic():
            item = _locked(item)
            if not item.is_secret:
                raise ValidationError(
                    _("Dit stuk is niet meer geheim en wordt niet als geheim stuk gedeeld (C5)."),
                    code="not_secret",
                )
            share = Share(item=item, body=body, shared_by=actor)
            share.full_clean()
            share.save()
            excluded = exclusions_in_force().filter(
                member__in=Membership.objects.current().filter(body=body).values("user_id")
            )
            notify_body(
                body=body,
                kind="secrecy.shared",
                title=gettext_noop("Er is een geheim stuk gedeeld met %(body)s"),
                params={"body": body.name},
                # The item's page in the council portal: an address, no content (X2).
                link=reverse("confidentiality:shared_detail", kwargs={"uuid": item.uuid}),
                key=f"secrecy.shared:{share.uuid}",
                municipality=item.municipality,
                # C6: no notice to an excluded member; none to the clerk who shared it either.
                exclude=[actor.pk, *excluded.values_list("member_id", flat=True)],
            )
            audit_record(
                action="secrecy.share",
                actor=actor,
                obj=item,
                details={"body": str(body.uuid), "share": str(share.uuid)},
            )
    return share


def item_lift(
    *, actor: User, item: SecrecyItem, body: Body, date: datetime.date, reference: str
) -> Lifting:
    """C5, Gemeentewet art. 89: record the decision lifting secrecy — by the competent body, or
    by the raad for information given to it. From then on the item is no longer secret; the
    register keeps it with status 'lifted'."""
    _require_manager(actor, action="secrecy.lift", obj=item)
    with (
        refusal_audited(
            actor=actor, action="secrecy.lift", municipality=item.municipality, obj=item, rule="C5"
        ),
        transaction.atomic(),
    ):
        item = _locked(item)
        if not item.is_secret:
            raise ValidationError(
                _("De geheimhouding van dit stuk is al opgeheven of verlopen (C5)."),
                code="not_secret",
            )
        lifting = Lifting(item=item, body=body, date=date, reference=reference, recorded_by=actor)
        lifting.full_clean()
        lifting.save()
        item.status = SecrecyStatus.LIFTED
        item.save(update_fields=["status", "updated_at"])
        # C5: the bodies that received it hear that it is no longer secret (no content, X2).
        for share in item.shares.select_related("body"):
            notify_body(
                body=share.body,
                kind="secrecy.lifted",
                title=gettext_noop("De geheimhouding van een stuk voor %(body)s is opgeheven"),
                params={"body": share.body.name},
                link=reverse("portal:notification_list"),
                key=f"secrecy.lifted:{lifting.uuid}:{share.body.uuid}",
                municipality=item.municipality,
            )
        audit_record(
            action="secrecy.lift",
            actor=actor,
            obj=item,
            details={"body": str(body.uuid), "date": date, "reference": reference},
        )
    return lifting


def member_exclude(
    *,
    actor: User,
    member: User,
    raad: Body,
    decision_date: datetime.date,
    reference: str,
    start: datetime.date,
    end: datetime.date,
) -> Exclusion:
    """C6 *(check the article)*: the raad's decision that a member of the raad or a commissie
    who breached secrecy receives no secret information from ``start`` to ``end``, at most three
    months. Access returns by itself after ``end`` (the selectors read the dates)."""
    _require_manager(actor, action="secrecy.exclude")
    with (
        refusal_audited(
            actor=actor,
            action="secrecy.exclude",
            municipality=actor.municipality,
            obj=member,
            rule="C6",
        ),
        transaction.atomic(),
    ):
        seated = (
            Membership.objects.current(start)
            .filter(
                user=member,
                body__municipality_id=actor.municipality_id,
                body__kind__in=EXCLUDABLE_MEMBER_BODY_KINDS,
            )
            .exists()
        )
        if not seated:
            raise ValidationError(
                _("Alleen een lid van de raad of van een commissie kan worden uitgesloten (C6)."),
                code="not_a_member",
            )
        exclusion = Exclusion(
            municipality=actor.municipality,
            member=member,
            raad=raad,
            decision_date=decision_date,
            reference=reference,
            start=start,
            end=end,
            recorded_by=actor,
        )
        exclusion.full_clean()
        exclusion.save()
        if start <= timezone.localdate():
            # Starting today (or back-dated): the member hears it now, not from tonight's job.
            exclusion_notify(exclusion, "started")
        audit_record(
            action="secrecy.exclude",
            actor=actor,
            obj=exclusion,
            details={
                "member": str(member.uuid),
                "start": start,
                "end": end,
                "reference": reference,
            },
        )
    return exclusion


EXCLUSION_TITLES = {
    "started": gettext_noop(
        "U ontvangt tot en met %(end)s geen geheime informatie (besluit van de raad %(ref)s)"
    ),
    "ended": gettext_noop("Uw uitsluiting van geheime informatie is afgelopen"),
}


def exclusion_notify(exclusion: Exclusion, moment: str) -> None:
    """C6: tell the member that the exclusion started or ended — once per moment (the key), so
    the service (an exclusion starting today) and the daily job can both call it."""
    action = f"secrecy.exclusion_{moment}"
    notify_users(
        users=[exclusion.member],
        kind=action,
        title=EXCLUSION_TITLES[moment],
        params={"end": exclusion.end.strftime("%d-%m-%Y"), "ref": exclusion.reference},
        link=reverse("portal:notification_list"),
        key=f"{action}:{exclusion.uuid}",
        municipality=exclusion.municipality,
    )


def review_record(
    *,
    actor: User,
    item: SecrecyItem,
    reviewed_on: datetime.date,
    next_review_date: datetime.date,
    note: str = "",
) -> Review:
    """C7: record that an active item was reviewed and when it is reviewed next. Ending secrecy
    is not a review outcome but a lifting decision (C5, :func:`item_lift`)."""
    _require_manager(actor, action="secrecy.review", obj=item)
    with (
        refusal_audited(
            actor=actor,
            action="secrecy.review",
            municipality=item.municipality,
            obj=item,
            rule="C7",
        ),
        transaction.atomic(),
    ):
        item = _locked(item)
        if not item.is_secret:
            raise ValidationError(
                _("Alleen een stuk dat nog geheim is wordt heroverwogen (C7)."),
                code="not_secret",
            )
        review = Review(
            item=item,
            reviewed_on=reviewed_on,
            next_review_date=next_review_date,
            note=note,
            reviewed_by=actor,
        )
        review.full_clean()
        review.save()
        item.review_date = next_review_date
        item.save(update_fields=["review_date", "updated_at"])
        audit_record(
            action="secrecy.review",
            actor=actor,
            obj=item,
            details={"reviewed_on": reviewed_on, "next_review_date": next_review_date},
        )
    return review


def _check_pdf(file) -> None:
    """R7-style upload checks: the type by content (PDF magic bytes, never the name or the
    browser's content type) and the size."""
    if file.size > max_upload_bytes():
        raise ValidationError(
            _("Het bestand is groter dan %(max)s MB."),
            code="too_large",
            params={"max": max_upload_bytes() // (1024 * 1024)},
        )
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            _("Alleen PDF-bestanden worden aanvaard; dit bestand is geen PDF."), code="not_pdf"
        )
    if hidden_content(file) or _data_after_end(file):
        raise ValidationError(
            _(
                "Dit bestand is niet alleen een PDF: het bevat ook een webpagina of een "
                "ZIP-archief, of er staat iets achter het einde van de PDF. Sla het op als gewoon "
                "PDF-document, bijvoorbeeld met 'Afdrukken naar PDF', en upload het opnieuw."
            ),
            code="polyglot",
        )
    _check_readable(file)


def _data_after_end(file) -> bool:
    """D1: bytes after the last ``%%EOF`` other than line ends and padding: something was
    appended to the PDF (a web page, an archive). Without any ``%%EOF`` the readability check
    has its say."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    end = data.rfind(b"%%EOF")
    return end >= 0 and bool(data[end + 5 :].strip(b"\r\n\t\x0c \x00"))


def _check_readable(file) -> None:
    """C8: every version must be readable for the viewer and stampable per recipient, so a
    damaged or password-protected PDF is refused at the door, not at a member's download."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(file)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except Exception:  # pypdf raises many kinds of errors on damaged input
        encrypted, pages = False, 0
    finally:
        file.seek(0)
    if encrypted:
        raise ValidationError(
            _(
                "Dit PDF-bestand is met een wachtwoord beveiligd; het portaal kan er geen "
                "persoonlijk watermerk op zetten (C8). Upload het zonder beveiliging."
            ),
            code="encrypted",
        )
    if not pages:
        raise ValidationError(
            _("Dit PDF-bestand is beschadigd of heeft geen pagina's; het kan niet worden gelezen."),
            code="unreadable",
        )
    if _has_active_content(file, reader):
        raise ValidationError(
            _(
                "Dit PDF-bestand bevat actieve inhoud (JavaScript, startopdrachten of "
                "ingesloten bestanden). Sla het op als gewoon PDF-document, bijvoorbeeld met "
                "'Afdrukken naar PDF', en upload het opnieuw."
            ),
            code="active_content",
        )


# D1: PDF features that run or carry something (names may be written with #xx escapes).
_ACTIVE_NAMES = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")


def _has_active_content(file, reader) -> bool:
    """Actions and embedded content, in the raw bytes and in the (possibly compressed)
    document catalogue as pypdf reads it."""
    file.seek(0)
    raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), file.read())
    file.seek(0)
    if any(re.search(re.escape(name) + rb"(?![A-Za-z])", raw) for name in _ACTIVE_NAMES):
        return True
    try:
        root = reader.trailer["/Root"]
        names = root.get("/Names") or {}
        form = root.get("/AcroForm") or {}
        if "/XFA" in form:
            return True
        return "/JavaScript" in names or "/EmbeddedFiles" in names
    except Exception:  # an odd catalogue: the raw scan above has had its say
        return False


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
    _require_manager(actor, action="secrecy.document_upload", obj=item)
    stored = None
    with refusal_audited(
        actor=actor,
        action="secrecy.document_upload",
        municipality=item.municipality,
        obj=item,
        rule="R7",
    ):
        _check_pdf(file)
        try:
            with transaction.atomic():
                item = _locked(item)
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
    _require_manager(actor, action="secrecy.passage_add", obj=item)
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
