"""Which roles a municipality's administrator may give: the service centre's choice."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TimestampedModel


class AssignableRole(TimestampedModel):
    """A role (a group with permissions) that a municipality's administrator may give to people
    of their own municipality in the admin. The service centre's superusers keep this list
    (issue 14); every other role only they give. Nobody gives himself a role, and a role with
    special rights (one holding ``portal.require_mfa``) is shown to the municipality's privacy
    officer when given (``portal.role_grants``)."""

    group = models.OneToOneField(
        "auth.Group",
        on_delete=models.CASCADE,
        related_name="assignable_role",
        verbose_name=_("rol"),
    )

    class Meta:
        verbose_name = _("rol die gemeentebeheerders mogen toekennen")
        verbose_name_plural = _("rollen die gemeentebeheerders mogen toekennen")
        ordering = ["group__name"]
        permissions = [
            (
                "review_role_grants",
                _(
                    "Wordt ingelicht als iemand in de eigen gemeente een rol met bijzondere "
                    "rechten krijgt"
                ),
            )
        ]

    def __str__(self):
        return self.group.name
