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


RULES = [
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
