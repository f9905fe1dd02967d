"""L9/X3: asking for the breach's printable outputs — the notification by the AP form's
sections and the letter to the people affected — rendered by the core's PDF worker."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.models import User
from portal.refusals import refusal_audited

from ..letter import missing
from ..models import Breach, BreachNotification, LeakCase
from .common import require_worker


def _breach(case):
    breach = Breach.objects.filter(case=case).first()  # as stored now, not a cached relation
    if breach is None:
        raise ValidationError(_("Deze leksituatie heeft geen datalekspoor."), code="no_breach")
    return breach


def breach_notification_request(*, actor: User, case: LeakCase, version: int | None = None):
    """L9: the notification as a PDF — version ``version`` as it was frozen, or without one
    the facts as they are now (a draft for copying into the AP's form). The core's request
    writes the job and its audit event."""
    from portal.reports.services import report_request

    require_worker(actor, case, action="leaks.breach_notification")
    with refusal_audited(actor=actor, action="leaks.breach_notification", obj=case, rule="L9"):
        breach = _breach(case)
        if (
            version
            and not BreachNotification.objects.filter(breach=breach, number=version).exists()
        ):
            raise ValidationError(
                {"version": _("Deze versie van de melding bestaat niet.")}, code="version"
            )
    parameters = {"version": version} if version else {}
    return report_request(
        user=actor, kind="leaks.breach_notification", parameters=parameters, subject=case
    )


def breach_letter_request(*, actor: User, case: LeakCase):
    """L9, AVG art. 34(2): the letter to the people affected as a PDF, only once the breach
    has the four contents the article asks for (nature, contact, likely consequences,
    measures); otherwise refused, naming what is missing, and nothing is made."""
    from portal.reports.services import report_request

    require_worker(actor, case, action="leaks.breach_letter")
    with refusal_audited(actor=actor, action="leaks.breach_letter", obj=case, rule="L9"):
        gaps = missing(_breach(case))
        if gaps:
            raise ValidationError(
                _(
                    "De brief aan betrokkenen moet volgens AVG art. 34 lid 2 vermelden wat er is "
                    "gebeurd, bij wie zij terechtkunnen, de waarschijnlijke gevolgen en de "
                    "maatregelen. Vul eerst bij de datalekgegevens in: %(missing)s."
                )
                % {"missing": ", ".join(str(g) for g in gaps)},
                code="letter_incomplete",
            )
    return report_request(user=actor, kind="leaks.breach_letter", parameters={}, subject=case)
