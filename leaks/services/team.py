"""L3: the case team — object grants on one case."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from guardian.shortcuts import assign_perm, remove_perm

from portal.models import User
from portal.notifications import notify_users
from portal.refusals import refusal_audited

from ..models import LeakCase
from ..selectors import TEAM_PERMISSION
from .common import case_link, locked, require_worker, timeline_event


def team_add(*, actor: User, case: LeakCase, user: User, now=None) -> None:
    """L3: grant one person the case (an object grant). Council members never; people of
    another municipality never. The grant is audited by the core's object-permission audit
    (one event: ``permission.object_granted`` on this case)."""
    require_worker(actor, case, action="leaks.team_add")
    now = now or timezone.now()
    from ..permissions import may_see_cases

    with refusal_audited(actor=actor, action="leaks.team_add", obj=case, rule="L3"):
        if not may_see_cases(user) or user.municipality_id != case.municipality_id:
            raise ValidationError(
                _(
                    "Alleen medewerkers van de eigen gemeente kunnen in een zaakteam; "
                    "raadsleden zien leksituaties nooit."  # L3
                ),
                code="not_staff",
            )
        with transaction.atomic():
            case = locked(case)
            if user.has_perm(TEAM_PERMISSION, case):
                return
            assign_perm(TEAM_PERMISSION, user, case)
            timeline_event(
                case,
                actor=actor,
                kind="team_add",
                summary=gettext_noop("%(person)s toegevoegd aan het zaakteam"),
                params={"person": user.get_full_name() or user.email},
                at=now,
            )
            notify_users(
                users=[user],
                kind="leaks.assigned",
                title=gettext_noop(
                    "U bent toegevoegd aan het zaakteam van leksituatie %(reference)s"
                ),
                params={"reference": case.reference},
                link=case_link(case),
                key=f"leaks.assigned:{case.uuid}:{user.uuid}:{now.isoformat()}",
                municipality=case.municipality,
            )


def team_remove(*, actor: User, case: LeakCase, user: User, now=None) -> None:
    """L3: take the grant away (audited by the core as ``permission.object_revoked``)."""
    require_worker(actor, case, action="leaks.team_remove")
    now = now or timezone.now()
    with transaction.atomic():
        case = locked(case)
        if not user.has_perm(TEAM_PERMISSION, case):
            return  # not (or no longer) on the team: nothing to do
        remove_perm(TEAM_PERMISSION, user, case)
        timeline_event(
            case,
            actor=actor,
            kind="team_remove",
            summary=gettext_noop("%(person)s uit het zaakteam gehaald"),
            params={"person": user.get_full_name() or user.email},
            at=now,
        )
