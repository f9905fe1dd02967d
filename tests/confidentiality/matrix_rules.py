"""Permission-matrix rules for the secrecy register (A1). The griffie reads the register of its
own municipality and keeps it (writes); council members read what was shared with their bodies
(C4); an item outside one's scope is a 404 (T1); every write of a council member is refused
before the view (X4); trace codes only for authorised investigators (C8); the public register
is open to everyone, anonymous included, with metadata only (C9)."""

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
COUNCIL_WRITE = {"POST": DENY}  # X4: ReadOnlyMiddleware refuses before the view
BOTH = {"GET": ALLOW, "POST": ALLOW}  # a form page; an empty POST comes back with errors (400)
NONE = {"GET": DENY, "POST": DENY}  # may not keep the register: 403 for page and POST


def _shared_item(ctx, entry):
    """An item of municipality A imposed by its college and shared with its raad."""
    from tests.confidentiality.factories import SecrecyItemFactory, ShareFactory

    if not hasattr(ctx, "a_secrecy_item"):
        a = ctx.world.a
        ctx.a_secrecy_item = SecrecyItemFactory(imposing_body=a.college)
        ShareFactory(item=ctx.a_secrecy_item, body=a.raad)
    return {"uuid": ctx.a_secrecy_item.uuid}


def _shared_version(ctx, entry):
    """The shared item with one document version (a PDF on the private storage)."""
    from confidentiality.demo import minimal_pdf
    from tests.confidentiality.factories import DocumentVersionFactory

    kwargs = _shared_item(ctx, entry)
    if not hasattr(ctx, "a_secrecy_version"):
        ctx.a_secrecy_version = DocumentVersionFactory(
            document__item=ctx.a_secrecy_item, content=minimal_pdf(["Matrix"])
        )
    return {**kwargs, "version": ctx.a_secrecy_version.uuid}


def _slug(ctx, entry):
    return {"slug": ctx.world.a.municipality.slug}


# The griffie's write pages: every clerk of a municipality on its own register; nobody else.
MANAGE = {
    **SIGNED_OUT,
    "clerk": BOTH,
    "other_domain_clerk": BOTH,
    "other_municipality_clerk": BOTH,  # their own municipality's register
}
# ... and on one item of municipality A: the other municipality's clerk does not find it.
MANAGE_ITEM = {**MANAGE, "other_municipality_clerk": {"GET": NOT_FOUND, "POST": NOT_FOUND}}
PUBLIC = {"GET": ALLOW, "POST": NO_METHOD}


RULES = [
    Rule("confidentiality:item_register", expect=MANAGE, default=NONE),
    Rule("confidentiality:closed_session_register", expect=MANAGE, default=NONE),
    Rule("confidentiality:exclusion_add", expect=MANAGE, default=NONE),
    Rule("confidentiality:item_share", kwargs=_shared_item, expect=MANAGE_ITEM, default=NONE),
    Rule("confidentiality:item_lift", kwargs=_shared_item, expect=MANAGE_ITEM, default=NONE),
    Rule("confidentiality:item_review", kwargs=_shared_item, expect=MANAGE_ITEM, default=NONE),
    Rule("confidentiality:document_upload", kwargs=_shared_item, expect=MANAGE_ITEM, default=NONE),
    Rule("confidentiality:passage_add", kwargs=_shared_item, expect=MANAGE_ITEM, default=NONE),
    Rule(
        "confidentiality:trace_lookup",
        expect={
            **SIGNED_OUT,
            "clerk": GET_ONLY,
            "other_domain_clerk": GET_ONLY,
            "other_municipality_clerk": GET_ONLY,  # resolves only its own municipality's codes
            "superuser": GET_ONLY,  # no municipality: no code resolves
            "council_member": {"GET": DENY, **COUNCIL_WRITE},
        },
        default=REFUSED,
    ),
    # The register's own lists and exports: every clerk on its own municipality's register.
    *(
        Rule(
            f"confidentiality:{name}",
            expect={
                **SIGNED_OUT,
                "clerk": GET_ONLY,
                "other_municipality_clerk": GET_ONLY,  # their own municipality's
                "other_domain_clerk": GET_ONLY,
                "superuser": GET_ONLY,  # no municipality: empty
                "council_member": {"GET": DENY, **COUNCIL_WRITE},
            },
            default=REFUSED,
        )
        for name in ("register_csv", "exclusion_list")
    ),
    *(
        Rule(
            f"confidentiality:{name}",
            kwargs=_shared_version,
            expect={
                **SIGNED_OUT,
                "council_member": {"GET": ALLOW, **COUNCIL_WRITE},
                "superuser": {"GET": NOT_FOUND, "POST": NO_METHOD},
            },
            default=REFUSED,
        )
        for name in ("shared_document", "shared_download")
    ),
    # C9: open to everyone (login_not_required), GET only; X4 still refuses a council
    # member's POST before the view.
    Rule(
        "confidentiality:public_*",
        kwargs=_slug,
        expect={"council_member": {"GET": ALLOW, **COUNCIL_WRITE}},
        default=PUBLIC,
    ),
    Rule(
        "confidentiality:register_list",
        expect={
            **SIGNED_OUT,
            "clerk": GET_ONLY,
            "other_municipality_clerk": GET_ONLY,  # their own municipality's register
            "other_domain_clerk": GET_ONLY,
            "superuser": GET_ONLY,  # no municipality: an empty register
            "council_member": {"GET": DENY, **COUNCIL_WRITE},
        },
        default=REFUSED,
    ),
    # The register's item pages and its documents: the clerks of the item's municipality.
    *(
        Rule(
            f"confidentiality:{name}",
            kwargs=kwargs,
            expect={
                **SIGNED_OUT,
                "clerk": GET_ONLY,
                "other_domain_clerk": GET_ONLY,
                "other_municipality_clerk": {"GET": NOT_FOUND, "POST": NO_METHOD},
                "superuser": {"GET": NOT_FOUND, "POST": NO_METHOD},
                "council_member": {"GET": DENY, **COUNCIL_WRITE},
            },
            default=REFUSED,
        )
        for name, kwargs in (
            ("register_detail", _shared_item),
            ("register_download", _shared_version),
            ("register_history", _shared_item),
        )
    ),
    Rule(
        "confidentiality:shared_list",
        expect={
            **SIGNED_OUT,
            "council_member": {"GET": ALLOW, **COUNCIL_WRITE},
            "superuser": GET_ONLY,  # holds every permission but sits in no body: empty
        },
        default=REFUSED,
    ),
    Rule(
        "confidentiality:shared_detail",
        kwargs=_shared_item,
        expect={
            **SIGNED_OUT,
            "council_member": {"GET": ALLOW, **COUNCIL_WRITE},
            "superuser": {"GET": NOT_FOUND, "POST": NO_METHOD},
        },
        default=REFUSED,
    ),
]

# T1, issue 14 finding 12: one of Alfa's objects is a 404 for everyone outside Alfa.
RULES = out_of_scope_is_404(
    RULES,
    "confidentiality:item_share",
    "confidentiality:item_lift",
    "confidentiality:item_review",
    "confidentiality:document_upload",
    "confidentiality:passage_add",
    "confidentiality:register_detail",
    "confidentiality:register_download",
    "confidentiality:register_history",
    "confidentiality:shared_detail",
    "confidentiality:shared_document",
    "confidentiality:shared_download",
)
