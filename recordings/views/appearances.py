"""R6: the recordings one appears in, and one's own objection."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services


@require_GET
def my_appearances(request):
    """R6: the recordings someone appears in, from their own account, with the way to object."""
    return render(
        request,
        "recordings/my_appearances.html",
        {"appearances": selectors.appearances_of(request.user)},
    )


@require_POST
def my_objection(request, uuid):
    """R6: the employee objects from their own account; the organiser is notified."""
    employee = selectors.appearance_get(request.user, uuid)
    services.employee_objection_record(actor=request.user, employee=employee)
    messages.success(
        request, _("Uw bezwaar is vastgelegd. De organisator is op de hoogte gebracht.")
    )
    return redirect("recordings:my_appearances")
