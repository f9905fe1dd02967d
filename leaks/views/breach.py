"""L5: the breach track and its notifications to the Autoriteit Persoonsgegevens."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.form_flow import posted

from .. import selectors, services
from ..breach_forms import BreachAwarenessForm, BreachForm, BreachNotifyForm, BreachOpenForm
from .common import form_page, workable_case


@require_http_methods(["GET", "POST"])
def breach_edit(request, uuid):
    """L5: open the breach track (the 72-hour clock starts), or record art. 33(3) and 34."""
    case = workable_case(request, uuid, action="leaks.breach_update")
    breach = selectors.breach_of(case)
    if breach is None:
        return form_page(
            request,
            case=case,
            form=BreachOpenForm(
                posted(request), initial={"aware_at": timezone.localtime(case.discovered_at)}
            ),
            template="leaks/breach_open.html",
            title=_("Datalekspoor openen"),
            save=lambda data: services.breach_open(actor=request.user, case=case, **data),
            done=_("Het datalekspoor is geopend; de termijn van 72 uur loopt."),
        )
    return form_page(
        request,
        case=case,
        form=BreachForm(posted(request), instance=breach),
        template="leaks/breach_form.html",
        title=_("Datalek"),
        save=lambda data: services.breach_update(actor=request.user, breach=breach, **data),
        done=_("Het datalek is bijgewerkt."),
        extra={"breach": breach},
    )


@require_http_methods(["GET", "POST"])
def breach_notify(request, uuid):
    case = workable_case(request, uuid, action="leaks.breach_notify")
    breach = selectors.breach_of(case)
    if breach is None:
        raise Http404
    return form_page(
        request,
        case=case,
        form=BreachNotifyForm(posted(request)),
        template="leaks/breach_notify.html",
        title=_("Melding aan de AP vastleggen"),
        save=lambda data: services.breach_notify(actor=request.user, breach=breach, **data),
        done=_("De melding aan de Autoriteit Persoonsgegevens is vastgelegd."),
        extra={
            "breach": breach,
            "now": timezone.now(),
            "next_number": breach.notifications.count() + 1,
        },
    )


@require_http_methods(["GET", "POST"])
def breach_awareness(request, uuid):
    """L5: record or correct the moment of awareness — the start of the 72-hour clock."""
    case = workable_case(request, uuid, action="leaks.breach_awareness")
    breach = selectors.breach_of(case)
    if breach is None:
        raise Http404
    return form_page(
        request,
        case=case,
        form=BreachAwarenessForm(
            posted(request), initial={"aware_at": timezone.localtime(breach.aware_at)}
        ),
        template="leaks/breach_awareness.html",
        title=_("Moment van bekend worden"),
        save=lambda data: services.breach_awareness_record(
            actor=request.user, breach=breach, **data
        ),
        done=_("Het moment van bekend worden is vastgelegd; de meldtermijn is bijgewerkt."),
        extra={"breach": breach, "now": timezone.now()},
    )
