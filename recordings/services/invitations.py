"""R3: a test invitation to one person before the session."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.models import User
from portal.notifications import notify_users
from portal.refusals import refuse, refuse_with_reason

from ..models import Recording
from ..permissions import can_manage
from .common import MSG_OTHER_MUNICIPALITY


def invitation_test_send(*, actor: User, recording: Recording, invitee: User):
    """R3: before the session, send one person (a council member, say) a test invitation and
    see whether it would work: the same policy answers as on the evening — same municipality,
    trust into their domain, a grant that reaches them, a way to sign in. The person gets a
    notification with the link either way (so the organiser learns whether it arrives), and
    the outcome is audited."""
    from ..preflight import invitation_check

    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.test_invitation", obj=recording, rule="R3")
    if invitee.municipality_id != recording.municipality_id:
        refuse_with_reason(
            actor=actor,
            action="recording.test_invitation",
            obj=recording,
            rule="T1",
            message=MSG_OTHER_MUNICIPALITY,
            code="other_municipality",
        )
    check = invitation_check(recording, invitee)
    now = timezone.now()
    with transaction.atomic():
        notify_users(
            users=[invitee],
            kind="recording.test_invitation",
            title=gettext_noop("Testuitnodiging: kunt u deze opname straks bekijken?"),
            text=gettext_noop(
                "De organisator test of u de opname kunt bekijken. Open de link; u hoeft verder "
                "niets te doen."
            ),
            link=reverse("recordings:play", kwargs={"uuid": recording.uuid}),
            key=f"recording.test_invitation:{recording.uuid}:{invitee.uuid}:{now.isoformat()}",
            municipality=recording.municipality,
        )
        audit_record(
            action="recording.test_invitation",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            details={
                "invitee": str(invitee.uuid),
                "would_work": check.would_work,
                "issues": [str(code) for code, _message in check.issues],
            },
        )
    return check
