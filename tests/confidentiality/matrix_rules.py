"""Permission-matrix rules for the secrecy register (A1). The griffie reads the register of its
own municipality; council members read what was shared with their bodies (C4); an item outside
one's scope is a 404 (T1); every write of a council member is refused before the view (X4)."""

from tests.permission_matrix import ALLOW, DENY, LOGIN, NO_METHOD, NOT_FOUND, Rule

SIGNED_OUT = {"anonymous": LOGIN, "inactive": LOGIN}
GET_ONLY = {"GET": ALLOW, "POST": NO_METHOD}
REFUSED = {"GET": DENY, "POST": NO_METHOD}  # no permission: 403 for the page, 405 for a POST
COUNCIL_WRITE = {"POST": DENY}  # X4: ReadOnlyMiddleware refuses before the view


def _shared_item(ctx, entry):
    """An item of municipality A imposed by its college and shared with its raad."""
    from tests.confidentiality.factories import SecrecyItemFactory, ShareFactory

    if not hasattr(ctx, "a_secrecy_item"):
        a = ctx.world.a
        ctx.a_secrecy_item = SecrecyItemFactory(imposing_body=a.college)
        ShareFactory(item=ctx.a_secrecy_item, body=a.raad)
    return {"uuid": ctx.a_secrecy_item.uuid}


RULES = [
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
    Rule(
        "confidentiality:register_detail",
        kwargs=_shared_item,
        expect={
            **SIGNED_OUT,
            "clerk": GET_ONLY,
            "other_domain_clerk": GET_ONLY,
            "other_municipality_clerk": {"GET": NOT_FOUND, "POST": NO_METHOD},
            "superuser": {"GET": NOT_FOUND, "POST": NO_METHOD},
            "council_member": {"GET": DENY, **COUNCIL_WRITE},
        },
        default=REFUSED,
    ),
    Rule(
        "confidentiality:register_history",
        kwargs=_shared_item,
        expect={
            **SIGNED_OUT,
            "clerk": GET_ONLY,
            "other_domain_clerk": GET_ONLY,
            "other_municipality_clerk": {"GET": NOT_FOUND, "POST": NO_METHOD},
            "superuser": {"GET": NOT_FOUND, "POST": NO_METHOD},
            "council_member": {"GET": DENY, **COUNCIL_WRITE},
        },
        default=REFUSED,
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
