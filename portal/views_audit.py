"""The audit chain's checkpoints for the privacy officer (issue 20): the list of days and the
download of one day's signed file, to keep outside the portal."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal import audit_checkpoints
from portal.audit import audit_record
from portal.downloads import protect_download

PAGE_SIZE = 50


@require_GET
@permission_required("portal.download_audit_checkpoints", raise_exception=True)
def audit_checkpoint_list(request):
    days = audit_checkpoints.checkpoint_days_for(request.user)
    page = Paginator(days, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/audit_checkpoints.html", {"page_obj": page})


@require_GET
@permission_required("portal.download_audit_checkpoints", raise_exception=True)
def audit_checkpoint_download(request, day):
    path, parsed = audit_checkpoints.checkpoint_file_for(request.user, day)
    municipality = request.user.municipality
    audit_record(
        action="audit.checkpoint_downloaded",
        actor=request.user,
        object_type="portal.auditcheckpoint",
        object_id=f"{municipality.pk}/{parsed.isoformat()}",
        object_repr=f"{municipality.name} {parsed.isoformat()}",
        details={"chain": municipality.pk, "day": parsed.isoformat()},
    )
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"audit-controlepunt-{municipality.slug}-{parsed.isoformat()}.json",
        content_type="application/json",
    )
    return protect_download(response)
