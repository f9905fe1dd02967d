"""Permission-matrix rules for the council information system (A1). The griffie of a
municipality runs the sync, links people and confirms closed sessions of its own RIS (T5, C3);
an object of another municipality is a 404 (T1); a council member's write is refused before the
view (X4)."""

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
CLERKS = ("clerk", "other_domain_clerk")


def _objects(ctx):
    """A connection, a person and a proposed closed agenda item of municipality A."""
    if not hasattr(ctx, "ris_person"):
        import datetime

        from ris.constants import ProposalStatus
        from ris.models import AgendaItem, Connection, Meeting, Person

        a = ctx.world.a
        Connection.objects.get_or_create(
            municipality=a.municipality, defaults={"base_url": "http://127.0.0.1:9/ori/"}
        )
        ctx.ris_person = Person.objects.create(
            municipality=a.municipality, ris_id="np-matrix", name="A. de Vries", function="raadslid"
        )
        meeting = Meeting.objects.create(
            municipality=a.municipality,
            body=a.raad,
            ris_id="vg-matrix",
            name="Raadsvergadering",
            date=datetime.date(2026, 11, 12),
        )
        ctx.ris_item = AgendaItem.objects.create(
            meeting=meeting,
            ris_id="ap-matrix",
            label="3",
            title="Grondaankoop",
            closed=True,
            proposal=ProposalStatus.PROPOSED,
        )
    return ctx


def _person(ctx, entry):
    return {"uuid": _objects(ctx).ris_person.uuid}


def _item(ctx, entry):
    return {"uuid": _objects(ctx).ris_item.uuid}


def _connected_path(ctx, entry):
    from django.urls import reverse

    _objects(ctx)  # the URL takes no object, but the sync needs a connection to exist
    return reverse(entry.name)


OVERVIEW = {
    **SIGNED_OUT,
    **{c: {"GET": ALLOW, "POST": NO_METHOD} for c in CLERKS},
    "other_municipality_clerk": {"GET": ALLOW, "POST": NO_METHOD},  # their own municipality's
    "superuser": {"GET": ALLOW, "POST": NO_METHOD},  # every permission, no municipality: empty
    "council_member": {"GET": DENY, "POST": DENY},
}
SYNC = {
    **SIGNED_OUT,
    **{c: {"GET": NO_METHOD, "POST": ALLOW} for c in CLERKS},
    # no connection of their own: refused
    "other_municipality_clerk": {"GET": NO_METHOD, "POST": DENY},
    "superuser": {"GET": NO_METHOD, "POST": DENY},
    "council_member": {"GET": NO_METHOD, "POST": DENY},
}
OBJECT_FORM = {
    **SIGNED_OUT,
    **{c: {"GET": ALLOW, "POST": ALLOW} for c in CLERKS},
    "other_municipality_clerk": {"GET": NOT_FOUND, "POST": NOT_FOUND},
    "superuser": {"GET": NOT_FOUND, "POST": NOT_FOUND},
    "council_member": {"GET": DENY, "POST": DENY},
}

RULES = [
    Rule(
        "ris:overview",
        path=_connected_path,
        expect=OVERVIEW,
        default={"GET": DENY, "POST": NO_METHOD},
    ),
    Rule("ris:sync", path=_connected_path, expect=SYNC, default={"GET": NO_METHOD, "POST": DENY}),
    Rule("ris:person_link", kwargs=_person, expect=OBJECT_FORM, default=DENY),
    Rule("ris:closed_session_confirm", kwargs=_item, expect=OBJECT_FORM, default=DENY),
    Rule(
        "ris:example_api",
        kwargs=lambda ctx, entry: {"path": "vergaderingen"},
        expect={"council_member": {"GET": NOT_FOUND, "POST": DENY}},
        default={"GET": NOT_FOUND, "POST": NO_METHOD},
        note="The demo's example RIS: outside demo mode nothing is there, for anyone.",
    ),
]

# T1, issue 14 finding 12: one of Alfa's objects is a 404 for everyone outside Alfa.
RULES = out_of_scope_is_404(RULES, "ris:person_link", "ris:closed_session_confirm")
