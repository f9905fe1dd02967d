"""Permission-matrix rules for leak cases (A1, L3). Need-to-know: a case is seen by its case
team (Alfa's integrity officer, by an object grant) and the designated roles (privacy officer,
management); worked only by the team and the privacy officer; everyone else — the reporter,
the administrator, other municipalities, the service centre — gets a 404. Council members
never: 403 on the lists, 404 on a case, and every POST refused before the view (X4)."""

from tests.permission_matrix import (
    ALLOW,
    DENY,
    LOGIN,
    NO_METHOD,
    NOT_FOUND,
    Rule,
    out_of_scope_is_404,
)

SIGNED_OUT = {"anonymous": LOGIN, "inactive": LOGIN}
GET_ONLY = {"GET": ALLOW, "POST": NO_METHOD}
REFUSED = {"GET": DENY, "POST": NO_METHOD}
COUNCIL_READ_ONLY = {"GET": DENY, "POST": DENY}  # the view refuses GET, X4 refuses POST
REPORTERS = (
    "clerk",
    "civil_servant",
    "privacy_officer",
    "integrity_officer",
    "management",
    "other_municipality_clerk",
    "other_domain_clerk",
)
OVERSEERS = ("privacy_officer", "management")
WORKERS = ("privacy_officer", "integrity_officer")  # the handler and the team member


def _case(ctx, entry):
    """A case of Alfa with a breach, a linked secret item, and its integrity officer on the
    team; one more colleague on the team to be taken off."""
    from guardian.shortcuts import assign_perm

    from portal.roles import Role
    from tests.confidentiality.factories import SecrecyItemFactory
    from tests.factories import UserFactory
    from tests.leaks.factories import BreachFactory, FrameworkVersionFactory, LeakCaseFactory

    if not hasattr(ctx, "a_leak_case"):
        a = ctx.world.a
        framework = FrameworkVersionFactory(municipality=a.municipality)
        ctx.a_leak_case = LeakCaseFactory(
            framework_version=framework, reported_by=a.users[Role.CIVIL_SERVANT]
        )
        BreachFactory(case=ctx.a_leak_case)
        assign_perm("leaks.view_leakcase", a.users[Role.INTEGRITY_OFFICER], ctx.a_leak_case)
        ctx.a_leak_colleague = UserFactory(identity_domain=a.org, role=Role.CIVIL_SERVANT)
        assign_perm("leaks.view_leakcase", ctx.a_leak_colleague, ctx.a_leak_case)
        item = SecrecyItemFactory(imposing_body=a.college)
        ctx.a_leak_link = ctx.a_leak_case.links.create(
            secrecy_item=item, added_by=a.users[Role.PRIVACY_OFFICER]
        )
    kwargs = {"uuid": ctx.a_leak_case.uuid}
    if "kind" in entry.kwarg_names:
        kwargs["kind"] = "police_report"
    if "user_uuid" in entry.kwarg_names:
        kwargs["user_uuid"] = ctx.a_leak_colleague.uuid
    if "link_uuid" in entry.kwarg_names:
        kwargs["link_uuid"] = ctx.a_leak_link.uuid
    return kwargs


def _destruction_list(ctx, entry):
    """An open destruction list of Alfa naming the case's breach (approving it writes, the
    worker that would destroy is not run here)."""
    from django.utils import timezone

    from leaks.models import BreachDestructionItem, BreachDestructionList

    if not hasattr(ctx, "a_destruction_list"):
        _case(ctx, entry)
        today = timezone.localdate()
        ctx.a_destruction_list = BreachDestructionList.objects.create(
            municipality=ctx.world.a.municipality
        )
        BreachDestructionItem.objects.create(
            destruction_list=ctx.a_destruction_list,
            breach_uuid=ctx.a_leak_case.breach.uuid,
            case=ctx.a_leak_case,
            case_reference=ctx.a_leak_case.reference,
            aware_on=today,
            closed_on=today,
            retain_until=today,
        )
    return {"list_uuid": ctx.a_destruction_list.uuid}


def _per_case(get: str, post: str) -> Rule:
    """Outcomes on one case: the workers may, management reads but may not write (403),
    everyone else does not know the case exists (404)."""

    def expect(ctx, key, principal, method):
        if principal in SIGNED_OUT:
            return LOGIN
        allowed = get if method == "GET" else post
        if allowed == NO_METHOD:
            return DENY if principal == "council_member" and method == "POST" else NO_METHOD
        if principal == "council_member" and method == "POST":
            return DENY  # X4: refused before the view
        if principal in WORKERS:
            return ALLOW
        if principal == "management":
            return allowed  # sees the case; the view decides whether it may act
        return NOT_FOUND

    return expect


RULES = [
    Rule(
        "leaks:case_list",
        expect={
            **SIGNED_OUT,
            "council_member": COUNCIL_READ_ONLY,
            "superuser": REFUSED,  # no municipality: no cases
        },
        default=GET_ONLY,
        note="L3: the list holds only cases of the user's need-to-know.",
    ),
    Rule(
        "leaks:case_report",
        expect={
            **SIGNED_OUT,
            **{p: {"GET": ALLOW, "POST": ALLOW} for p in REPORTERS},
        },
        default=DENY,
    ),
    *(
        Rule(
            f"leaks:{name}",
            expect={
                **SIGNED_OUT,
                **{p: GET_ONLY for p in OVERSEERS},
                "council_member": COUNCIL_READ_ONLY,
            },
            default=REFUSED,
        )
        for name in ("dashboard", "breach_register", "breach_register_export")
    ),
    # Retention: the archivist's role (by default the administrator's) approves the destruction
    # list of their own municipality; another municipality's list is a 404.
    Rule(
        "leaks:destruction_lists",
        expect={
            **SIGNED_OUT,
            "administrator": GET_ONLY,
            "other_municipality_admin": GET_ONLY,
            "council_member": COUNCIL_READ_ONLY,
        },
        default=REFUSED,
    ),
    Rule(
        "leaks:destruction_approve",
        kwargs=_destruction_list,
        expect={
            **SIGNED_OUT,
            "administrator": {"GET": NO_METHOD, "POST": ALLOW},
            "other_municipality_admin": {"GET": NO_METHOD, "POST": NOT_FOUND},
        },
        default={"GET": NO_METHOD, "POST": DENY},
    ),
    Rule("leaks:case_detail", kwargs=_case, expect_fn=_per_case(ALLOW, NO_METHOD)),
    Rule("leaks:access_trace", kwargs=_case, expect_fn=_per_case(DENY, NO_METHOD)),
    # L9: the notification as JSON is a read for whoever sees the case, management included.
    Rule("leaks:breach_json", kwargs=_case, expect_fn=_per_case(ALLOW, NO_METHOD)),
    *(
        Rule(f"leaks:{name}", kwargs=_case, expect_fn=_per_case(DENY, DENY))
        for name in (
            "case_facts",
            "case_weigh",
            "track_decide",
            "breach_edit",
            "breach_notify",
            "breach_awareness",
            "team",
            "link_add",
            "trace_code",
        )
    ),
    *(
        Rule(f"leaks:{name}", kwargs=_case, expect_fn=_per_case(NO_METHOD, DENY))
        for name in (
            "case_transition",
            "team_remove",
            "weighing_record",
            "breach_notification_pdf",
            "breach_letter_pdf",
        )
    ),
]

# T1, issue 14 finding 12: one of Alfa's objects is a 404 for everyone outside Alfa.
RULES = out_of_scope_is_404(
    RULES,
    "leaks:destruction_approve",
)
