"""C12: a Woo request for a document under secrecy — registered on the item, reviewed by the
body competent to lift (Gemeentewet art. 89) within the Woo's period (art. 4.4), decided."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.models import Body, User
from portal.refusals import refusal_audited

from .. import sources
from ..conf import decision_weeks, extension_weeks
from ..constants import WooOutcome, WooRequestStatus
from ..models import WooRequest
from .common import require_manager


def decision_deadline(received_on: datetime.date) -> datetime.date:
    """C12, Woo art. 4.4 lid 1: four weeks after the day of receipt (a setting)."""
    return received_on + relativedelta(weeks=decision_weeks())


def woo_request_register(
    *, actor: User, item, received_on: datetime.date, reference: str = ""
) -> WooRequest:
    """C12, ECLI:NL:RVS:2023:1925: a Woo request for an item under secrecy is also a request to
    lift the secrecy; registering it opens the review by the competent body with the Woo's
    deadline. Nothing about the requester is recorded."""
    require_manager(actor, action="woo.request_registered", obj=item)
    with (
        refusal_audited(
            actor=actor,
            action="woo.request_registered",
            obj=item,
            municipality=item.municipality,
            rule="C12",
        ),
        transaction.atomic(),
    ):
        if not item.is_secret:
            raise ValidationError(
                _(
                    "Dit stuk is niet meer geheim. Behandel het verzoek als een gewoon "
                    "Woo-verzoek; de geheimhouding staat er niet meer aan in de weg."
                ),
                code="not_secret",
            )
        if received_on > timezone.localdate():
            raise ValidationError(
                {
                    "received_on": ValidationError(
                        _("De datum van ontvangst ligt in de toekomst."), code="future"
                    )
                }
            )
        request = WooRequest(
            municipality=item.municipality,
            item=item,
            received_on=received_on,
            reference=reference.strip(),
            deadline=decision_deadline(received_on),
            registered_by=actor,
        )
        request.full_clean()
        request.save()
        audit_record(
            action="woo.request_registered",
            actor=actor,
            obj=request,
            details={
                "item": str(item.uuid),
                "received_on": received_on,
                "deadline": request.deadline,
                "reference": request.reference,
            },
        )
    return request


def _locked(request: WooRequest) -> WooRequest:
    return (
        WooRequest.objects.select_for_update(of=("self",))
        .select_related("item", "municipality")
        .get(pk=request.pk)
    )


def woo_request_extend(*, actor: User, request: WooRequest, reason: str) -> WooRequest:
    """C12, Woo art. 4.4 lid 2: extend the decision period once, by two weeks (a setting), with
    the reason, and only while the period runs."""
    require_manager(actor, action="woo.request_extended", obj=request)
    with (
        refusal_audited(
            actor=actor,
            action="woo.request_extended",
            obj=request,
            municipality=request.municipality,
            rule="C12",
        ),
        transaction.atomic(),
    ):
        request = _locked(request)
        if request.status != WooRequestStatus.OPEN:
            raise ValidationError(_("Op dit verzoek is al beslist."), code="decided")
        if request.extended:
            raise ValidationError(
                _(
                    "De beslistermijn is al eens verdaagd. De Wet open overheid (art. 4.4) staat "
                    "maar één verdaging toe."
                ),
                code="extended_once",
            )
        if timezone.localdate() > request.deadline:
            raise ValidationError(
                _(
                    "De beslistermijn is al verstreken. Verdagen kan alleen zolang de termijn "
                    "loopt (Woo art. 4.4)."
                ),
                code="too_late",
            )
        if not (reason or "").strip():
            raise ValidationError(
                {
                    "reason": ValidationError(
                        _("Schrijf op waarom de termijn wordt verdaagd."), code="no_reason"
                    )
                }
            )
        before = request.deadline
        request.deadline = before + relativedelta(weeks=extension_weeks())
        request.extended = True
        request.extension_reason = reason.strip()
        request.full_clean()
        request.save()
        audit_record(
            action="woo.request_extended",
            actor=actor,
            obj=request,
            details={"from": before, "to": request.deadline},
        )
    return request


def woo_request_decide(
    *,
    actor: User,
    request: WooRequest,
    outcome: str,
    body: Body,
    decided_on: datetime.date,
    reference: str,
    grounds: Iterable[str] = (),
    motivation: str = "",
) -> WooRequest:
    """C12: record the competent body's decision. Lifted — in whole, or except the secret
    passages (C10) — it is recorded in the register as the lifting decision (C5), and the item
    comes up for publication (C11). Kept, it names its grounds from Woo art. 5.1 (C1)."""
    require_manager(actor, action="woo.request_decided", obj=request)
    with (
        refusal_audited(
            actor=actor,
            action="woo.request_decided",
            obj=request,
            municipality=request.municipality,
            rule="C12",
        ),
        transaction.atomic(),
    ):
        request = _locked(request)
        item = request.item
        if request.status != WooRequestStatus.OPEN:
            raise ValidationError(_("Op dit verzoek is al beslist."), code="decided")
        if decided_on > timezone.localdate():
            raise ValidationError(
                {
                    "decided_on": ValidationError(
                        _("De datum van de beslissing ligt in de toekomst."), code="future"
                    )
                }
            )
        if outcome not in WooOutcome.values:
            raise ValidationError(
                {"outcome": ValidationError(_("Kies een uitkomst uit de lijst."), code="outcome")}
            )
        sources.check_competent(
            item=item, body=body, actor=actor, date=decided_on, reference=reference
        )
        grounds = list(grounds)
        if outcome == WooOutcome.KEPT:
            if not item.is_secret:
                raise ValidationError(
                    _("Dit stuk is niet meer geheim; de geheimhouding kan niet blijven."),
                    code="not_secret",
                )
            try:
                sources.validate_woo_grounds(grounds)
            except ValidationError as exc:
                raise ValidationError({"grounds": exc}) from exc
            if not motivation.strip():
                raise ValidationError(
                    {
                        "motivation": ValidationError(
                            _("Motiveer waarom de geheimhouding blijft."), code="no_motivation"
                        )
                    }
                )
        else:
            if outcome == WooOutcome.PARTLY_LIFTED and not sources.has_secret_passages(item):
                raise ValidationError(
                    {
                        "outcome": ValidationError(
                            _(
                                "Leg eerst in het geheimhoudingsregister vast welke passages "
                                "geheim blijven, met hun gronden, en voeg een openbare versie "
                                "van het document toe."
                            ),
                            code="no_passages",
                        )
                    }
                )
            grounds = []
            if item.is_secret:
                # C5 through the register's own service: its competence check, its audit event,
                # and the concept publication that follows (C11).
                sources.item_lift(
                    actor=actor, item=item, body=body, date=decided_on, reference=reference
                )
        request.status = WooRequestStatus.DECIDED
        request.outcome = outcome
        request.deciding_body = body
        request.decided_on = decided_on
        request.decision_reference = reference
        request.kept_grounds = sorted(set(grounds))
        request.motivation = motivation.strip()
        request.full_clean()
        request.save()
        audit_record(
            action="woo.request_decided",
            actor=actor,
            obj=request,
            details={
                "item": str(item.uuid),
                "outcome": outcome,
                "body": str(body.uuid),
                "decided_on": decided_on,
                "grounds": request.kept_grounds,
                "on_time": decided_on <= request.deadline,
            },
        )
    return request
