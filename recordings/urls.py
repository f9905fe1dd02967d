from django.urls import path

from . import views

app_name = "recordings"

urlpatterns = [
    path("<uuid:uuid>/", views.recording_detail, name="detail"),
    path("<uuid:uuid>/publiceren/", views.recording_publish, name="publish"),
]
