"""What the views of recordings share."""

from django.core.exceptions import ValidationError

PAGE_SIZE = 25


def add_errors(form, exc: ValidationError) -> None:
    """The service's rule-named refusal, shown through components/form_errors.html."""
    for message in exc.messages:
        form.add_error(None, message)
