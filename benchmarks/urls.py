"""The portal's URLs plus the B2 floor: a bare view doing three indexed queries, behind the same
middleware (session, sign-in, MFA, audit origin), so the ratio measures what our pages add."""

from django.http import HttpResponse
from django.urls import path

from portal.models import Body, Membership, Municipality
from portal.urls import urlpatterns as portal_urlpatterns


def floor(request):
    municipality = Municipality.objects.get(pk=request.user.municipality_id)
    body = Body.objects.filter(municipality=municipality).order_by("pk").first()
    seats = Membership.objects.filter(user_id=request.user.pk, body=body).count()
    return HttpResponse(f"{municipality.slug} {seats}", content_type="text/plain")


urlpatterns = [path("_benchmark/floor/", floor), *portal_urlpatterns]
