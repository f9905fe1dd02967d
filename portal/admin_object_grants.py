"""T1 in django-guardian's object-permission pages (issue 14 finding 2).

guardian looks a user up by e-mail across the whole installation (showing name and id), lets a
grant go to any user, and to any group. Here a grant on an object goes only to a person of the
object's municipality: anyone else is "not found" (the same words as for an address nobody has,
the miss audited), and their page is a 404. Groups are roles, shared by every municipality, so
a grant to one would reach that role everywhere: existing group grants can be narrowed or
revoked, never widened.
"""

from collections import OrderedDict

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.admin import (
    AdminGroupObjectPermissionsForm,
    GroupManage,
    GuardedModelAdmin,
    UserManage,
)
from guardian.shortcuts import get_group_perms, get_groups_with_perms, get_users_with_perms

from portal.selectors import get_in_scope_or_404

NO_SUCH_USER = _("Deze gebruiker bestaat niet in deze gemeente.")
NO_GROUP_GRANTS = _(
    "Een rol geldt voor alle gemeenten: een recht op dit object voor een rol zou iedereen met "
    "die rol in elke gemeente bereiken. Geef het recht aan een persoon."
)


def grantees(obj):
    """The people who may hold an object grant on ``obj``: those of its municipality (T1)."""
    return get_user_model().objects.filter(identity_domain__municipality_id=obj.municipality_id)


def scoped_user_form(request, obj):
    class ScopedUserManage(UserManage):
        def clean_user(self):
            try:
                return get_in_scope_or_404(
                    grantees(obj), request.user, email__iexact=self.cleaned_data["user"].strip()
                )
            except Http404:
                raise forms.ValidationError(NO_SUCH_USER, code="t1_out_of_scope") from None

    return ScopedUserManage


class NoGroupGrantManage(GroupManage):
    def clean_group(self):
        super().clean_group()
        raise forms.ValidationError(NO_GROUP_GRANTS, code="t1_installation_wide_group")


class NarrowOnlyGroupPermissionsForm(AdminGroupObjectPermissionsForm):
    def clean_permissions(self):
        chosen = set(self.cleaned_data["permissions"])
        held = set(get_group_perms(self.group, self.obj).values_list("codename", flat=True))
        if chosen - held:
            raise forms.ValidationError(NO_GROUP_GRANTS, code="t1_installation_wide_group")
        return self.cleaned_data["permissions"]


class ScopedGuardedModelAdmin(GuardedModelAdmin):
    """GuardedModelAdmin for models with a ``municipality``; ``get_queryset`` must already be
    scoped to the administrator's municipality (ScopedAdminMixin)."""

    def get_obj_perms_manage_group_form(self, request):
        return NarrowOnlyGroupPermissionsForm

    def obj_perms_manage_view(self, request, object_pk):
        """guardian's overview, with the user lookup and the listed users in scope."""
        if not self.has_change_permission(request, None):
            return redirect(reverse("admin:index", current_app=self.admin_site.name))
        obj = get_object_or_404(self.get_queryset(request), pk=unquote(object_pk))
        user_form_class = scoped_user_form(request, obj)
        user_form, group_form = user_form_class(), NoGroupGrantManage()
        if request.method == "POST" and "submit_manage_user" in request.POST:
            user_form = user_form_class(request.POST)
            if user_form.is_valid():
                return redirect(self._manage_url(obj, "user", user_form.cleaned_data["user"].pk))
        elif request.method == "POST" and "submit_manage_group" in request.POST:
            group_form = NoGroupGrantManage(request.POST)
            group_form.is_valid()  # never valid: the page shows why
        in_scope = set(grantees(obj).values_list("pk", flat=True))
        users = get_users_with_perms(obj, attach_perms=True, with_group_users=False)
        context = self.get_obj_perms_base_context(request, obj)
        context.update(
            users_perms=OrderedDict(
                sorted(
                    ((u, p) for u, p in users.items() if u.pk in in_scope),
                    key=lambda item: item[0].email,
                )
            ),
            groups_perms=OrderedDict(
                sorted(
                    get_groups_with_perms(obj, attach_perms=True).items(),
                    key=lambda item: item[0].name,
                )
            ),
            user_form=user_form,
            group_form=group_form,
        )
        request.current_app = self.admin_site.name
        return render(request, self.get_obj_perms_manage_template(), context)

    def obj_perms_manage_user_view(self, request, object_pk, user_id):
        if self.has_change_permission(request, None):
            obj = get_object_or_404(self.get_queryset(request), pk=unquote(object_pk))
            get_in_scope_or_404(grantees(obj), request.user, pk=_int_or_404(user_id))
        return super().obj_perms_manage_user_view(request, object_pk, user_id)

    def _manage_url(self, obj, kind, pk):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_permissions_manage_{kind}"
        return reverse(f"{self.admin_site.name}:{name}", args=[obj.pk, pk])


def _int_or_404(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None
