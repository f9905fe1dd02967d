from django.urls import path

from . import demo_api, views

app_name = "ris"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("synchroniseren/", views.sync, name="sync"),
    path("personen/<uuid:uuid>/koppelen/", views.person_link, name="person_link"),
    path(
        "agendapunten/<uuid:uuid>/besloten-bevestigen/",
        views.closed_session_confirm,
        name="closed_session_confirm",
    ),
    # The demo's example RIS (demo mode only; a 404 elsewhere).
    path("voorbeeld-api/<slug:path>", demo_api.example_collection, name="example_api"),
]
