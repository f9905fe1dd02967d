from django.urls import path

from . import views

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
]
