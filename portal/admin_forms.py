"""Forms of the admin's user pages (issue 14): one neutral answer for an address that is taken,
wherever its account is (T1); roles given only as portal.role_grants allows."""

from django.contrib.auth.forms import (
    AdminUserCreationForm,
    ReadOnlyPasswordHashWidget,
    UserChangeForm,
)
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.constants import AuditResult
from portal.role_grants import check_role_change, refused
from portal.selectors import address_taken

ADDRESS_IN_USE = _(
    "Dit e-mailadres kan niet voor dit account worden gebruikt. Staat de persoon al in uw lijst "
    "met gebruikers, pas dan dat account aan; anders kan het servicecentrum helpen."
)

NOT_RELEASED_CHOICE = _(
    "Deze rol geeft het servicecentrum zelf. Vraag het servicecentrum om de rol toe te kennen of "
    "om hem voor gemeentebeheerders vrij te geven."
)


class TakenAddressMixin:
    """The model's own unique check would answer "a user with this address exists", also for
    an account of another municipality. The same words for every taken address say only that
    this one cannot be used; each refusal is audited, so probing shows in the trail."""

    refused_action = "admin.user_add_refused"

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if address_taken(email, other_than=self.instance.pk):
            audit_record(
                action=self.refused_action,
                result=AuditResult.DENIED,
                details={"reason": "address_in_use", "email": email},
            )
            raise ValidationError(ADDRESS_IN_USE, code="address_in_use")
        return email


class UserAddForm(TakenAddressMixin, AdminUserCreationForm):
    pass


class PasswordLinkWidget(ReadOnlyPasswordHashWidget):
    """Django's password summary with the link to the password form as an absolute address:
    its default ``../password/`` is right only on the change page; on a historical version
    (``…/history/<version>/``) it led to a 404 (found by the U2 crawl, issue 13)."""

    # A URL filled in per user below, not a password (bandit's B105 reads the name).
    password_url = ""  # nosec B105

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.password_url:
            context["password_url"] = self.password_url
        return context


class UserEditForm(TakenAddressMixin, UserChangeForm):
    refused_action = "admin.user_change_refused"
    actor = None  # the administrator, set per request by UserAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        password = self.fields.get("password")
        if password is not None and self.instance.pk:
            password.widget = PasswordLinkWidget()
            password.widget.password_url = reverse(
                "admin:auth_user_password_change", args=[self.instance.pk]
            )

    def clean_groups(self):
        """Issue 14: nobody gives himself a role; an administrator gives only the roles the
        service centre released (portal.role_grants)."""
        groups = self.cleaned_data["groups"]
        if self.actor is not None and self.instance.pk:
            check_role_change(
                actor=self.actor,
                user=self.instance,
                before=set(self.instance.groups.values_list("pk", flat=True)),
                after={group.pk for group in groups},
            )
        return groups

    def clean(self):
        cleaned = super().clean()
        if self.actor is not None and self.has_error("groups", code="invalid_choice"):
            # A role the page does not offer (not released by the service centre) was sent.
            offered = set(self.fields["groups"].queryset.values_list("pk", flat=True))
            posted = {int(v) for v in self.data.getlist(self.add_prefix("groups")) if v.isdigit()}
            refused(self.actor, self.instance, posted - offered, "role_not_released")
        return cleaned
