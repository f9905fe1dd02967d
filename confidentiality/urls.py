from django.urls import path

from . import views, views_manage, views_public

app_name = "confidentiality"

urlpatterns = [
    path("", views.register_list, name="register_list"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("nieuw/", views_manage.item_register, name="item_register"),
    path(
        "besloten-vergadering/",
        views_manage.closed_session_register,
        name="closed_session_register",
    ),
    path("uitsluitingen/", views.exclusion_list, name="exclusion_list"),
    path("uitsluitingen/nieuw/", views_manage.exclusion_add, name="exclusion_add"),
    path("traceercode/", views.trace_lookup, name="trace_lookup"),
    path("<uuid:uuid>/", views.register_detail, name="register_detail"),
    path("<uuid:uuid>/geschiedenis/", views.register_history, name="register_history"),
    path(
        "<uuid:uuid>/versies/<uuid:version>/download/",
        views.register_download,
        name="register_download",
    ),
    path("<uuid:uuid>/delen/", views_manage.item_share, name="item_share"),
    path("<uuid:uuid>/opheffen/", views_manage.item_lift, name="item_lift"),
    path("<uuid:uuid>/heroverwegen/", views_manage.item_review, name="item_review"),
    path("<uuid:uuid>/documenten/", views_manage.document_upload, name="document_upload"),
    path("<uuid:uuid>/passages/", views_manage.passage_add, name="passage_add"),
    path("gedeeld/", views.shared_list, name="shared_list"),
    path("gedeeld/<uuid:uuid>/", views.shared_detail, name="shared_detail"),
    path(
        "gedeeld/<uuid:uuid>/versies/<uuid:version>/",
        views.shared_document,
        name="shared_document",
    ),
    path(
        "gedeeld/<uuid:uuid>/versies/<uuid:version>/download/",
        views.shared_download,
        name="shared_download",
    ),
    path("openbaar/openapi.json", views_public.openapi, name="public_openapi"),
    path("openbaar/<slug:slug>/", views_public.public_register, name="public_register"),
    path(
        "openbaar/<slug:slug>/register.json",
        views_public.public_register_json,
        name="public_register_json",
    ),
]
