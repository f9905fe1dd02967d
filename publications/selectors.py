"""Reads of Woo publication, always scoped: the griffie's to its own municipality (T1), the
public ones to what is published, visible and not secret (C11) — each in one query."""

from __future__ import annotations

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from portal.models import Body, Municipality
from portal.selectors import get_in_scope_or_404, scope_to_municipality

from . import sources
from .constants import PublicationStatus, TaskStatus
from .models import DocumentAction, Publication, PublishedDocument, ReleaseTask, WooRequest


class Gone(Exception):
    """C11: the publication was withdrawn; its pages and documents answer 410 Gone."""

    def __init__(self, publication: Publication):
        super().__init__(str(publication.uuid))
        self.publication = publication


# --- the griffie ---------------------------------------------------------------------------


def _may_manage(user) -> bool:
    return user.has_perm("publications.manage_publications")


def publications_for(user) -> QuerySet:
    """Every publication of the user's municipality, concept and withdrawn included, for the
    griffie; nothing for anyone else."""
    if not _may_manage(user):
        return Publication.objects.none()
    return (
        scope_to_municipality(Publication.objects.all(), user)
        .annotate(document_count=Count("documents"))
        .order_by(F("published_at").desc(nulls_first=True), "-created_at", "-pk")
    )


def open_tasks_for(user) -> QuerySet:
    """C11: the tasks "publiceren?" still waiting for the griffie's decision, oldest first."""
    if not _may_manage(user):
        return ReleaseTask.objects.none()
    return (
        scope_to_municipality(ReleaseTask.objects.filter(status=TaskStatus.OPEN), user)
        .select_related("item", "publication")
        .order_by("created_at")
    )


def publication_get(user, uuid) -> Publication:
    """One publication of the griffie's municipality with its documents, actions and task, or a
    404 (audited)."""
    qs = (
        publications_for(user)
        .select_related("task", "source_item")
        .prefetch_related(
            Prefetch("documents", queryset=PublishedDocument.objects.order_by("title")),
            Prefetch("actions", queryset=DocumentAction.objects.order_by("at")),
        )
    )
    return get_in_scope_or_404(qs, user, uuid=uuid)


def task_get(user, uuid) -> ReleaseTask:
    qs = (
        scope_to_municipality(ReleaseTask.objects.all(), user)
        if _may_manage(user)
        else ReleaseTask.objects.none()
    )
    return get_in_scope_or_404(qs.select_related("item", "publication"), user, uuid=uuid)


def woo_requests_for(user, *, open_only: bool = False) -> QuerySet:
    """C12: the Woo requests for secret items of the user's municipality, soonest deadline
    first."""
    if not _may_manage(user):
        return WooRequest.objects.none()
    qs = scope_to_municipality(
        WooRequest.objects.select_related("item", "deciding_body"), user
    ).order_by("status", "deadline", "-created_at")
    return qs.open() if open_only else qs  # type: ignore[attr-defined]


def woo_request_get(user, uuid) -> WooRequest:
    qs = woo_requests_for(user).select_related("item__lifting_body", "registered_by")
    return get_in_scope_or_404(qs, user, uuid=uuid)


def deciding_bodies(user) -> QuerySet:
    """The bodies that can decide on secrecy (Gemeentewet art. 87, 89), for the decision form."""
    from portal.constants import BodyKind

    kinds = [BodyKind.RAAD, BodyKind.COLLEGE, BodyKind.BURGEMEESTER, BodyKind.COMMISSIE]
    return scope_to_municipality(Body.objects.filter(kind__in=kinds), user).order_by("name")


# --- the public: published, visible, not secret --------------------------------------------


def public_municipality_get(slug: str) -> Municipality:
    municipality = Municipality.objects.filter(slug=slug, is_active=True).first()
    if municipality is None:
        raise Http404
    return municipality


def public_publications(municipality, *, now=None) -> QuerySet:
    """C11: what anyone may see of a municipality — published, past its visible-from moment,
    and never anything whose item of the register is still secret."""
    now = now or timezone.now()
    return (
        Publication.objects.filter(municipality=municipality)
        .visible(now)
        .filter(sources.still_secret_q())
    )


def public_list(municipality, *, query: str = "", category: str = "") -> QuerySet:
    """The public list with search by title and Woo category, newest first, with the number of
    documents, in one query."""
    qs = public_publications(municipality)
    if query:
        qs = qs.filter(Q(official_title__icontains=query) | Q(short_title__icontains=query))
    if category:
        qs = qs.filter(information_category=category)
    return qs.annotate(document_count=Count("documents")).order_by("-published_at", "-pk")


def public_detail(municipality, uuid) -> Publication:
    """One publication for anyone: withdrawn → :class:`Gone` (410); concept, not yet visible,
    secret or unknown → 404."""
    publication = (
        public_publications(municipality)
        .prefetch_related(
            Prefetch("documents", queryset=PublishedDocument.objects.order_by("title")),
            Prefetch("actions", queryset=DocumentAction.objects.order_by("at")),
        )
        .filter(uuid=uuid)
        .first()
    )
    if publication is not None:
        return publication
    withdrawn = Publication.objects.filter(
        municipality=municipality, uuid=uuid, status=PublicationStatus.WITHDRAWN
    ).first()
    if withdrawn is not None:
        raise Gone(withdrawn)
    raise Http404


def public_document(municipality, uuid, document_uuid) -> PublishedDocument:
    publication = public_detail(municipality, uuid)
    for document in publication.documents.all():
        if str(document.uuid) == str(document_uuid) and not document.withdrawn:
            return document
    raise Http404


# --- harvesting: the sitemaps ------------------------------------------------------------


def sitemap_documents(municipality) -> QuerySet:
    """C11: one sitemap entry per published document, oldest first so that the pages stay
    stable as new ones are added (a new document lands on the last page)."""
    return (
        PublishedDocument.objects.filter(
            publication__in=public_publications(municipality), withdrawn=False
        )
        .select_related("publication")
        .prefetch_related(
            Prefetch("publication__actions", queryset=DocumentAction.objects.order_by("at"))
        )
        .order_by("publication__published_at", "pk")
    )


def sitemap_last_change(municipality):
    """When anything in the municipality's sitemaps last changed: a withdrawal too (it leaves
    them), so this reads every publication, not only the visible ones."""
    return (
        Publication.objects.filter(municipality=municipality)
        .exclude(status=PublicationStatus.CONCEPT)
        .aggregate(last=Max("updated_at"))["last"]
    )


def municipalities_with_sitemaps() -> QuerySet:
    """Every active municipality with a publication anyone can see (for /robots.txt)."""
    visible = public_publications_any()
    return Municipality.objects.filter(
        is_active=True, pk__in=visible.values("municipality_id")
    ).order_by("slug")


def public_publications_any(*, now=None) -> QuerySet:
    now = now or timezone.now()
    return Publication.objects.visible(now).filter(sources.still_secret_q())


def sitemap_index_paths() -> list[str]:
    """For /robots.txt (portal.registry): the sitemap index of every municipality that has a
    publication anyone can see."""
    from django.urls import reverse

    return [
        reverse("publications:sitemap_index", kwargs={"slug": slug})
        for slug in municipalities_with_sitemaps().values_list("slug", flat=True)
    ]
