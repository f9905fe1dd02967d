"""Forms of the admin's user pages (issue 14): one neutral answer for an address that is taken,
wherever its account is (T1)."""

from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.constants import AuditResult
from portal.models import User

ADDRESS_IN_USE = _(
    "Dit e-mailadres kan niet voor dit account worden gebruikt. Staat de persoon al in uw lijst "
    "met gebruikers, pas dan dat account aan; anders kan het servicecentrum helpen."
)


class TakenAddressMixin:
    """The model's own unique check would answer "a user with this address exists", also for
    an account of another municipality. The same words for every taken address say only that
    this one cannot be used; each refusal is audited, so probing shows in the trail."""

    refused_action = "admin.user_add_refused"

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        taken = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            audit_record(
                action=self.refused_action,
                result=AuditResult.DENIED,
                details={"reason": "address_in_use", "email": email},
            )
            raise ValidationError(ADDRESS_IN_USE, code="address_in_use")
        return email


class UserAddForm(TakenAddressMixin, AdminUserCreationForm):
    pass


class UserEditForm(TakenAddressMixin, UserChangeForm):
    refused_action = "admin.user_change_refused"
