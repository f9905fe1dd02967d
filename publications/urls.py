from django.urls import path

from .views import api, harvest, manage, public, requests

app_name = "publications"

urlpatterns = [
    # C11: the griffie's tasks and publications.
    path("", manage.manage_list, name="manage_list"),
    path("<uuid:uuid>/", manage.publication_detail, name="publication_detail"),
    path("<uuid:uuid>/bewerken/", manage.publication_edit, name="publication_edit"),
    path("<uuid:uuid>/publiceren/", manage.publication_publish, name="publication_publish"),
    path("<uuid:uuid>/intrekken/", manage.publication_withdraw, name="publication_withdraw"),
    path(
        "<uuid:uuid>/documenten/<uuid:document>/",
        manage.publication_document,
        name="publication_document",
    ),
    path("taken/<uuid:uuid>/niet-publiceren/", manage.task_decline, name="task_decline"),
    # C12: Woo requests for secret items.
    path("verzoeken/", requests.request_list, name="request_list"),
    path("verzoeken/nieuw/<uuid:item>/", requests.request_register, name="request_register"),
    path("verzoeken/<uuid:uuid>/", requests.request_detail, name="request_detail"),
    path("verzoeken/<uuid:uuid>/verdagen/", requests.request_extend, name="request_extend"),
    path("verzoeken/<uuid:uuid>/beslissen/", requests.request_decide, name="request_decide"),
    # C11: open to everyone.
    path("openbaar/<slug:slug>/", public.public_list, name="public_list"),
    path("openbaar/<slug:slug>/sitemap.xml", harvest.sitemap_index, name="sitemap_index"),
    path("openbaar/<slug:slug>/sitemap-<int:page>.xml", harvest.sitemap_page, name="sitemap_page"),
    path("openbaar/<slug:slug>/<uuid:uuid>/", public.public_detail, name="public_detail"),
    path(
        "openbaar/<slug:slug>/<uuid:uuid>/documenten/<uuid:document>",
        public.public_download,
        name="public_download",
    ),
    # X6: the read-only API (NLGov: no trailing slashes).
    path("api/v1/openapi.json", api.openapi, name="api_openapi"),
    path("api/v1/gemeenten/<str:slug>/publicaties", api.publications, name="api_publications"),
    path(
        "api/v1/gemeenten/<str:slug>/publicaties/<str:uuid>",
        api.publication,
        name="api_publication",
    ),
]
