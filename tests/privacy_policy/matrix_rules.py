"""Permission-matrix rules for motions, commitments and privacy policy (A1).

Viewers of motions: every staff role but the administrator, and council members (read-only,
X4: their POSTs are refused by the middleware before any view). The griffie manages; the owner
(here a's civil servant) reports progress. Another municipality's objects are a 404 (T1)."""

from tests.permission_matrix import ALLOW, DENY, LOGIN, NO_METHOD, NOT_FOUND, UNAUTHENTICATED, Rule

SIGNED_OUT = {"anonymous": LOGIN, "inactive": LOGIN}
VIEWERS_A = (
    "clerk",
    "civil_servant",
    "privacy_officer",
    "integrity_officer",
    "management",
    "other_domain_clerk",
)
MANAGERS_A = ("clerk", "other_domain_clerk")
MANAGERS_ANY = (*MANAGERS_A, "other_municipality_clerk")
COUNCIL_READ = {"council_member": {"GET": ALLOW, "POST": DENY}}
COUNCIL_REFUSED = {"council_member": DENY}


def _motion(ctx, entry):
    from tests.privacy_policy.factories import MotionFactory

    if not hasattr(ctx, "pp_motion"):
        ctx.pp_motion = MotionFactory(municipality=ctx.world.a.municipality)
    return {"uuid": ctx.pp_motion.uuid}


def _assignment(ctx, entry):
    from portal.roles import Role
    from tests.privacy_policy.factories import AssignmentFactory

    _motion(ctx, entry)
    if not hasattr(ctx, "pp_assignment"):
        ctx.pp_assignment = AssignmentFactory(
            motion=ctx.pp_motion, owner=ctx.world.a.users[Role.CIVIL_SERVANT]
        )
    return {"uuid": ctx.pp_assignment.uuid}


def _commitment(ctx, entry):
    from portal.roles import Role
    from tests.privacy_policy.factories import CommitmentFactory

    if not hasattr(ctx, "pp_commitment"):
        ctx.pp_commitment = CommitmentFactory(
            municipality=ctx.world.a.municipality, owner=ctx.world.a.users[Role.CIVIL_SERVANT]
        )
    return {"uuid": ctx.pp_commitment.uuid}


ITEM_KWARGS = {"assignment": _assignment, "commitment": _commitment}

RULES = [
    *(
        Rule(
            f"privacy_policy:{name}",
            expect={
                **SIGNED_OUT,
                **{p: {"GET": ALLOW, "POST": NO_METHOD} for p in VIEWERS_A},
                "other_municipality_clerk": {"GET": ALLOW, "POST": NO_METHOD},
                "superuser": {"GET": ALLOW, "POST": NO_METHOD},  # sees an empty list
                **COUNCIL_READ,
            },
            default={"GET": DENY, "POST": NO_METHOD},
            note="P4: the council-facing list; the administrator has no business here.",
        )
        for name in ("overview", "motion_list")
    ),
    *(
        Rule(
            f"privacy_policy:{name}",
            expect={**SIGNED_OUT, **{p: ALLOW for p in MANAGERS_ANY}},
            default=DENY,
            note="P1, P3: the griffie registers (in its own municipality).",
        )
        for name in ("motion_create", "commitment_create")
    ),
    Rule(
        "privacy_policy:progress_report",
        expect={
            **SIGNED_OUT,
            **{p: ALLOW for p in VIEWERS_A},
            "other_municipality_clerk": ALLOW,
            **COUNCIL_REFUSED,
        },
        default=DENY,
        note="P4, X3: whoever follows motions and may write asks for the PDF.",
    ),
    Rule(
        "privacy_policy:motion_detail",
        kwargs=_motion,
        expect={
            **SIGNED_OUT,
            **{p: {"GET": ALLOW, "POST": NO_METHOD} for p in VIEWERS_A},
            **COUNCIL_READ,
        },
        default={"GET": NOT_FOUND, "POST": NO_METHOD},
    ),
    Rule(
        "privacy_policy:motion_edit",
        kwargs=_motion,
        expect={
            **SIGNED_OUT,
            **{p: DENY for p in VIEWERS_A},
            **{p: ALLOW for p in MANAGERS_A},
            **COUNCIL_REFUSED,
        },
        default=NOT_FOUND,
    ),
    Rule(
        "privacy_policy:assignment_add",
        kwargs=_motion,
        expect={
            **SIGNED_OUT,
            **{p: DENY for p in VIEWERS_A},
            **{p: ALLOW for p in MANAGERS_A},
            **COUNCIL_REFUSED,
        },
        default=NOT_FOUND,
    ),
    Rule(
        "privacy_policy:motion_close",
        kwargs=_motion,
        expect={
            **SIGNED_OUT,
            **{p: {"GET": NO_METHOD, "POST": DENY} for p in VIEWERS_A},
            **{p: {"GET": NO_METHOD, "POST": ALLOW} for p in MANAGERS_A},
            "council_member": {"GET": NO_METHOD, "POST": DENY},
        },
        default={"GET": NO_METHOD, "POST": NOT_FOUND},
    ),
]

for kind, kwargs in ITEM_KWARGS.items():
    RULES += [
        Rule(
            f"privacy_policy:{kind}_detail",
            kwargs=kwargs,
            expect={
                **SIGNED_OUT,
                **{p: {"GET": ALLOW, "POST": NO_METHOD} for p in VIEWERS_A},
                **COUNCIL_READ,
            },
            default={"GET": NOT_FOUND, "POST": NO_METHOD},
        ),
        Rule(
            f"privacy_policy:{kind}_edit",
            kwargs=kwargs,
            expect={
                **SIGNED_OUT,
                **{p: DENY for p in VIEWERS_A},
                **{p: ALLOW for p in MANAGERS_A},
                **COUNCIL_REFUSED,
            },
            default=NOT_FOUND,
            note="P1, P3: the griffie changes owner, deadline and description.",
        ),
        Rule(
            f"privacy_policy:{kind}_progress",
            kwargs=kwargs,
            expect={
                **SIGNED_OUT,
                **{p: DENY for p in VIEWERS_A},
                "civil_servant": ALLOW,  # the owner
                **{p: ALLOW for p in MANAGERS_A},
                **COUNCIL_REFUSED,
            },
            default=NOT_FOUND,
            note="P1: the owner reports progress; the griffie may record it for them.",
        ),
        *(
            Rule(
                f"privacy_policy:{kind}_{name}",
                kwargs=kwargs,
                expect={
                    **SIGNED_OUT,
                    **{p: {"GET": NO_METHOD, "POST": DENY} for p in VIEWERS_A},
                    **{p: {"GET": NO_METHOD, "POST": ALLOW} for p in MANAGERS_A},
                    "council_member": {"GET": NO_METHOD, "POST": DENY},
                },
                default={"GET": NO_METHOD, "POST": NOT_FOUND},
                note="P2: the griffie links letters and records the afdoening.",
            )
            for name in ("letter", "accept")
        ),
    ]


# --- P7: model policies ------------------------------------------------------------------------
POLICY_VIEWERS = ("civil_servant", "privacy_officer", "integrity_officer", "management")


def _model_policy(ctx, entry):
    from tests.privacy_policy.factories import ModelPolicyVersionFactory

    if not hasattr(ctx, "pp_model_version"):
        ctx.pp_model_version = ModelPolicyVersionFactory()
    return {"uuid": ctx.pp_model_version.model_policy.uuid}


def _adoption(ctx, entry):
    import datetime

    from privacy_policy.models import Adoption

    _model_policy(ctx, entry)
    if not hasattr(ctx, "pp_adoption"):
        ctx.pp_adoption = Adoption.objects.create(
            municipality=ctx.world.a.municipality,
            model_policy=ctx.pp_model_version.model_policy,
            version=ctx.pp_model_version,
            adopted_by=ctx.world.a.raad,
            adopted_on=datetime.date(2015, 3, 1),
            decision_reference="Raadsbesluit 2015/3",
        )
    return {"uuid": ctx.pp_adoption.uuid}


RULES += [
    Rule(
        "privacy_policy:model_policy_list",
        expect={
            **SIGNED_OUT,
            **{p: {"GET": ALLOW, "POST": NO_METHOD} for p in (*POLICY_VIEWERS, "superuser")},
            "council_member": DENY,
        },
        default={"GET": DENY, "POST": NO_METHOD},
        note="P7: shared across municipalities; whoever works with policy sees the list.",
    ),
    Rule(
        "privacy_policy:model_policy_detail",
        kwargs=_model_policy,
        expect={
            **SIGNED_OUT,
            **{p: {"GET": ALLOW, "POST": NO_METHOD} for p in (*POLICY_VIEWERS, "superuser")},
            "council_member": {"GET": NOT_FOUND, "POST": DENY},
        },
        default={"GET": NOT_FOUND, "POST": NO_METHOD},
    ),
    Rule(
        "privacy_policy:model_policy_version_new",
        kwargs=_model_policy,
        expect={
            **SIGNED_OUT,
            **{p: DENY for p in POLICY_VIEWERS},
            "superuser": ALLOW,  # the service centre; others need the grant on the model
            "council_member": {"GET": NOT_FOUND, "POST": DENY},
        },
        default=NOT_FOUND,
        note="P7: editing needs a grant on this model policy, not a municipality role.",
    ),
    Rule(
        "privacy_policy:adoption_record",
        kwargs=_model_policy,
        expect={
            **SIGNED_OUT,
            **{p: DENY for p in (*POLICY_VIEWERS, "superuser")},
            "privacy_officer": ALLOW,
            "council_member": {"GET": NOT_FOUND, "POST": DENY},
        },
        default=NOT_FOUND,
    ),
    Rule(
        "privacy_policy:deviation_add",
        kwargs=_adoption,
        expect={
            **SIGNED_OUT,
            "privacy_officer": ALLOW,
            "council_member": {"GET": NOT_FOUND, "POST": DENY},
        },
        default=NOT_FOUND,
        note="T1: an adoption is its municipality's own; everyone else gets a 404.",
    ),
]


# --- X6: the JSON API ---------------------------------------------------------------------------
RULES += [
    Rule(
        "privacy_policy:api_*",
        expect={
            # A JSON API: 401 problem+json, not the sign-in page (issue 14 finding 12).
            "anonymous": UNAUTHENTICATED,
            "inactive": UNAUTHENTICATED,
            **{p: {"GET": ALLOW, "POST": NO_METHOD} for p in VIEWERS_A},
            "other_municipality_clerk": {"GET": ALLOW, "POST": NO_METHOD},
            "superuser": {"GET": ALLOW, "POST": NO_METHOD},  # an empty list: no municipality
            **COUNCIL_READ,
        },
        default={"GET": DENY, "POST": NO_METHOD},
        note="X6: read-only; the caller's own municipality only (T1).",
    ),
]


# --- P5, P6, P8: policy documents, norms and audits, plans --------------------------------------


def _policy_objects(ctx):
    from privacy_policy.models import (
        ActionPlan,
        Audit,
        Finding,
        Norm,
        NormFramework,
        PolicyDocument,
    )

    if not hasattr(ctx, "pp_document"):
        municipality = ctx.world.a.municipality
        ctx.pp_document = PolicyDocument.objects.create(
            municipality=municipality, kind="privacynota", title="Privacynota"
        )
        ctx.pp_framework = NormFramework.objects.create(
            municipality=municipality, title="Normenkader privacy"
        )
        ctx.pp_audit = Audit.objects.create(
            municipality=municipality, framework=ctx.pp_framework, year=2018, title="Audit"
        )
        ctx.pp_plan = ActionPlan.objects.create(municipality=municipality, title="Digivangnet")
        norm = Norm.objects.create(framework=ctx.pp_framework, code="N1", title="Register")
        ctx.pp_audit.norms.add(norm)
        ctx.pp_finding = Finding.objects.create(audit=ctx.pp_audit, norm=norm, result="partial")
    return ctx


def _policy_kwargs(attr):
    def kwargs(ctx, entry):
        return {"uuid": getattr(_policy_objects(ctx), attr).uuid}

    return kwargs


RULES += [
    Rule(
        "privacy_policy:policy_overview",
        expect={
            **SIGNED_OUT,
            **{p: {"GET": ALLOW, "POST": NO_METHOD} for p in (*POLICY_VIEWERS, "superuser")},
            "council_member": DENY,
        },
        default={"GET": DENY, "POST": NO_METHOD},
    ),
    *(
        Rule(
            f"privacy_policy:{name}",
            kwargs=_policy_kwargs(attr),
            expect={
                **SIGNED_OUT,
                **{p: {"GET": ALLOW, "POST": NO_METHOD} for p in POLICY_VIEWERS},
                "council_member": {"GET": NOT_FOUND, "POST": DENY},
            },
            default={"GET": NOT_FOUND, "POST": NO_METHOD},
        )
        for name, attr in (
            ("document_detail", "pp_document"),
            ("framework_detail", "pp_framework"),
            ("plan_detail", "pp_plan"),
        )
    ),
    *(
        Rule(
            f"privacy_policy:{name}",
            kwargs=_policy_kwargs(attr),
            expect={
                **SIGNED_OUT,
                **{p: DENY for p in POLICY_VIEWERS},
                "privacy_officer": ALLOW,
                "council_member": {"GET": NOT_FOUND, "POST": DENY},
            },
            default=NOT_FOUND,
            note="P5, P6, P8: the privacy officer keeps policy; viewers are refused.",
        )
        for name, attr in (
            ("document_version_add", "pp_document"),
            ("finding_add", "pp_audit"),
            ("plan_action_add", "pp_plan"),
            ("audit_plan", "pp_framework"),
            ("measure_add", "pp_finding"),
            ("evaluation_add", "pp_plan"),
        )
    ),
    *(
        Rule(
            f"privacy_policy:{name}",
            expect={**SIGNED_OUT, "privacy_officer": ALLOW},
            default=DENY,
            note="P5, P6, P8: only the privacy officer creates documents, frameworks, plans.",
        )
        for name in ("document_create", "framework_create", "plan_create")
    ),
]
