from django.urls import path

from .views import api, api_ori, model_policies, motions, policy

app_name = "privacy_policy"

urlpatterns = [
    # P1–P4: motions, assignments, commitments and the council-facing overview.
    path("", motions.overview, name="overview"),
    path("moties/", motions.motion_list, name="motion_list"),
    path("moties/nieuw/", motions.motion_create, name="motion_create"),
    path("moties/<uuid:uuid>/", motions.motion_detail, name="motion_detail"),
    path("moties/<uuid:uuid>/bijwerken/", motions.motion_edit, name="motion_edit"),
    path("moties/<uuid:uuid>/opdracht/", motions.assignment_add, name="assignment_add"),
    path("moties/<uuid:uuid>/afdoen/", motions.motion_close, name="motion_close"),
    path("toezeggingen/nieuw/", motions.commitment_create, name="commitment_create"),
    path("voortgangsrapportage/", motions.progress_report_request, name="progress_report"),
    # P5, P6, P8: policy documents, norm frameworks and audits, action plans.
    path("beleid/", policy.policy_overview, name="policy_overview"),
    path("beleid/stukken/nieuw/", policy.document_create, name="document_create"),
    path("beleid/normenkaders/nieuw/", policy.framework_create, name="framework_create"),
    path("beleid/normenkaders/<uuid:uuid>/audit/", policy.audit_plan, name="audit_plan"),
    path("beleid/bevindingen/<uuid:uuid>/maatregel/", policy.measure_add, name="measure_add"),
    path("beleid/plannen/nieuw/", policy.plan_create, name="plan_create"),
    path("beleid/plannen/<uuid:uuid>/evaluatie/", policy.evaluation_add, name="evaluation_add"),
    path("beleid/stukken/<uuid:uuid>/", policy.document_detail, name="document_detail"),
    path(
        "beleid/stukken/<uuid:uuid>/versie/",
        policy.document_version_add,
        name="document_version_add",
    ),
    path("beleid/normenkaders/<uuid:uuid>/", policy.framework_detail, name="framework_detail"),
    path("beleid/audits/<uuid:uuid>/bevinding/", policy.finding_add, name="finding_add"),
    path("beleid/plannen/<uuid:uuid>/", policy.plan_detail, name="plan_detail"),
    path("beleid/plannen/<uuid:uuid>/actie/", policy.plan_action_add, name="plan_action_add"),
    # X6: the read-only JSON API, described by OpenAPI.
    path("api/v1/moties/", api.motions, name="api_motions"),
    path("api/v1/toezeggingen/", api.commitments, name="api_commitments"),
    path("api/v1/openapi.json", api.openapi, name="api_schema"),
    # X6, T5: the same in ORI words with the follow-up; NLGov paths without a trailing slash.
    path("api/v2/moties", api_ori.motions, name="api_v2_motions"),
    path("api/v2/toezeggingen", api_ori.commitments, name="api_v2_commitments"),
    path("api/v2/openapi.json", api_ori.openapi, name="api_v2_schema"),
    # P7: model policies (shared), adoptions and deviations (per municipality).
    path("voorbeeldbeleid/", model_policies.model_policy_list, name="model_policy_list"),
    path(
        "voorbeeldbeleid/<uuid:uuid>/",
        model_policies.model_policy_detail,
        name="model_policy_detail",
    ),
    path(
        "voorbeeldbeleid/<uuid:uuid>/nieuwe-versie/",
        model_policies.model_policy_version_new,
        name="model_policy_version_new",
    ),
    path(
        "voorbeeldbeleid/<uuid:uuid>/vaststellen/",
        model_policies.adoption_record,
        name="adoption_record",
    ),
    path(
        "vaststellingen/<uuid:uuid>/afwijking/",
        model_policies.deviation_add,
        name="deviation_add",
    ),
]
for prefix, kind in (("opdrachten", "assignment"), ("toezeggingen", "commitment")):
    extra = {"kind": kind}
    urlpatterns += [
        path(f"{prefix}/<uuid:uuid>/", motions.item_detail, extra, name=f"{kind}_detail"),
        path(
            f"{prefix}/<uuid:uuid>/voortgang/",
            motions.progress_add,
            extra,
            name=f"{kind}_progress",
        ),
        path(f"{prefix}/<uuid:uuid>/bijwerken/", motions.item_edit, extra, name=f"{kind}_edit"),
        path(f"{prefix}/<uuid:uuid>/brief/", motions.letter_add, extra, name=f"{kind}_letter"),
        path(f"{prefix}/<uuid:uuid>/afdoening/", motions.item_accept, extra, name=f"{kind}_accept"),
    ]
