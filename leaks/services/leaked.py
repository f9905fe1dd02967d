"""L2/L6: what leaked — the links to secret items or documents, the access trace and the
watermark trace codes. Crossing into ``confidentiality`` goes through ``leaks.links`` only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.models import User
from portal.refusals import refusal_audited

from .. import links
from ..models import CaseLink, LeakCase
from .common import case_record, locked, not_closed, require_worker, timeline_event


def link_add(
    *, actor: User, case: LeakCase, item_reference: str = "", document_reference: str = "", now=None
) -> CaseLink:
    """L2: name what leaked — an item of the secrecy register (by its kenmerk), or a document
    outside it by description."""
    require_worker(actor, case, action="leaks.link_add")
    now = now or timezone.now()
    with refusal_audited(actor=actor, action="leaks.link_add", obj=case, rule="L2"):
        item = None
        if item_reference:
            item = links.item_find(municipality_id=case.municipality_id, reference=item_reference)
            if item is None:
                raise ValidationError(
                    _("Er is geen geheim stuk met kenmerk '%(reference)s' in uw gemeente.")
                    % {"reference": item_reference},
                    code="no_item",
                )
        if item is None and not document_reference.strip():
            raise ValidationError(
                _("Noem een kenmerk uit het geheimhoudingsregister of omschrijf het document."),
                code="empty",
            )
        with transaction.atomic():
            case = locked(case)
            not_closed(case)
            if item is not None and CaseLink.objects.filter(case=case, secrecy_item=item).exists():
                raise ValidationError(
                    _("Dit geheime stuk is al aan de leksituatie gekoppeld."), code="duplicate"
                )
            link = CaseLink(
                case=case,
                secrecy_item=item,
                document_reference=document_reference.strip(),
                added_by=actor,
            )
            link.full_clean()
            link.save()
            case_record(
                case,
                actor=actor,
                kind="link",
                summary=gettext_noop("Gekoppeld: %(what)s"),
                params={"what": item.reference if item else link.document_reference},
                at=now,
                action="leaks.link_add",
                details={
                    "link": str(link.uuid),
                    "secrecy_item": str(item.uuid) if item else "",
                    "document_reference": link.document_reference,
                },
            )
    return link


def access_trace_view(*, actor: User, case: LeakCase, link: CaseLink):
    """L6: the access trace of a linked secret item before the leak. Using it is itself
    audited (one event, naming the item and the moment traced)."""
    require_worker(actor, case, action="leaks.access_trace")
    trace = links.access_trace(link.secrecy_item, before=case.leaked_at or case.discovered_at)  # type: ignore[arg-type]
    audit_record(
        action="leaks.access_trace",
        actor=actor,
        obj=case,
        details={
            "secrecy_item": str(link.secrecy_item.uuid),  # type: ignore[union-attr]
            "before": trace.before,
            "holders": len(trace.holders),
            "openings": len(trace.openings),
        },
    )
    return trace


def trace_code_resolve(*, actor: User, case: LeakCase, code: str):
    """L6/C8: resolve a watermark trace code for the case team — a copy of a secret document
    (register download) or a PDF report. Exactly one audit event for the lookup: ours for a
    secret copy, the core's (``report.trace_resolved``) otherwise. Returns
    ``(secret_copy, report_match)``, at most one of them set."""
    from portal.reports.selectors import trace_code_lookup

    require_worker(actor, case, action="leaks.trace_code")
    with transaction.atomic():
        copy = links.secret_copy_lookup(municipality_id=case.municipality_id, code=code)
        match = None
        if copy is not None:
            audit_record(
                action="leaks.trace_resolved",
                actor=actor,
                obj=case,
                details={
                    "trace_code": copy.trace_code,
                    "secrecy_item": str(copy.item.uuid) if copy.item else "",
                    "version": copy.version,
                },
            )
        else:
            match = trace_code_lookup(code, actor=actor)
        timeline_event(
            case,
            actor=actor,
            kind="trace_code",
            summary=gettext_noop("Traceercode opgezocht: %(code)s"),
            params={"code": code[:20]},
        )
    return copy, match
