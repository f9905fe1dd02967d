"""What the griffie's pages of this app share: the form flow (GET shows the form, a valid POST
calls one service and redirects, a refusal comes back on the form with status 400 and nothing
stored) and the 403 for who may not write. Shaped like the core's form flow of issue 16
(``portal.form_flow.form_page``) so that moving to it is an import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render

from portal.services import refuse

from ..permissions import can_manage_publications

TEMPLATE = "publications/form.html"


def posted(request):
    return request.POST if request.method == "POST" else None


def require_manager(request, action: str) -> None:
    if not can_manage_publications(request.user):
        refuse(actor=request.user, action=action, obj=None, rule="X4")


def show_refusal(form, exc: ValidationError) -> None:
    """The service's refusal on the field it names, or above the fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for error in errors:
                form.add_error(target, error)
    else:
        for error in exc.error_list:
            form.add_error(None, error)


def form_page(request, *, form, save, success_message, success_url, context, template=TEMPLATE):
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, success_message)
            return redirect(success_url(result) if callable(success_url) else success_url)
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)
