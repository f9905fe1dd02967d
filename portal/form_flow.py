"""One form flow for every app (issue 16). GET shows the form; a valid POST calls one service
and redirects with a message; a refusal (the service's ``ValidationError``) comes back on the
form with status 400 and nothing stored.

Errors are shown one way, as NL Design System forms do: each on the field it concerns
(``components/field.html``) and all of them in the summary on top of the form
(``components/form_errors.html``), which links to the fields. A refusal that names no field of
the form stands in that summary only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def posted(request: HttpRequest) -> Any:
    """The form's data: the POST on a POST, nothing (an unbound form) on a GET."""
    return request.POST if request.method == "POST" else None


def form_status(form: forms.BaseForm) -> int:
    """400 for a form shown again with errors, 200 otherwise."""
    return 400 if form.errors else 200


def show_refusal(form: forms.BaseForm, exc: ValidationError) -> None:
    """The service's refusal on the field it names, or above the fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for error in errors:
                form.add_error(target, error)
    else:
        for error in exc.error_list:
            form.add_error(None, error)


def save_or_refuse(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict], Any],
    *,
    success_message: Any,
    success_url: str | Callable[[Any], str],
) -> HttpResponse | None:
    """A valid POST: call ``save`` with the cleaned data and redirect with the message; a
    refusal goes onto the form (``None`` is returned, the caller renders the form again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except ValidationError as exc:
        show_refusal(form, exc)
        return None
    if success_message:
        messages.success(request, success_message)
    return redirect(success_url(result) if callable(success_url) else success_url)


def form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    template: str,
    context: Mapping[str, Any] | None = None,
    save: Callable[[dict], Any] | None = None,
    success_message: Any = "",
    success_url: str | Callable[[Any], str] = "",
) -> HttpResponse:
    """The whole flow: :func:`save_or_refuse`, else the form page (400 when it has errors).
    Without ``save`` it only renders (a view that handled the POST itself)."""
    if save is not None:
        done = save_or_refuse(
            request, form, save, success_message=success_message, success_url=success_url
        )
        if done is not None:
            return done
    return render(request, template, {"form": form, **(context or {})}, status=form_status(form))
