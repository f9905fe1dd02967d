"""Views of the shared core: thin — parse, call a selector or service, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import audit_actions, selectors, services
from portal.audit import audit_record, details_shown
from portal.form_flow import save_or_refuse
from portal.forms import MembershipAddForm, MembershipEndForm
from portal.middleware import user_has_totp
from portal.pagination import CappedPaginator
from portal.permissions import can_manage_memberships, holds_role_flag
from portal.refusals import refuse
from portal.registry import modules_for
from portal.reports import get_report_kind
from portal.reports.services import may_request
from portal.selectors import in_municipality_or_404


@require_GET
def home(request):
    user = request.user
    if holds_role_flag(user, "portal.use_council_portal"):
        return redirect("council:home")
    return render(
        request,
        "portal/home.html",
        {
            "modules": modules_for(user),
            "memberships": selectors.memberships_current_for(user),
            "can_view_bodies": user.has_perm("portal.view_bodies"),
            "can_view_audit": user.has_perm("portal.view_audit_trail"),
        },
    )


@require_GET
@permission_required("portal.use_council_portal", raise_exception=True)
def council_home(request):
    """X4: the council members' portal — read-only."""
    return render(
        request,
        "portal/council_home.html",
        {
            "modules": modules_for(request.user, council_portal=True),
            "memberships": selectors.memberships_current_for(request.user),
        },
    )


@require_GET
def profile(request):
    user = request.user
    return render(
        request,
        "portal/profile.html",
        {
            "groups": user.groups.order_by("name"),
            "has_totp": user_has_totp(user),
            "memberships": selectors.memberships_current_for(user),
            "social_accounts": user.socialaccount_set.all(),
        },
    )


@require_GET
def account_email(request):
    """T3: in place of allauth's e-mail page, where anyone could add an address and make it
    the one they sign in with (issue 14). The address comes from the administrator or from
    the identity provider; this page shows it and says whom to ask."""
    return render(
        request,
        "portal/account_email.html",
        {"social_accounts": request.user.socialaccount_set.all()},
    )


@require_GET
def body_list(request):
    if not request.user.has_perm("portal.view_bodies"):
        return render(request, "403.html", status=403)
    bodies = selectors.bodies_with_current_members(request.user)
    return render(request, "portal/body_list.html", {"bodies": bodies})


@require_GET
def body_detail(request, uuid):
    body = selectors.body_get(request.user, uuid)
    memberships = list(selectors.body_memberships(body))
    can_manage = can_manage_memberships(request.user, body)
    form = None
    if can_manage:
        form = MembershipAddForm(candidates=selectors.candidate_members_for(request.user, body))
    return render(
        request,
        "portal/body_detail.html",
        {
            "body": body,
            "memberships": memberships,
            "can_manage": can_manage,
            "form": form,
            "end_form": MembershipEndForm() if can_manage else None,
        },
    )


@require_POST
def membership_add(request, uuid):
    body = selectors.body_get(request.user, uuid)
    if not can_manage_memberships(request.user, body):
        refuse(actor=request.user, action="membership.add", obj=body)
    form = MembershipAddForm(
        request.POST, candidates=selectors.candidate_members_for(request.user, body)
    )
    done = save_or_refuse(
        request,
        form,
        lambda data: services.membership_add(actor=request.user, body=body, **data),
        success_message=_("Het lidmaatschap is toegevoegd."),
        success_url=reverse("portal:body_detail", kwargs={"uuid": body.uuid}),
    )
    if done is not None:
        return done
    return render(
        request,
        "portal/body_detail.html",
        {
            "body": body,
            "memberships": selectors.body_memberships(body),
            "can_manage": True,
            "form": form,
            "end_form": MembershipEndForm(),
        },
        status=400,
    )


@require_POST
def membership_end(request, uuid):
    membership = selectors.membership_get_for_management(request.user, uuid)
    if not can_manage_memberships(request.user, membership.body):
        refuse(actor=request.user, action="membership.end", obj=membership)
    form = MembershipEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul een geldige laatste dag in (dd-mm-jjjj)."))
        return redirect("portal:body_detail", uuid=membership.body.uuid)
    try:
        services.membership_end(
            actor=request.user, membership=membership, end=form.cleaned_data["end"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het lidmaatschap is beëindigd."))
    return redirect("portal:body_detail", uuid=membership.body.uuid)


@require_GET
@permission_required("portal.view_audit_trail", raise_exception=True)
def audit_list(request):
    events = selectors.audit_events_for(request.user)
    action = request.GET.get("action", "").strip()
    result = request.GET.get("result", "").strip()
    # X7: the filter is a choice of declared actions, or of all actions of one group.
    selected = audit_actions.actions_for(action[:100])
    if not selected:
        action = ""
    elif len(selected) == 1:
        events = events.filter(action=selected[0])
    else:
        events = events.filter(action__in=selected)
    if result:
        events = events.filter(result=result[:10])
    # Recorded before counting: written between the count and the fetch, the event itself
    # would push the oldest row off the last page.
    audit_record(
        action="audit.viewed",
        actor=request.user,
        details={
            "action": action[:80],
            "result": result[:10],
            "page": request.GET.get("page", "1")[:10],
        },
    )
    page = CappedPaginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/audit_list.html",
        {
            "page_obj": page,
            "action": action,
            "result": result,
            "action_choices": audit_actions.action_choices(groups=True),
            # The extract's link only for whom the report form admits (no link to a 403).
            "may_extract": may_request(request.user, get_report_kind("audit_extract")),
        },
    )


@require_GET
@in_municipality_or_404("portal.AuditEvent", perm="portal.view_audit_trail")
def audit_detail(request, uuid):
    event = selectors.audit_event_get(request.user, uuid)
    audit_record(action="audit.viewed", actor=request.user, details={"event": str(event.uuid)})
    details_json = details_shown(event.details)
    return render(
        request, "portal/audit_detail.html", {"event": event, "details_json": details_json}
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD"])
def healthz(request):
    """For operations: database and broker reachable. No secrets, no versions."""
    status = {"database": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        status["database"] = "down"
    status["broker"] = _broker_status()
    healthy = status["database"] == "ok" and status["broker"] in {"ok", "not-configured"}
    status["status"] = "ok" if healthy else "degraded"
    return JsonResponse(status, status=200 if healthy else 503)


def _broker_status() -> str:
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return "not-configured"
    import redis

    try:
        timeout = settings.PORTAL_HEALTHZ_TIMEOUT.total_seconds()
        client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
        client.ping()
    except Exception:
        return "down"
    return "ok"


@login_not_required
@require_GET
def accessibility_statement(request):
    return render(request, "portal/accessibility.html")
