"""Included into the ``portal`` namespace under ``rapporten/`` (portal/urls.py)."""

from django.urls import path

from portal.reports import views

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("nieuw/<slug:kind>/", views.report_new, name="report_new"),
    path("<uuid:uuid>/", views.report_detail, name="report_detail"),
    path("<uuid:uuid>/status/", views.report_status, name="report_status"),
    path("<uuid:uuid>/download/", views.report_download, name="report_download"),
]
