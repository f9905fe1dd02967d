from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.db.models import Q


class AuthenticationBackend(AllauthBackend):
    """allauth's backend (e-mail login, Django's permission checks) that loads the signed-in
    user with the identity domain and municipality every page shows: one query, not three;
    and the user's permissions, their own and their groups', in one query, not two (B1)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            from django.contrib.auth.models import Group, Permission

            if user_obj.is_superuser:
                perms = Permission.objects.all()
            else:
                own = user_obj.user_permissions.through.objects.filter(user_id=user_obj.pk)
                grouped = Group.permissions.through.objects.filter(group__user=user_obj.pk)
                perms = Permission.objects.filter(
                    Q(pk__in=own.values("permission_id"))
                    | Q(pk__in=grouped.values("permission_id"))
                )
            rows = perms.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in rows}
        return user_obj._perm_cache

    def get_user(self, user_id):
        user = (
            self.get_user_model_class()
            ._default_manager.select_related("identity_domain__municipality")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    @staticmethod
    def get_user_model_class():
        from django.contrib.auth import get_user_model

        return get_user_model()
