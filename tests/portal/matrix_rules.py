"""Permission-matrix rules for the shared core, allauth and the Django admin (A1)."""

from tests.permission_matrix import (
    ALLOW,
    ANY,
    DENY,
    LOGIN,
    NO_METHOD,
    NOT_FOUND,
    Rule,
    out_of_scope_is_404,
)

SIGNED_OUT = {"anonymous": LOGIN, "inactive": LOGIN}
READ_ONLY_POST = {"GET": ALLOW, "POST": DENY}  # X4: the council member's POST is refused
GET_ONLY = {"GET": ALLOW, "POST": NO_METHOD}


def _with_default(expect, default):
    return {"expect": expect, "default": default}


def _uuid(attr):
    return lambda ctx, entry: {"uuid": getattr(ctx, attr).uuid}


def _council_members_notification(ctx):
    from portal.models import Notification

    member = ctx.users["council_member"]
    notification, _ = Notification.objects.get_or_create(
        recipient=member,
        key="matrix",
        defaults={
            "municipality_id": member.municipality_id,
            "kind": "test.matrix",
            "title": "Er is iets gebeurd",
            "link": "/",
        },
    )
    return notification


def _alfa_checkpoint_day(ctx):
    """A checkpoint of Alfa's audit chain, exported once for the whole matrix."""
    from datetime import date

    from portal.audit_checkpoints import export_checkpoints

    day = date(2026, 1, 2)
    export_checkpoints(day=day)
    return day.isoformat()


# --- the portal's own pages -------------------------------------------------------------
PORTAL = [
    Rule(
        "portal:home", **_with_default({**SIGNED_OUT, "council_member": READ_ONLY_POST}, GET_ONLY)
    ),
    Rule(
        "portal:profile",
        **_with_default({**SIGNED_OUT, "council_member": READ_ONLY_POST}, GET_ONLY),
    ),
    Rule(
        "portal:accessibility",
        expect={},
        default=GET_ONLY,
        note="public page",
    ),
    Rule(
        "portal:body_list",
        expect={**SIGNED_OUT, "council_member": READ_ONLY_POST},
        default=GET_ONLY,
    ),
    Rule(
        "portal:body_detail",
        kwargs=_uuid("a_raad"),
        expect={
            **SIGNED_OUT,
            "council_member": READ_ONLY_POST,
            "other_municipality_admin": {"GET": NOT_FOUND, "POST": NO_METHOD},
            "other_municipality_clerk": {"GET": NOT_FOUND, "POST": NO_METHOD},
            "superuser": {"GET": NOT_FOUND, "POST": NO_METHOD},
        },
        default=GET_ONLY,
    ),
    Rule(
        "portal:membership_add",
        kwargs=_uuid("a_raad"),
        expect={
            **SIGNED_OUT,
            "clerk": {"GET": NO_METHOD, "POST": ALLOW},
            "other_municipality_admin": {"GET": NO_METHOD, "POST": NOT_FOUND},
            "other_municipality_clerk": {"GET": NO_METHOD, "POST": NOT_FOUND},
            "superuser": {"GET": NO_METHOD, "POST": NOT_FOUND},
            "council_member": {"GET": NO_METHOD, "POST": DENY},
        },
        default={"GET": NO_METHOD, "POST": DENY},
    ),
    Rule(
        "portal:membership_end",
        kwargs=_uuid("a_membership"),
        expect={
            **SIGNED_OUT,
            "clerk": {"GET": NO_METHOD, "POST": ALLOW},
            "other_municipality_admin": {"GET": NO_METHOD, "POST": NOT_FOUND},
            "other_municipality_clerk": {"GET": NO_METHOD, "POST": NOT_FOUND},
            "superuser": {"GET": NO_METHOD, "POST": NOT_FOUND},
        },
        default={"GET": NO_METHOD, "POST": DENY},
    ),
    Rule(
        "portal:audit_list",
        expect={
            **SIGNED_OUT,
            "privacy_officer": GET_ONLY,
            "integrity_officer": GET_ONLY,
            "administrator": GET_ONLY,
            "other_municipality_admin": GET_ONLY,
            "superuser": GET_ONLY,
            "council_member": {"GET": DENY, "POST": DENY},
        },
        default={"GET": DENY, "POST": NO_METHOD},
    ),
    Rule(
        "portal:audit_detail",
        kwargs=_uuid("a_event"),
        expect={
            **SIGNED_OUT,
            "privacy_officer": GET_ONLY,
            "integrity_officer": GET_ONLY,
            "administrator": GET_ONLY,
            "other_municipality_admin": {"GET": NOT_FOUND, "POST": NO_METHOD},
            "superuser": {"GET": NOT_FOUND, "POST": NO_METHOD},
            "council_member": {"GET": DENY, "POST": DENY},
        },
        default={"GET": DENY, "POST": NO_METHOD},
    ),
    Rule(
        "portal:audit_checkpoint_list",
        expect={
            **SIGNED_OUT,
            "privacy_officer": GET_ONLY,
            "superuser": GET_ONLY,  # no municipality: an empty list
            "council_member": {"GET": DENY, "POST": DENY},
        },
        default={"GET": DENY, "POST": NO_METHOD},
        note="issue 20: only the privacy officer downloads the chain's checkpoints",
    ),
    Rule(
        "portal:audit_checkpoint_download",
        kwargs=lambda ctx, entry: {"day": _alfa_checkpoint_day(ctx)},
        expect={
            **SIGNED_OUT,
            "privacy_officer": GET_ONLY,
            "superuser": {"GET": NOT_FOUND, "POST": NO_METHOD},
            "council_member": {"GET": DENY, "POST": DENY},
        },
        default={"GET": DENY, "POST": NO_METHOD},
        note="Alfa's checkpoint; the other municipality's privacy officer has no such day",
    ),
    Rule(
        "portal:notification_list",
        expect={**SIGNED_OUT, "council_member": READ_ONLY_POST},
        default=GET_ONLY,
    ),
    Rule(
        "portal:notification_mark_read",
        kwargs=lambda ctx, entry: {"uuid": _council_members_notification(ctx).uuid},
        expect={
            **SIGNED_OUT,
            # X4 allows this one write: it changes only the member's own inbox.
            "council_member": {"GET": NO_METHOD, "POST": ALLOW},
        },
        default={"GET": NO_METHOD, "POST": NOT_FOUND},
        note="someone else's notification does not exist for you",
    ),
    Rule(
        "portal:notification_mark_all_read",
        expect=SIGNED_OUT,
        default={"GET": NO_METHOD, "POST": ALLOW},
        note="every signed-in person, council members too: their own inbox only",
    ),
    Rule(
        "portal:notification_preferences",
        expect=SIGNED_OUT,
        default=ALLOW,
        note="every signed-in person's own e-mail preference (an empty POST is a 400)",
    ),
    Rule(
        "council:home",
        expect={
            **SIGNED_OUT,
            "council_member": READ_ONLY_POST,
            "superuser": GET_ONLY,
        },
        default={"GET": DENY, "POST": NO_METHOD},
    ),
    Rule("healthz", default=GET_ONLY, note="public, for operations"),
    Rule(
        "portal:theme_css",
        kwargs=lambda ctx, entry: {"slug": ctx.a_raad.municipality.slug},
        default=GET_ONLY,
        expect={"council_member": {"GET": ALLOW, "POST": DENY}},
        note="public branding: the municipality's colour",
    ),
    Rule(
        "portal:municipality_logo",
        kwargs=lambda ctx, entry: {"slug": ctx.a_raad.municipality.slug},
        default={"GET": NOT_FOUND, "POST": NO_METHOD},
        expect={"council_member": {"GET": NOT_FOUND, "POST": DENY}},
        note="public branding; the test world's municipality has no logo",
    ),
    Rule("set_language", default=ALLOW, note="public; changes only the visitor's language"),
    Rule(
        "javascript_catalog",
        default={"GET": ALLOW, "POST": NO_METHOD},
        expect={"council_member": READ_ONLY_POST},
    ),
]


# --- PDF reports (X3, C8) ------------------------------------------------------------------
def _privacy_officers_report(ctx, entry):
    """A finished audit extract of Alfa's privacy officer: no subject, so only the requester."""
    if getattr(ctx, "a_report", None) is None:
        from tests.factories import ReportJobFactory

        ctx.a_report = ReportJobFactory(requested_by=ctx.users["privacy_officer"], done=True)
    return {"uuid": ctx.a_report.uuid}


OWN_REPORT = {
    **SIGNED_OUT,
    "privacy_officer": GET_ONLY,
    "council_member": {"GET": NOT_FOUND, "POST": DENY},
}
MAY_READ_AUDIT = {"GET": ALLOW, "POST": ALLOW}  # POST: a valid (empty) filter set → a job
REPORTS = [
    Rule(
        "portal:report_list",
        expect={**SIGNED_OUT, "council_member": READ_ONLY_POST},
        default=GET_ONLY,
        note="each person's own reports",
    ),
    Rule(
        "portal:report_new",
        kwargs=lambda ctx, entry: {"kind": "audit_extract"},
        expect={
            **SIGNED_OUT,
            "privacy_officer": MAY_READ_AUDIT,
            "integrity_officer": MAY_READ_AUDIT,
            "administrator": MAY_READ_AUDIT,
            "other_municipality_admin": MAY_READ_AUDIT,  # of their own municipality's trail
        },
        default=DENY,
        note="superuser: no municipality, so no audit trail to extract",
    ),
    Rule(
        "portal:report_*",
        kwargs=_privacy_officers_report,
        expect=OWN_REPORT,
        default={"GET": NOT_FOUND, "POST": NO_METHOD},
        note="someone else's report (without a subject) does not exist for you",
    ),
]

# --- django-allauth ------------------------------------------------------------------------
PUBLIC_ACCOUNT = ALLOW
ALLAUTH = [
    Rule("account_login", default=ANY, expect={"anonymous": ALLOW, "inactive": ALLOW}),
    Rule(
        "account_signup",
        default=ANY,
        expect={"anonymous": ALLOW},
        note="signup is closed: the page says so",
    ),
    Rule(
        "openid_connect_*",
        default=NOT_FOUND,
        kwargs=lambda ctx, entry: {"provider_id": "no-such-provider"},
        expect={"council_member": {"GET": NOT_FOUND, "POST": DENY}},
        note="unknown provider",
    ),
    Rule("account_confirm_email", default=ANY, kwargs=lambda c, e: {"key": "invalid-key"}),
    Rule(
        "account_reset_password_from_key",
        default=ANY,
        kwargs=lambda c, e: {"uidb36": "0", "key": "invalid-key"},
    ),
    Rule("account_reset_password*", default=ANY),
    Rule("account_inactive", default=ANY),
    Rule("account_email_verification_sent", default=ANY),
    Rule("account_confirm_login_code", default=ANY),
    Rule("socialaccount_login_*", default=ANY),
    Rule("socialaccount_signup", default=ANY),
    Rule("mfa_authenticate", default=ANY),
    Rule("path:accounts/social/*", default=ANY, note="allauth's legacy redirects"),
    Rule(
        "account_email",
        expect={**SIGNED_OUT, "council_member": READ_ONLY_POST},
        default=GET_ONLY,
        note="T3: the address is shown, never added or changed by its owner",
    ),
    # The signed-in user's own account pages: anonymous must sign in first.
    Rule("account_*", expect=SIGNED_OUT, default=ANY),
    Rule("mfa_*", expect=SIGNED_OUT, default=ANY),
    Rule("socialaccount_connections", expect=SIGNED_OUT, default=ANY),
]

# --- the Django admin -------------------------------------------------------------------
STAFF = {"administrator", "other_municipality_admin", "superuser"}
ADMIN_ACTIONS = (
    "changelist",
    "add",
    "change",
    "delete",
    "history",
    "simple_history",
    "password_change",
    "permissions",
    "permissions_manage_user",
    "permissions_manage_group",
)
SCOPED_MODELS = {
    "municipality",
    "identitydomain",
    "domaintrust",
    "body",
    "membership",
    "user",
    "auditevent",
}


def _split_admin_key(key):
    """admin:portal_body_change → ('portal', 'body', 'change'); path keys likewise."""
    if key.startswith("path:admin/"):
        app, model = key.split("/")[1:3]
        return app, model, "redirect"
    name = key.split(":", 1)[1]
    for action in sorted(ADMIN_ACTIONS, key=len, reverse=True):
        if name.endswith("_" + action):
            stem = name[: -len(action) - 1]
            app, model = _app_model(stem)
            return app, model, action
    return None, None, name


def _app_model(stem):
    from django.apps import apps

    if stem == "auth_user":  # Django's UserAdmin hard-codes this URL name
        return apps.get_model("portal", "user")._meta.app_label, "user"

    for model in apps.get_models():
        if f"{model._meta.app_label}_{model._meta.model_name}" == stem:
            return model._meta.app_label, model._meta.model_name
    raise LookupError(stem)


APPEND_ONLY = {"auditevent"}  # X1: nobody adds, changes or deletes audit events, not even here


def admin_expect(ctx, key, principal, method):
    if principal == "council_member" and method == "POST":
        return DENY  # X4: refused before the admin is reached
    if principal not in STAFF:
        return LOGIN
    app, model, action = _split_admin_key(key)
    if model in APPEND_ONLY and (
        action in {"add", "delete"} or (action in {"change", "changelist"} and method == "POST")
    ):
        return DENY if action != "changelist" else ALLOW
    if action == "history" and ctx.admin_object(app, model) is None:
        return NOT_FOUND  # the admin looks the object up before it checks permissions
    if principal == "superuser":
        if action in {"change", "delete", "history", "simple_history", "password_change"} and (
            ctx.admin_object(app, model) is None
        ):
            return NOT_FOUND
        return ALLOW
    user = ctx.users[principal]

    def can(verb):
        return user.has_perm(f"{app}.{verb}_{model}")

    if action == "redirect":
        return ALLOW  # a redirect to the change page, which checks again
    if action == "changelist":
        return ALLOW if can("view") or can("change") else DENY
    if action == "add":
        return ALLOW if can("add") else DENY
    allowed = {
        "change": can("view") or can("change") if method == "GET" else can("change"),
        "history": can("view") or can("change"),
        # simple_history's version view; POST would revert, which is switched off
        "simple_history": (can("view") or can("change")) if method == "GET" else can("change"),
        "delete": can("delete"),
        "permissions": can("change"),
        "password_change": can("change"),
        "permissions_manage_user": can("change"),
        "permissions_manage_group": can("change"),
    }[action]
    if not allowed:
        return DENY
    obj = ctx.admin_object(app, model)
    if obj is None:
        return NOT_FOUND
    if principal == "other_municipality_admin" and model in SCOPED_MODELS:
        return NOT_FOUND  # T1: another municipality's object does not exist for you
    return ALLOW


def admin_object_kwargs(ctx, entry):
    app, model, _ = _split_admin_key(entry.key)
    obj = ctx.admin_object(app, model)
    if entry.n_args == 2:  # simple_history: (object id, version id)
        version = obj.history.order_by("history_id").first() if obj is not None else None
        return {"__args__": [obj.pk if obj else 0, version.history_id if version else 0]}
    kwargs = {"object_id": obj.pk if obj is not None else 0}
    if "id" in entry.kwarg_names:
        kwargs = {"id": kwargs["object_id"]}
    if "object_pk" in entry.kwarg_names:
        kwargs = {"object_pk": kwargs["object_id"]}
    if "user_id" in entry.kwarg_names:
        kwargs["user_id"] = ctx.users["council_member"].pk
    if "group_id" in entry.kwarg_names:
        kwargs["group_id"] = ctx.any_group.pk
    return kwargs


def _grantee_elsewhere(ctx, entry):
    """guardian's page for one person's grants on Alfa's raad, asked for a council member of
    Beta (issue 14 finding 2)."""
    return {**admin_object_kwargs(ctx, entry), "user_id": ctx.world.b.users["council_member"].pk}


def _grantee_elsewhere_expect(ctx, key, principal, method):
    expected = admin_expect(ctx, key, principal, method)
    return NOT_FOUND if expected == ALLOW else expected


def admin_site_expect(values):
    def fn(ctx, key, principal, method):
        if principal == "council_member" and method == "POST":
            return DENY
        if principal in SIGNED_OUT:
            return LOGIN
        if principal not in STAFF:
            return values.get("non_staff", LOGIN)
        value = values.get(principal, values["staff"])
        return value.get(method, DENY) if isinstance(value, dict) else value

    return fn


ADMIN = [
    Rule(
        "admin:login",
        expect_fn=admin_site_expect({"staff": ALLOW, "non_staff": DENY}),
        note="the admin's password-only form is replaced by allauth's sign-in (MFA, T3)",
    ),
    Rule(
        "admin:logout",
        expect_fn=admin_site_expect(
            {"staff": {"GET": NO_METHOD, "POST": LOGIN}, "non_staff": ALLOW}
        ),
        note="staff: signing out sends you to the sign-in page; others: to the admin index",
    ),
    Rule("admin:index", expect_fn=admin_site_expect({"staff": ALLOW})),
    Rule("admin:password_change_done", expect_fn=admin_site_expect({"staff": GET_ONLY})),
    Rule("admin:password_change", expect_fn=admin_site_expect({"staff": ALLOW})),
    Rule("admin:jsi18n", expect_fn=admin_site_expect({"staff": GET_ONLY})),
    Rule(
        "admin:autocomplete",
        expect_fn=admin_site_expect({"staff": {"GET": DENY, "POST": NO_METHOD}}),
        note="no field given: refused",
    ),
    Rule(
        "admin:view_on_site",
        expect_fn=admin_site_expect({"staff": NOT_FOUND}),
        kwargs=lambda ctx, e: {
            "content_type_id": ctx.user_ct.pk,
            "object_id": ctx.users["clerk"].pk,
        },
        note="users have no public page",
    ),
    Rule(
        "admin:app_list",
        expect_fn=admin_site_expect({"staff": ALLOW}),
        kwargs=lambda ctx, e: {"app_label": "portal"},
    ),
    Rule(
        "path:admin/(?P<url>.*)$",
        expect_fn=admin_site_expect({"staff": NOT_FOUND}),
        path=lambda ctx, e: "/admin/no-such-page/",
    ),
    Rule(
        "admin:portal_body_permissions_manage_user",
        expect_fn=_grantee_elsewhere_expect,
        kwargs=_grantee_elsewhere,
        note="T1: a person of another municipality does not exist for an object grant; the "
        "grant to a colleague is in tests/portal/test_admin_object_grants.py",
    ),
    Rule("admin:*", expect_fn=admin_expect, kwargs=admin_object_kwargs),
    Rule("path:admin/*", expect_fn=admin_expect, kwargs=admin_object_kwargs),
]

RULES = [*PORTAL, *REPORTS, *ALLAUTH, *ADMIN]

# T1, issue 14 finding 12: one of Alfa's objects is a 404 for everyone outside Alfa.
RULES = out_of_scope_is_404(
    RULES,
    "portal:audit_detail",
)
