"""A person's own notifications (X2): the list, marking as read, the e-mail preference."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import notifications, selectors
from portal.forms import NotificationPreferenceForm

PAGE_SIZE = 20


@require_GET
def notification_list(request):
    own = selectors.notifications_for(request.user)
    page = Paginator(own, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/notification_list.html", {"page_obj": page})


@require_POST
def notification_mark_read(request, uuid):
    notification = selectors.notification_get(request.user, uuid)
    notifications.notification_mark_read(actor=request.user, notification=notification)
    return redirect("portal:notification_list")


@require_POST
def notification_mark_all_read(request):
    count = notifications.notifications_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return redirect("portal:notification_list")


@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    if request.method == "POST":
        form = NotificationPreferenceForm(request.POST)
        if form.is_valid():
            notifications.notification_preference_set(
                actor=request.user, email_delivery=form.cleaned_data["email_delivery"]
            )
            messages.success(request, _("Uw voorkeur voor meldingen is opgeslagen."))
            return redirect("portal:notification_preferences")
        status = 400
    else:
        form = NotificationPreferenceForm(
            initial={"email_delivery": selectors.notification_email_delivery(request.user)}
        )
        status = 200
    return render(request, "portal/notification_preferences.html", {"form": form}, status=status)
