from django.urls import path

from . import views

app_name = "recordings"

urlpatterns = [
    path("", views.recording_list, name="list"),
    path("nieuw/", views.recording_create, name="create"),
    path("beschikbaar/", views.available_list, name="available"),
    path("in-beeld/", views.my_appearances, name="my_appearances"),
    path("in-beeld/<uuid:uuid>/bezwaar/", views.my_objection, name="my_objection"),
    path("<uuid:uuid>/", views.recording_detail, name="detail"),
    path("<uuid:uuid>/publiceren/", views.recording_publish, name="publish"),
    path("<uuid:uuid>/bestand/", views.recording_upload, name="upload"),
    path("<uuid:uuid>/bekijken/", views.recording_play, name="play"),
    path("<uuid:uuid>/hoofdstukken.vtt", views.recording_chapters, name="chapters"),
    path("<uuid:uuid>/ondertiteling/", views.recording_captions, name="captions"),
    path("<uuid:uuid>/ondertiteling.vtt", views.recording_captions_track, name="captions_track"),
    path("<uuid:uuid>/stream/<str:token>/", views.recording_stream, name="stream"),
    path("<uuid:uuid>/testuitnodiging/", views.test_invitation, name="test_invitation"),
    path("<uuid:uuid>/intrekken/", views.recording_withdraw, name="withdraw"),
    path("<uuid:uuid>/kijkrechten/", views.grant_add, name="grant_add"),
    path("kijkrechten/<uuid:uuid>/verwijderen/", views.grant_remove, name="grant_remove"),
    path("<uuid:uuid>/medewerkers/", views.employee_add, name="employee_add"),
    path("medewerkers/<uuid:uuid>/bezwaar/", views.objection_record, name="objection_record"),
    path("medewerkers/<uuid:uuid>/beslissing/", views.objection_decide, name="objection_decide"),
]
