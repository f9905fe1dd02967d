"""Permission-matrix rules for recordings (A1). Organisers manage the recordings of their own
identity domain; everyone else gets a 404 (the recording need not be known to exist)."""

from tests.permission_matrix import ALLOW, DENY, LOGIN, NO_METHOD, NOT_FOUND, Rule

SIGNED_OUT = {"anonymous": LOGIN, "inactive": LOGIN}


def _recording(ctx, entry):
    from portal.roles import Role
    from tests.recordings.factories import RecordingFactory

    if not hasattr(ctx, "a_recording"):
        ctx.a_recording = RecordingFactory(
            organiser_domain=ctx.world.a.org, organiser=ctx.world.a.users[Role.CIVIL_SERVANT]
        )
    return {"uuid": ctx.a_recording.uuid}


def _grant(ctx, entry):
    from tests.recordings.factories import AccessGrantFactory

    _recording(ctx, entry)
    if not hasattr(ctx, "a_grant"):
        ctx.a_grant = AccessGrantFactory(recording=ctx.a_recording)
    return {"uuid": ctx.a_grant.uuid}


def _employee(ctx, entry):
    from tests.recordings.factories import AppearingEmployeeFactory

    _recording(ctx, entry)
    if not hasattr(ctx, "an_employee"):
        ctx.an_employee = AppearingEmployeeFactory(recording=ctx.a_recording, objecting=True)
    return {"uuid": ctx.an_employee.uuid}


# Organisers of any municipality have their own list and form (of their own domain, T1).
ORGANISERS = ("civil_servant", "clerk", "other_domain_clerk", "other_municipality_clerk")
# The organiser's domain: civil servants and the clerk employed by the organisation.
MANAGERS = ("civil_servant", "other_domain_clerk")
POST_ONLY_OF_THE_ORGANISERS_DOMAIN = {
    **SIGNED_OUT,
    **{p: {"GET": NO_METHOD, "POST": ALLOW} for p in MANAGERS},
    "council_member": {"GET": NO_METHOD, "POST": DENY},  # X4 before the view
}

RULES = [
    Rule(
        "recordings:list",
        expect={
            **SIGNED_OUT,
            **{p: {"GET": ALLOW, "POST": NO_METHOD} for p in ORGANISERS},
            "council_member": {"GET": DENY, "POST": DENY},
        },
        default={"GET": DENY, "POST": NO_METHOD},
        note="Only organisers have a list of their own recordings.",
    ),
    Rule(
        "recordings:create",
        expect={
            **SIGNED_OUT,
            **{p: {"GET": ALLOW, "POST": ALLOW} for p in ORGANISERS},
        },
        default=DENY,
    ),
    Rule(
        "recordings:available",
        expect={**SIGNED_OUT, "council_member": {"GET": ALLOW, "POST": DENY}},
        default={"GET": ALLOW, "POST": NO_METHOD},
        note="Everyone signed in; the list holds only what the person may watch now (R2, R5).",
    ),
    *(
        Rule(
            f"recordings:{name}",
            kwargs=_recording,
            expect={
                **SIGNED_OUT,
                **{p: {"GET": ALLOW, "POST": ALLOW} for p in MANAGERS},
                "council_member": {"GET": NOT_FOUND, "POST": DENY},  # X4 before the view
            },
            default=NOT_FOUND,
            note="A form page of its own; another domain's recording is a 404.",
        )
        for name in ("grant_add", "employee_add")
    ),
    *(
        Rule(
            f"recordings:{name}",
            kwargs=kwargs,
            expect=POST_ONLY_OF_THE_ORGANISERS_DOMAIN,
            default={"GET": NO_METHOD, "POST": NOT_FOUND},
        )
        for name, kwargs in (
            ("grant_remove", _grant),
            ("objection_record", _employee),
            ("objection_decide", _employee),
        )
    ),
    Rule(
        "recordings:detail",
        kwargs=_recording,
        expect={
            **SIGNED_OUT,
            "civil_servant": {"GET": ALLOW, "POST": NO_METHOD},
            "other_domain_clerk": {"GET": ALLOW, "POST": NO_METHOD},  # organiser's domain
            "council_member": {"GET": NOT_FOUND, "POST": DENY},  # X4 before the view
        },
        default={"GET": NOT_FOUND, "POST": NO_METHOD},
    ),
    Rule(
        "recordings:publish",
        kwargs=_recording,
        expect={
            **SIGNED_OUT,
            "civil_servant": {"GET": NO_METHOD, "POST": ALLOW},
            "other_domain_clerk": {"GET": NO_METHOD, "POST": ALLOW},
            "council_member": {"GET": NO_METHOD, "POST": DENY},
        },
        default={"GET": NO_METHOD, "POST": NOT_FOUND},
    ),
]


def _stream(ctx, entry):
    """A link signed for the organiser (civil servant); the matrix recording has no file."""
    from portal.roles import Role
    from recordings.links import sign_link

    kwargs = _recording(ctx, entry)
    link = sign_link(user=ctx.world.a.users[Role.CIVIL_SERVANT], recording=ctx.a_recording)
    return {**kwargs, "token": link.token}


def _appearance(ctx, entry):
    """The civil servant appears in the recording (R6: objects from their own account)."""
    from portal.roles import Role
    from tests.recordings.factories import AppearingEmployeeFactory

    _recording(ctx, entry)
    if not hasattr(ctx, "an_appearance"):
        user = ctx.world.a.users[Role.CIVIL_SERVANT]
        ctx.an_appearance = AppearingEmployeeFactory(
            recording=ctx.a_recording, user=user, name=str(user)
        )
    return {"uuid": ctx.an_appearance.uuid}


GET_ONLY_READ = {"GET": ALLOW, "POST": NO_METHOD}

RULES += [
    *(
        Rule(
            f"recordings:{name}",
            kwargs=_recording,
            expect={
                **SIGNED_OUT,
                **{p: {"GET": ALLOW, "POST": ALLOW} for p in MANAGERS},
                "council_member": {"GET": NOT_FOUND, "POST": DENY},  # X4 before the view
            },
            default=NOT_FOUND,
            note=(
                "Organiser's forms: the file (R7), the captions (R8), a test invitation (R3), "
                "withdrawal (R6)."
            ),
        )
        for name in ("upload", "captions", "test_invitation", "withdraw")
    ),
    *(
        Rule(
            f"recordings:{name}",
            kwargs=_recording,
            expect={
                **SIGNED_OUT,
                **{p: GET_ONLY_READ for p in MANAGERS},  # the organisers check their own file
                "council_member": {"GET": NOT_FOUND, "POST": DENY},
            },
            default={"GET": NOT_FOUND, "POST": NO_METHOD},
            note="R4, R8: viewers the policy lets through and the organiser's domain; others 404.",
        )
        for name in ("play", "chapters")
    ),
    Rule(
        "recordings:captions_track",
        kwargs=_recording,
        expect={**SIGNED_OUT, "council_member": {"GET": NOT_FOUND, "POST": DENY}},
        default={"GET": NOT_FOUND, "POST": NO_METHOD},
        note=(
            "R8: the player's scope; the matrix recording has no captions, so a 404 for all "
            "(with captions: tests/recordings/test_captions.py)."
        ),
    ),
    Rule(
        "recordings:stream",
        kwargs=_stream,
        expect={
            **SIGNED_OUT,
            "civil_servant": {"GET": NOT_FOUND, "POST": NO_METHOD},  # their link; no file yet
            "other_domain_clerk": {"GET": DENY, "POST": NO_METHOD},  # someone else's link
            "council_member": {"GET": NOT_FOUND, "POST": DENY},
        },
        default={"GET": NOT_FOUND, "POST": NO_METHOD},
        note="R4: a signed link works only for its viewer; out of scope is a 404 first.",
    ),
    Rule(
        "recordings:my_appearances",
        expect={**SIGNED_OUT, "council_member": {"GET": ALLOW, "POST": DENY}},
        default=GET_ONLY_READ,
        note="R6: everyone signed in; the list holds only where the person appears.",
    ),
    Rule(
        "recordings:my_objection",
        kwargs=_appearance,
        expect={
            **SIGNED_OUT,
            "civil_servant": {"GET": NO_METHOD, "POST": ALLOW},  # the employee themself
            "council_member": {"GET": NO_METHOD, "POST": DENY},
        },
        default={"GET": NO_METHOD, "POST": NOT_FOUND},
    ),
]
