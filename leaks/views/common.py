"""What the views of leak cases share: the case's form page and the case someone may work."""

from django.urls import reverse

from portal.form_flow import form_page as core_form_page
from portal.refusals import refuse

from .. import selectors
from ..permissions import can_work

PAGE_SIZE = 25


def form_page(request, *, case, form, template, title, save, done: str, extra=None):
    """The core's form flow (``portal.form_flow``) on a case's page: a valid POST calls ``save``
    (a service) and goes back to the case with ``done``; a refusal comes back on the form (400)."""
    return core_form_page(
        request,
        form=form,
        template=template,
        context={"case": case, "page_title": title, **(extra or {})},
        save=save,
        success_message=done,
        success_url=reverse("leaks:case_detail", kwargs={"uuid": case.uuid}),
    )


def workable_case(request, uuid, *, action):
    """The case (404 outside need-to-know) for someone who may work it (403 otherwise)."""
    case = selectors.case_get(request.user, uuid)
    if not can_work(request.user, case):
        refuse(actor=request.user, action=action, obj=case, rule="L3")
    return case
