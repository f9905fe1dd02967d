"""Helpers shared by the services of this app."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MSG_OWNER_ELSEWHERE = _("Kies een eigenaar van uw eigen gemeente.")  # T1


def refuse_other_municipality(*, actor, user):
    """T1: people named on an item (its owner) belong to the actor's municipality. Call
    inside :func:`portal.refusals.audited_write`."""
    if user is not None and user.municipality_id != actor.municipality_id:
        raise ValidationError(MSG_OWNER_ELSEWHERE, code="other_municipality")
