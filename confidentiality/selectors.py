"""Reads of the secrecy register, always scoped to the user (T1) in one query."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, JSONObject, TruncDate
from django.http import Http404
from django.utils import timezone

from portal.models import AuditEvent, Body, Membership, Municipality, User
from portal.queries import DayMonthYear, Rows, with_list_element
from portal.selectors import get_in_scope_or_404, person_label, scope_to_municipality

from .conf import public_register_enabled
from .constants import (
    EXCLUDABLE_MEMBER_BODY_KINDS,
    IMPOSING_BODY_KINDS,
    SHARE_BODY_KINDS,
    SecrecyStatus,
)
from .models import Document, DocumentVersion, Exclusion, Passage, Review, SecrecyItem, Share


def exclusions_in_force(on=None) -> QuerySet:
    """C6: exclusions covering ``on`` (both days inclusive)."""
    on = on or timezone.localdate()
    return Exclusion.objects.filter(start__lte=on, end__gte=on)


def items_visible_to(user, *, on=None) -> QuerySet:
    """The secret items ``user`` may see on ``on`` (default today), in one query.

    - The register (``view_register``, the griffie): every item of the user's municipality,
      whatever its status — the register shows lifted and expired items too (C5, C7).
    - A council member (``view_shared_secrets``): items *still secret* that were shared with a
      body the user is a *current* member of (C4, T4: access starts and ends with the seat),
      and nothing at all while an exclusion is in force (C6 — not even a count). A lifted or
      expired item is no longer secret (C5) and leaves this list: from then on it is public
      information (the public register, C9), no longer subject to watermarks or exclusion.
    - Anyone else, and every other municipality: nothing (T1).
    """
    if not user.is_authenticated or user.municipality_id is None:
        return SecrecyItem.objects.none()
    on = on or timezone.localdate()
    items = SecrecyItem.objects.filter(municipality_id=user.municipality_id).select_related(
        "imposing_body", "lifting_body"
    )
    if user.has_perm("confidentiality.view_register"):
        return items
    if not user.has_perm("confidentiality.view_shared_secrets"):
        return SecrecyItem.objects.none()
    seats = Membership.objects.current(on).filter(user_id=user.pk)
    shared_with_own_body = Share.objects.filter(
        item_id=OuterRef("pk"), body_id__in=seats.values("body_id")
    )
    excluded = exclusions_in_force(on).filter(member_id=user.pk)
    return items.secret(on).filter(Exists(shared_with_own_body), ~Exists(excluded))


def item_get(user, uuid, *, on=None) -> SecrecyItem:
    """One item in the user's scope, or a 404 (audited by get_in_scope_or_404)."""
    return get_in_scope_or_404(items_visible_to(user, on=on), user, uuid=uuid)


def member_is_excluded(user, *, on=None) -> bool:
    return exclusions_in_force(on).filter(member_id=user.pk).exists()


def register_items(user, *, status="", body_uuid="", due=False, ground="", on=None) -> QuerySet:
    """The clerk's register (C5, C7) filtered by status, imposing body, ground (C1) and due for
    review, in one query. Only for those who keep the register; anyone else gets nothing."""
    if not user.has_perm("confidentiality.view_register"):
        return SecrecyItem.objects.none()
    on = on or timezone.localdate()
    items = items_visible_to(user, on=on)
    if status in SecrecyStatus.values:
        items = items.filter(status=status)
    if body_uuid:
        items = items.filter(imposing_body__uuid=body_uuid)
    if due:
        items = items.due_for_review(on)  # type: ignore[attr-defined]
    if ground:
        items = with_list_element(items, "grounds", ground)
    return items


def register_bodies(user) -> QuerySet:
    """The bodies of the user's municipality that can impose secrecy (C2): the body filter."""
    return scope_to_municipality(Body.objects.filter(kind__in=IMPOSING_BODY_KINDS), user).order_by(
        "name"
    )


def register_item_get(user, uuid) -> SecrecyItem:
    """One item of the register with everything its detail page shows, or a 404 (audited).
    Shares and reviews come along as rows of the item's own query (B1: the page stays within
    its query budget however many there are)."""
    if not user.has_perm("confidentiality.view_register"):
        items = SecrecyItem.objects.none()
    else:
        items = items_visible_to(user).select_related(  # type: ignore[assignment]
            "closed_session__body", "registered_by", "lifting__body", "lifting__recorded_by"
        )
        items = items.annotate(
            share_rows=Rows(
                Share.objects.filter(item_id=OuterRef("pk"))
                .order_by("body__name")
                .values(row=JSONObject(body="body__name", by=person_label("shared_by")))
            ),
            review_rows=Rows(
                Review.objects.filter(item_id=OuterRef("pk"))
                .order_by("-reviewed_on")
                .values(
                    row=JSONObject(
                        on=_day("reviewed_on"),
                        next=_day("next_review_date"),
                        note="note",
                        by=person_label("reviewed_by"),
                    )
                )
            ),
        )
    return get_in_scope_or_404(_with_documents(items), user, uuid=uuid)


def _day(field):
    """A date as the pages show it (dd-mm-jjjj), computed in the query."""
    return DayMonthYear(F(field) if isinstance(field, str) else field)


def shared_item_get(user, uuid) -> SecrecyItem:
    """C4–C6: one item shared with a body the member sits in, or a 404 (audited) — also for
    an excluded member, who must not learn that the item exists."""
    return get_in_scope_or_404(_with_documents(shared_items(user)), user, uuid=uuid)


def shared_items(user) -> QuerySet:
    """The council members' list: what was shared with their bodies (items_visible_to)."""
    if not user.has_perm("confidentiality.view_shared_secrets"):
        return SecrecyItem.objects.none()
    return items_visible_to(user)


def shared_list(user) -> QuerySet:
    """The council members' list page: shared_items with only the columns the page shows
    (B3: rows a third as wide, as a hand-written query would select them)."""
    return shared_items(user).only(
        "uuid", "subject", "origin", "imposing_body__name", "lifting_body__name"
    )


def _with_documents(items: QuerySet) -> QuerySet:
    """C10: the documents with their versions (newest first) and secret passages, as rows of
    one query whatever their number (B1)."""
    versions = Rows(
        DocumentVersion.objects.filter(document_id=OuterRef("pk"))
        .order_by("-number")
        .values(
            row=JSONObject(
                uuid="uuid",
                number="number",
                is_public="is_public",
                size="size",
                uploaded=_day(TruncDate("created_at")),
            )
        )
    )
    passages = Rows(
        Passage.objects.filter(document_id=OuterRef("pk"))
        .order_by("location")
        .values(row=JSONObject(location="location", grounds="grounds"))
    )
    return items.prefetch_related(
        Prefetch(
            "documents",
            queryset=Document.objects.annotate(version_rows=versions, passage_rows=passages),
        )
    )


def item_history(item: SecrecyItem) -> QuerySet:
    """X1: the audit trail of this item, newest first (its writes and who opened it)."""
    return AuditEvent.objects.filter(
        municipality_id=item.municipality_id,
        object_type=SecrecyItem._meta.label_lower,
        object_id=str(item.uuid),
    ).order_by("-seq")


# --- choices for the griffie's forms (T1: the own municipality only) ----------------------


def bodies_of_kinds(user, kinds) -> QuerySet:
    """The bodies of the user's municipality of the given kinds, by name (form choices)."""
    return scope_to_municipality(Body.objects.filter(kind__in=list(kinds)), user).order_by("name")


def share_body_choices(user, item: SecrecyItem) -> QuerySet:
    """C4: the bodies an item can go to (raad, college, commissies, rekenkamer) that do not
    have it yet, each with its number of current members (T4), in one query."""
    current = Membership.objects.current().filter(body=OuterRef("pk"))
    return (
        bodies_of_kinds(user, SHARE_BODY_KINDS)
        .exclude(pk__in=Share.objects.filter(item=item).values("body_id"))
        .annotate(
            current_members=Coalesce(
                Subquery(current.order_by().values("body").annotate(n=Count("pk")).values("n")[:1]),
                0,
            )
        )
    )


def council_people(user, on=None) -> QuerySet:
    """People with a current seat in the raad or a commissie of the user's municipality: the
    members an exclusion can name (C6), and the persons a share refuses (C4)."""
    if user.municipality_id is None:
        return User.objects.none()
    seats = Membership.objects.current(on).filter(
        body__municipality_id=user.municipality_id,
        body__kind__in=EXCLUDABLE_MEMBER_BODY_KINDS,
    )
    return User.objects.filter(pk__in=seats.values("user_id")).order_by("last_name", "email")


def managed_item_get(user, uuid) -> SecrecyItem:
    """An item of the register for a write page (griffie only), or a 404 (audited)."""
    items = (
        items_visible_to(user)
        if user.has_perm("confidentiality.manage_register")
        else SecrecyItem.objects.none()
    )
    return get_in_scope_or_404(items.select_related("municipality"), user, uuid=uuid)


def item_documents(item: SecrecyItem) -> QuerySet:
    return Document.objects.filter(item=item).order_by("title")


def shared_version_get(user, item: SecrecyItem, uuid) -> DocumentVersion:
    """C8: one version of a document of an item already in the user's scope, or a 404."""
    return get_in_scope_or_404(
        DocumentVersion.objects.filter(document__item_id=item.pk).select_related("document"),
        user,
        uuid=uuid,
    )


# --- C9: the public register (metadata only, no user) -----------------------------------


def public_municipality_get(slug):
    """The municipality whose public register is asked for, if it publishes one; else a 404."""
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None or not public_register_enabled(slug):
        raise Http404
    return municipality


def public_register_rows(municipality) -> QuerySet:
    """C9: per item only what may be public — the public subject (never the internal one),
    date, imposing body, grounds, addressees, review date, status — as plain values in one
    query. No motivation, no reference, no documents, no people."""
    addressees = Rows(
        Share.objects.filter(item_id=OuterRef("pk"))
        .order_by("body__name")
        .values(row=F("body__name"))
    )
    return (
        SecrecyItem.objects.filter(municipality=municipality)
        .annotate(
            date=Coalesce("decision_date", "closed_session__date"),
            imposed_by=Coalesce("imposing_body__name", "closed_session__body__name"),
            addressees=addressees,
        )
        .order_by("-date", "public_subject")
        .values(
            "uuid",
            "origin",
            "date",
            "imposed_by",
            "grounds",
            "addressees",
            "review_date",
            "expires_on",
            "status",
            "public_subject",  # C9: never the internal subject
        )
    )


def exclusions_for(user) -> QuerySet:
    """C6: the exclusions of the user's municipality, newest first, for the griffie."""
    if not user.has_perm("confidentiality.view_register"):
        return Exclusion.objects.none()
    return scope_to_municipality(Exclusion.objects.select_related("member", "raad"), user).order_by(
        "-start", "-created_at"
    )
