"""The portal's URLs plus one view that fails, for the 500 page's tests."""

from django.contrib.auth.decorators import login_not_required
from django.db import OperationalError
from django.urls import path

from portal.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


@login_not_required
def database_down(request):
    raise OperationalError("connection to server failed")


urlpatterns = [path("stuk/", database_down), *urlpatterns]
