"""L9: the breach's outputs — the notification as PDF (worker) or JSON, the letter to the
people affected as PDF (worker)."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from portal.audit import audit_record
from portal.downloads import protect_download

from .. import selectors, services
from ..notification import as_json, facts_snapshot, version_values
from .common import workable_case


class VersionForm(forms.Form):
    version = forms.IntegerField(required=False, min_value=1)


def _version(data):
    form = VersionForm(data)
    return form.cleaned_data.get("version") if form.is_valid() else None


def _to_report(request, case, ask):
    try:
        job = ask()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("leaks:case_detail", uuid=case.uuid)
    return redirect("portal:report_detail", uuid=job.uuid)


@require_POST
def breach_notification_pdf(request, uuid):
    """L9/X3: ask the worker for the notification by the AP form's sections."""
    case = workable_case(request, uuid, action="leaks.breach_notification")
    version = _version(request.POST)
    return _to_report(
        request,
        case,
        lambda: services.breach_notification_request(
            actor=request.user, case=case, version=version
        ),
    )


@require_POST
def breach_letter_pdf(request, uuid):
    """L9, AVG art. 34(2): ask the worker for the letter to the people affected."""
    case = workable_case(request, uuid, action="leaks.breach_letter")
    return _to_report(
        request,
        case,
        lambda: services.breach_letter_request(actor=request.user, case=case),
    )


@require_GET
def breach_json(request, uuid):
    """L9: the notification as JSON by the AP form's sections — a version (``?versie=n``) or
    the facts as they are now. For whoever may see the case (L3); audited as a confidential
    read."""
    case = selectors.case_get(request.user, uuid)
    breach = selectors.breach_of(case)
    if breach is None:
        raise Http404
    number = _version({"version": request.GET.get("versie")})
    if request.GET.get("versie") and number is None:
        raise Http404
    if number:
        version = selectors.breach_notifications(breach).filter(number=number).first()
        if version is None:
            raise Http404
        body = as_json(version.snapshot, version_values(version))
    else:
        body = as_json(facts_snapshot(breach))
    body["case"] = case.reference
    audit_record(
        action="leaks.breach_json", actor=request.user, obj=case, details={"version": number}
    )
    # C: the name from safe parts only (never a reference or title somebody could have typed).
    made = timezone.localtime()
    name = f"melding-datalek-{made:%Y%m%d-%H%M}" + (f"-versie-{number}" if number else "-concept")
    return protect_download(
        HttpResponse(
            json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        ),
        filename=f"{name}.json",
    )
