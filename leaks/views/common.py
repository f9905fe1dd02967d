"""What the views of leak cases share: the form page and the case someone may work."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from portal.services import refuse

from .. import selectors
from ..permissions import can_work

PAGE_SIZE = 25


def add_errors(form, exc: ValidationError) -> None:
    """The service's rule-named refusal, on its field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def form_page(request, *, case, form, template, title, save, done: str, extra=None):
    """GET shows the form; a valid POST calls ``save`` (a service) and goes back to the case
    with ``done``; a refusal comes back on the form with the rule named (400)."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("leaks:case_detail", uuid=case.uuid)
    return render(
        request,
        template,
        {"case": case, "form": form, "page_title": title, **(extra or {})},
        status=400 if form.errors else 200,
    )


def workable_case(request, uuid, *, action):
    """The case (404 outside need-to-know) for someone who may work it (403 otherwise)."""
    case = selectors.case_get(request.user, uuid)
    if not can_work(request.user, case):
        refuse(actor=request.user, action=action, obj=case, rule="L3")
    return case


def posted(request):
    return request.POST if request.method == "POST" else None
