"""L9/X3: the breach's printable outputs as report kinds of the core's PDF reports, rendered by
the PDF worker: the notification laid out by the AP form's sections (a frozen version, or the
facts as they are now, marked as a draft) and the letter to the people affected (AVG art.
34(2), plain Dutch)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.reports import ReportError, ReportKind

from .reports import may_view


def _breach(job):
    from .models import Breach

    breach = (
        Breach.objects.select_related("case__municipality")
        .filter(case_id=job.subject_id, case__municipality_id=job.municipality_id)
        .first()
    )
    if breach is None:
        raise ReportError(_("Deze leksituatie heeft geen datalek (meer)."))
    return breach


def notification_context(job) -> dict:
    """The notification by the AP form's sections: version ``parameters['version']`` as it
    was frozen, or without a version the facts as they are now (a draft to copy into the AP's
    form)."""
    from .models import BreachNotification
    from .notification import facts_snapshot, present, version_values

    breach = _breach(job)
    number = job.parameters.get("version")
    version = None
    if number:
        version = BreachNotification.objects.filter(breach=breach, number=number).first()
        if version is None:
            raise ReportError(_("Deze versie van de melding bestaat niet."))
    snapshot = version.snapshot if version is not None else facts_snapshot(breach)
    return {
        "case_reference": breach.case.reference,
        "version": version,
        "sections": present(snapshot, version_values(version) if version else None),
        "snapshot_missing": version is not None and not version.snapshot,
    }


def letter_context(job) -> dict:
    from .letter import letter_context as letter
    from .letter import missing

    breach = _breach(job)
    gaps = missing(breach)
    if gaps:
        raise ReportError(
            _("De brief mist nog: %(missing)s (AVG art. 34 lid 2).")
            % {"missing": ", ".join(str(g) for g in gaps)}
        )
    return {"letter": letter(breach), "today": timezone.localdate()}


NOTIFICATION = ReportKind(
    key="leaks.breach_notification",
    title=_("Melding van een datalek aan de Autoriteit Persoonsgegevens"),
    template="leaks/pdf/breach_notification.html",
    build_context=notification_context,
    may_view=may_view,
    description=_("De gegevens van een datalek in de onderdelen van het meldformulier van de AP."),
    filename_stem="melding-datalek",
)

LETTER = ReportKind(
    key="leaks.breach_letter",
    title=_("Brief aan betrokkenen over een datalek"),
    template="leaks/pdf/breach_letter.html",
    build_context=letter_context,
    may_view=may_view,
    description=_("De brief aan de mensen van wie de gegevens zijn gelekt (AVG art. 34 lid 2)."),
    filename_stem="brief-betrokkenen-datalek",
)
