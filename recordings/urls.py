from django.urls import path

from . import views

app_name = "recordings"

urlpatterns = [
    path("", views.recording_list, name="list"),
    path("nieuw/", views.recording_create, name="create"),
    path("beschikbaar/", views.available_list, name="available"),
    path("<uuid:uuid>/", views.recording_detail, name="detail"),
    path("<uuid:uuid>/publiceren/", views.recording_publish, name="publish"),
    path("<uuid:uuid>/kijkrechten/", views.grant_add, name="grant_add"),
    path("kijkrechten/<uuid:uuid>/verwijderen/", views.grant_remove, name="grant_remove"),
    path("<uuid:uuid>/medewerkers/", views.employee_add, name="employee_add"),
    path("medewerkers/<uuid:uuid>/bezwaar/", views.objection_record, name="objection_record"),
    path("medewerkers/<uuid:uuid>/beslissing/", views.objection_decide, name="objection_decide"),
]
