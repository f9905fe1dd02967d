"""Permission-matrix rules for Woo publication (A1). The griffie of a municipality decides on
publication and keeps the Woo requests of its own register (C11, C12); an object of another
municipality is a 404 (T1); every write of a council member is refused before the view (X4);
the public pages, sitemaps, API and /robots.txt are open to everyone, GET only (C11)."""

from tests.permission_matrix import (
    ALLOW,
    DENY,
    LOGIN,
    NO_METHOD,
    NOT_FOUND,
    Rule,
    out_of_scope_is_404,
)

SIGNED_OUT = {"anonymous": LOGIN, "inactive": LOGIN}
GET_ONLY = {"GET": ALLOW, "POST": NO_METHOD}
REFUSED = {"GET": DENY, "POST": NO_METHOD}  # no permission: 403 for the page, 405 for a POST
COUNCIL = {"GET": DENY, "POST": DENY}  # X4 refuses the POST before the view
BOTH = {"GET": ALLOW, "POST": ALLOW}  # a form page; an empty or refused POST comes back (400)
NONE = {"GET": DENY, "POST": DENY}
PUBLIC = {"GET": ALLOW, "POST": NO_METHOD}


def _publication(ctx):
    """A published publication of municipality A (CBS code set) with one clean copy, made from
    a lifted item of its college, with its (open) task."""
    if not hasattr(ctx, "a_publication"):
        from django.core.files.base import ContentFile

        from confidentiality.demo import minimal_pdf
        from publications.models import PublishedDocument, ReleaseTask
        from tests.publications.factories import LiftedItemFactory, PublicationFactory

        municipality = ctx.world.a.municipality
        municipality.cbs_code = "GM0363"
        municipality.save(update_fields=["cbs_code"])
        item = LiftedItemFactory(imposing_body=ctx.world.a.college)
        ctx.a_publication = PublicationFactory(source_item=item, published=True)
        content = minimal_pdf(["Matrix"])
        ctx.a_published_document = PublishedDocument.objects.create(
            publication=ctx.a_publication,
            title="Matrix",
            file=ContentFile(content, name="copy.pdf"),
            size=len(content),
            sha256="0" * 64,
            source_version="00000000-0000-0000-0000-000000000000",
        )
        ctx.a_release_task = ReleaseTask.objects.create(
            municipality=municipality, item=item, cause="lifted", publication=ctx.a_publication
        )
    return ctx.a_publication


def _publication_kwargs(ctx, entry):
    publication = _publication(ctx)
    kwargs = {"uuid": publication.uuid}
    if "document" in entry.kwarg_names:
        kwargs["document"] = ctx.a_published_document.uuid
    if "slug" in entry.kwarg_names:
        kwargs["slug"] = ctx.world.a.municipality.slug
    return kwargs


def _task_kwargs(ctx, entry):
    _publication(ctx)
    return {"uuid": ctx.a_release_task.uuid}


def _secret_item(ctx):
    if not hasattr(ctx, "a_woo_item"):
        from tests.confidentiality.factories import SecrecyItemFactory, ShareFactory

        ctx.a_woo_item = SecrecyItemFactory(imposing_body=ctx.world.a.college)
        ShareFactory(item=ctx.a_woo_item, body=ctx.world.a.raad)
    return ctx.a_woo_item


def _item_kwargs(ctx, entry):
    return {"item": _secret_item(ctx).uuid}


def _request_kwargs(ctx, entry):
    if not hasattr(ctx, "a_woo_request"):
        from tests.publications.factories import WooRequestFactory

        ctx.a_woo_request = WooRequestFactory(item=_secret_item(ctx))
    return {"uuid": ctx.a_woo_request.uuid}


def _slug(ctx, entry):
    _publication(ctx)  # so that the sitemaps have a document
    kwargs = {"slug": ctx.world.a.municipality.slug}
    if "page" in entry.kwarg_names:
        kwargs["page"] = 1
    return kwargs


LISTS = {
    **SIGNED_OUT,
    "clerk": GET_ONLY,
    "other_domain_clerk": GET_ONLY,
    "other_municipality_clerk": GET_ONLY,  # their own municipality's
    "superuser": GET_ONLY,  # every permission, no municipality: empty
    "council_member": COUNCIL,
}
OBJECT = {
    **SIGNED_OUT,
    "clerk": GET_ONLY,
    "other_domain_clerk": GET_ONLY,
    "other_municipality_clerk": {"GET": NOT_FOUND, "POST": NO_METHOD},
    "superuser": {"GET": NOT_FOUND, "POST": NO_METHOD},
    "council_member": COUNCIL,
}
MANAGE_OBJECT = {
    **SIGNED_OUT,
    "clerk": BOTH,
    "other_domain_clerk": BOTH,
    "other_municipality_clerk": {"GET": NOT_FOUND, "POST": NOT_FOUND},
}

RULES = [
    *(
        Rule(f"publications:{name}", expect=LISTS, default=REFUSED)
        for name in ("manage_list", "request_list")
    ),
    *(
        Rule(f"publications:{name}", kwargs=_publication_kwargs, expect=OBJECT, default=REFUSED)
        for name in ("publication_detail", "publication_document")
    ),
    Rule("publications:request_detail", kwargs=_request_kwargs, expect=OBJECT, default=REFUSED),
    *(
        Rule(f"publications:{name}", kwargs=_publication_kwargs, expect=MANAGE_OBJECT, default=NONE)
        for name in ("publication_edit", "publication_publish", "publication_withdraw")
    ),
    Rule("publications:task_decline", kwargs=_task_kwargs, expect=MANAGE_OBJECT, default=NONE),
    Rule("publications:request_register", kwargs=_item_kwargs, expect=MANAGE_OBJECT, default=NONE),
    *(
        Rule(f"publications:{name}", kwargs=_request_kwargs, expect=MANAGE_OBJECT, default=NONE)
        for name in ("request_extend", "request_decide")
    ),
    # C11: open to everyone, GET only; X4 still refuses a council member's POST.
    *(
        Rule(
            f"publications:{name}",
            kwargs=kwargs,
            expect={"council_member": {"GET": ALLOW, "POST": DENY}},
            default=PUBLIC,
        )
        for name, kwargs in [
            ("public_list", _slug),
            ("sitemap_index", _slug),
            ("sitemap_page", _slug),
            ("public_detail", _publication_kwargs),
            ("public_download", _publication_kwargs),
            ("api_openapi", None),
            ("api_publications", _slug),
            ("api_publication", _publication_kwargs),
        ]
    ),
    Rule(
        "robots_txt",
        expect={"council_member": {"GET": ALLOW, "POST": DENY}},
        default=PUBLIC,
    ),
]

# T1, issue 14 finding 12: one of Alfa's objects is a 404 for everyone outside Alfa.
RULES = out_of_scope_is_404(
    RULES,
    "publications:publication_detail",
    "publications:publication_document",
    "publications:publication_edit",
    "publications:publication_publish",
    "publications:publication_withdraw",
    "publications:task_decline",
    "publications:request_register",
    "publications:request_detail",
    "publications:request_extend",
    "publications:request_decide",
)
