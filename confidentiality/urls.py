from django.urls import path

from . import views

app_name = "confidentiality"

urlpatterns = [
    path("", views.register_list, name="register_list"),
    path("<uuid:uuid>/", views.register_detail, name="register_detail"),
    path("<uuid:uuid>/geschiedenis/", views.register_history, name="register_history"),
    path("gedeeld/", views.shared_list, name="shared_list"),
    path("gedeeld/<uuid:uuid>/", views.shared_detail, name="shared_detail"),
]
