"""Helpers of the views of this app."""

from django.core.exceptions import ValidationError


def add_errors(form, exc: ValidationError) -> None:
    """The service's rule-named refusal, shown through components/form_errors.html."""
    for message in exc.messages:
        form.add_error(None, message)


def form_status(form) -> int:
    return 400 if form.errors else 200


def posted(request):
    return request.POST if request.method == "POST" else None
