from django.urls import path

from . import views

app_name = "leaks"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("melden/", views.case_report, name="case_report"),
    path("overzicht/", views.dashboard, name="dashboard"),
    path("datalekregister/", views.breach_register, name="breach_register"),
    path("datalekregister/export/", views.breach_register_export, name="breach_register_export"),
    path("vernietiging/", views.destruction_lists, name="destruction_lists"),
    path(
        "vernietiging/<uuid:list_uuid>/goedkeuren/",
        views.destruction_approve,
        name="destruction_approve",
    ),
    path("<uuid:uuid>/", views.case_detail, name="case_detail"),
    path("<uuid:uuid>/status/", views.case_transition, name="case_transition"),
    path("<uuid:uuid>/feiten/", views.case_facts, name="case_facts"),
    path("<uuid:uuid>/afweging/", views.case_weigh, name="case_weigh"),
    path("<uuid:uuid>/sporen/<slug:kind>/", views.track_decide, name="track_decide"),
    path("<uuid:uuid>/datalek/", views.breach_edit, name="breach_edit"),
    path("<uuid:uuid>/datalek/melding/", views.breach_notify, name="breach_notify"),
    path(
        "<uuid:uuid>/datalek/melding.pdf",
        views.breach_notification_pdf,
        name="breach_notification_pdf",
    ),
    path("<uuid:uuid>/datalek/melding.json", views.breach_json, name="breach_json"),
    path("<uuid:uuid>/datalek/brief.pdf", views.breach_letter_pdf, name="breach_letter_pdf"),
    path(
        "<uuid:uuid>/datalek/bekend-geworden/",
        views.breach_awareness,
        name="breach_awareness",
    ),
    path("<uuid:uuid>/zaakteam/", views.team, name="team"),
    path(
        "<uuid:uuid>/zaakteam/<uuid:user_uuid>/verwijderen/",
        views.team_remove,
        name="team_remove",
    ),
    path("<uuid:uuid>/koppelingen/", views.link_add, name="link_add"),
    path(
        "<uuid:uuid>/koppelingen/<uuid:link_uuid>/toegangsspoor/",
        views.access_trace,
        name="access_trace",
    ),
    path("<uuid:uuid>/traceercode/", views.trace_code, name="trace_code"),
    path("<uuid:uuid>/afwegingsverslag/", views.weighing_record, name="weighing_record"),
]
