"""What to do about a pre-flight warning (R3, X7): a refusal says what blocks, what to do and
whom to ask. The pre-flight itself (:mod:`recordings.preflight`) only finds the problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal.models import IdentityDomain
from portal.selectors import administrators_of

from .constants import ObjectionDecision, PreflightIssue
from .models import AppearingEmployee, Recording
from .preflight import Preflight

# Per warning, what blocks the people of one domain, in words.
_DOMAIN_BLOCKER = {
    PreflightIssue.NO_TRUST: _(
        "%(domain)s: er is geen vertrouwensrelatie waarmee de gebruikers van dit domein de "
        "opnames van %(source)s mogen bekijken. Een beheerder van de gemeente stelt die in."
    ),
    PreflightIssue.NO_SIGN_IN: _(
        "%(domain)s: niemand kan zich aanmelden, want het domein heeft nog geen "
        "aanmeldvoorziening. Een beheerder van de gemeente stelt die in."
    ),
    PreflightIssue.NO_PEOPLE: _(
        "%(domain)s: het kijkrecht bereikt hier geen actieve leden of gebruikers."
    ),
    "other_municipality": _("%(domain)s hoort bij een andere gemeente en kan nooit kijken."),
}
_GROUP_BLOCKER = _("Het kijkrecht voor de rol %(group)s bereikt niemand: niemand heeft die rol.")
_NOBODY = _("De opname is nog met niemand gedeeld: voeg eerst een kijkrecht toe.")
_OBJECTION = _("Het bezwaar van %(name)s wacht op uw beslissing.")


def publish_blockers(recording: Recording, check: Preflight) -> list[str]:
    """R3, R6: one sentence for each viewer or objection that keeps ``recording`` from being
    published, naming the domain, the role or the employee."""
    if not check.rows:
        return [str(_NOBODY)]
    source = recording.organiser_domain.name
    blockers = []
    for row, warning in check.blocking_warnings:
        if row.domain is None:
            blockers.append(str(_GROUP_BLOCKER % {"group": row.group.name}))
        else:
            template = _DOMAIN_BLOCKER.get(warning.code, "%(domain)s: " + str(warning.message))
            blockers.append(str(template % {"domain": row.domain.name, "source": source}))
    if check.pending_objections:
        pending = AppearingEmployee.objects.filter(
            recording=recording, objects_to_recording=True, decision=ObjectionDecision.PENDING
        ).select_related("user")
        blockers += [str(_OBJECTION % {"name": str(e)}) for e in pending]
    return blockers


@dataclass
class MissingTrust:
    """A trust the pre-flight misses: ``source``'s recordings for ``target``'s users.
    ``admin_url`` is the admin's form, filled in, for a reader who may set it."""

    source: IdentityDomain
    target: IdentityDomain
    admin_url: str = ""


@dataclass
class TrustGuidance:
    missing: list[MissingTrust] = field(default_factory=list)
    administrators: list = field(default_factory=list)  # whom to ask


def trust_guidance(user, recording: Recording, check: Preflight) -> TrustGuidance | None:
    """R2, X7: for each domain the pre-flight finds without a trust, whom to ask (the
    municipality's administrators) and, for a reader who is one, a link to the admin's form
    with both domains filled in. None when no trust is missing (no query then)."""
    targets = [
        row.domain
        for row in check.rows
        if row.domain is not None and any(w.code == PreflightIssue.NO_TRUST for w in row.warnings)
    ]
    return _guidance(user, recording, targets)


def invitation_trust_guidance(user, recording: Recording, check) -> TrustGuidance | None:
    """R3, X7: the same guidance for a test invitation (:class:`InvitationCheck`) refused for
    want of a trust towards the invitee's domain."""
    if not any(code == PreflightIssue.NO_TRUST for code, _message in check.issues):
        return None
    return _guidance(user, recording, [check.invitee.identity_domain])


def _guidance(user, recording: Recording, targets: list) -> TrustGuidance | None:
    if not targets:
        return None
    may_set = user.is_staff and user.has_perm("portal.add_domaintrust")
    add_url = reverse("admin:portal_domaintrust_add") if may_set else ""
    source = recording.organiser_domain
    return TrustGuidance(
        missing=[
            MissingTrust(
                source=source,
                target=target,
                admin_url=(
                    f"{add_url}?{urlencode({'source': source.pk, 'target': target.pk})}"
                    if may_set
                    else ""
                ),
            )
            for target in targets
        ],
        administrators=[a for a in administrators_of(recording.municipality_id) if a != user],
    )
