from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend


class AuthenticationBackend(AllauthBackend):
    """allauth's backend (e-mail login, Django's permission checks) that loads the signed-in
    user with the identity domain and municipality every page shows: one query, not three."""

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
