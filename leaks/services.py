"""Writes of leak cases. Each: keyword-only, atomic, full_clean, one audit event, one timeline
row (L7), notifications inside the transaction (sent after commit, X2).

A refusal stores nothing: a missing permission through ``portal.services.refuse`` (403,
audited); a refusal by rule as a ``ValidationError`` whose translated message names the rule,
audited as a denied event after the write rolled back.

Every function takes ``now=`` so tests set the clock (there is no freezegun here).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from guardian.shortcuts import assign_perm, remove_perm

from portal.audit import audit_record
from portal.models import Municipality, User
from portal.notifications import notify_users
from portal.services import refusal_audited, refuse

from . import links
from .constants import (
    BREACH_REMINDER_HOURS,
    OPEN_STATUSES,
    TRANSITIONS,
    BreachRisk,
    CaseStatus,
    CouncilMode,
    NotificationPhase,
    PoliceOutcome,
    SubjectsDecision,
    TrackChoice,
    TrackKind,
)
from .models import (
    Breach,
    BreachNotification,
    CaseEvent,
    CaseLink,
    Consideration,
    ConsiderationAnswer,
    FrameworkStep,
    FrameworkTrack,
    FrameworkVersion,
    LeakCase,
    TrackDecision,
)
from .permissions import can_report, can_work
from .selectors import TEAM_PERMISSION, current_framework

CLOSED_CASE_REFUSED = _(
    "Een gesloten leksituatie verandert niet meer: zij blijft gewogen zoals zij is gesloten (L1)."
)


def _require_worker(actor, case, *, action: str) -> None:
    """L3/L4: only the case team and the case handlers write, and only in their municipality."""
    if not can_work(actor, case):
        refuse(actor=actor, action=action, obj=case, rule="L3")


def _locked(case: LeakCase) -> LeakCase:
    return LeakCase.objects.select_for_update(of=("self",)).get(pk=case.pk)


def _event(case, *, actor, kind: str, summary: str, params: dict | None = None, at=None):
    """L7: one row on the case's timeline (append-only)."""
    return CaseEvent.objects.create(
        case=case,
        actor=actor,
        kind=kind,
        summary=summary,
        params=params or {},
        at=at or timezone.now(),
    )


def _record(
    case, *, actor, action: str, kind: str, summary: str, params=None, details=None, at=None
):
    """One write of a case: its timeline row (L7) and its audit event (X1), together."""
    _event(case, actor=actor, kind=kind, summary=summary, params=params, at=at)
    audit_record(action=action, actor=actor, obj=case, details=details)


def _case_link(case) -> str:
    return reverse("leaks:case_detail", kwargs={"uuid": case.uuid})


def _handlers(municipality_id):
    """The people who handle every case (``leaks.manage_cases``) in the municipality."""
    return User.objects.filter(
        identity_domain__municipality_id=municipality_id,
        is_active=True,
        groups__permissions__codename="manage_cases",
        groups__permissions__content_type__app_label="leaks",
    ).distinct()


def _team_and_handlers(case):
    from .selectors import case_team

    return User.objects.filter(
        Q(pk__in=case_team(case).values("pk"))
        | Q(pk__in=_handlers(case.municipality_id).values("pk"))
    )


def _not_closed(case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(CLOSED_CASE_REFUSED, code="closed")


def _not_future(value, now, label) -> None:
    if value is not None and value > now:
        raise ValidationError(
            _("%(field)s ligt in de toekomst. Vul het moment in waarop het gebeurde.")
            % {"field": label},
            code="future",
        )


# --- L1: the framework ---------------------------------------------------------------------


def framework_publish(*, actor: User, version: FrameworkVersion, now=None) -> FrameworkVersion:
    """L1: publish a draft; from now on new cases are weighed under it. Cases opened before
    keep their version (the case holds a foreign key to it, and a published version is never
    edited: the admin shows it read-only)."""
    if not actor.has_perm("leaks.manage_framework") or actor.municipality_id not in (
        None,
        version.municipality_id,
    ):
        refuse(actor=actor, action="leaks.framework_publish", obj=version, rule="L1")
    now = now or timezone.now()
    with transaction.atomic():
        version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
        if version.published_at is not None:
            return version
        if not version.steps.exists():
            raise ValidationError(
                _("Een versie zonder stappen kan niet worden gepubliceerd (L1)."), code="empty"
            )
        version.published_at = now
        version.full_clean()
        version.save(update_fields=["published_at", "updated_at"])
        audit_record(
            action="leaks.framework_publish",
            actor=actor,
            obj=version,
            details={"number": version.number, "dated": version.dated},
        )
    return version


def framework_new_version(*, actor: User, source: FrameworkVersion) -> FrameworkVersion:
    """L1: a new draft that starts as a copy of ``source`` (steps, considerations, tracks),
    numbered after the municipality's latest version. Administrators edit the draft and
    publish it; ``source`` and every case weighed under it stay as they are."""
    if not actor.has_perm("leaks.manage_framework") or actor.municipality_id not in (
        None,
        source.municipality_id,
    ):
        refuse(actor=actor, action="leaks.framework_new_version", obj=source, rule="L1")
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=source.municipality_id)
        latest = (
            FrameworkVersion.objects.filter(municipality_id=source.municipality_id)
            .aggregate(m=Max("number"))
            .get("m")
        )
        draft = FrameworkVersion(
            municipality_id=source.municipality_id,
            number=(latest or 0) + 1,
            title=source.title,
            dated=timezone.localdate(),
            introduction=source.introduction,
        )
        draft.full_clean()
        draft.save()
        for step in source.steps.prefetch_related("considerations"):
            copy = FrameworkStep.objects.create(
                version=draft, order=step.order, title=step.title, guidance=step.guidance
            )
            for c in step.considerations.all():
                Consideration.objects.create(
                    step=copy, order=c.order, question=c.question, guidance=c.guidance
                )
        for track in source.tracks.all():
            FrameworkTrack.objects.create(version=draft, kind=track.kind, guidance=track.guidance)
        audit_record(
            action="leaks.framework_new_version",
            actor=actor,
            obj=draft,
            details={"source": source.number, "number": draft.number},
        )
    return draft


# --- L2: reporting and the status flow -----------------------------------------------------


def _next_reference(municipality: Municipality, now) -> str:
    year = timezone.localtime(now).year
    prefix = f"LEK-{year}-"
    Municipality.objects.select_for_update().get(pk=municipality.pk)  # serialise numbering
    last = (
        LeakCase.objects.filter(municipality=municipality, reference__startswith=prefix)
        .aggregate(m=Max("reference"))
        .get("m")
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:03d}"


def case_report(
    *,
    actor: User,
    title: str,
    what_leaked: str,
    leaked_to: str,
    discovered_at: datetime.datetime,
    discovered_how: str,
    leaked_at: datetime.datetime | None = None,
    personal_data: bool = False,
    aware_at: datetime.datetime | None = None,
    now=None,
) -> LeakCase:
    """L2: report a (suspected) leak. The case is weighed under the framework version current
    now (L1). Personal data involved opens the breach track (L5) with the 72-hour clock
    running from ``aware_at`` (default: now, the moment the organisation learns of it)."""
    if not can_report(actor):
        refuse(actor=actor, action="leaks.report", obj=None, rule="L2")
    now = now or timezone.now()
    with refusal_audited(actor=actor, action="leaks.report", rule="L1/L2"):
        framework = current_framework(actor.municipality_id)
        if framework is None:
            raise ValidationError(
                _(
                    "Er is nog geen gepubliceerde versie van het afwegingskader; vraag de "
                    "beheerder er een te publiceren (L1)."
                ),
                code="no_framework",
            )
        _not_future(discovered_at, now, _("Het moment van ontdekken"))
        _not_future(leaked_at, now, _("Het moment van het lek"))
        with transaction.atomic():
            case = LeakCase(
                municipality=actor.municipality,
                reference=_next_reference(actor.municipality, now),
                framework_version=framework,
                title=title,
                what_leaked=what_leaked,
                leaked_to=leaked_to,
                leaked_at=leaked_at,
                discovered_at=discovered_at,
                discovered_how=discovered_how,
                reported_by=actor,
                personal_data=personal_data,
            )
            case.full_clean()
            case.save()
            _event(
                case,
                actor=actor,
                kind="reported",
                summary=gettext_noop("Gemeld; gewogen onder %(framework)s"),
                params={"framework": str(framework)},
                at=now,
            )
            if personal_data:
                _breach_create(case, actor=actor, aware_at=aware_at or now, now=now)
            notify_users(
                users=_handlers(case.municipality_id),
                kind="leaks.reported",
                title=gettext_noop("Er is een (vermoedelijk) informatielek gemeld: %(reference)s"),
                params={"reference": case.reference},
                link=_case_link(case),
                key=f"leaks.reported:{case.uuid}",
                municipality=case.municipality,
                exclude=[actor],
            )
            audit_record(
                action="leaks.report",
                actor=actor,
                obj=case,
                details={
                    "reference": case.reference,
                    "framework_version": framework.number,
                    "leaked_to": leaked_to,
                    "personal_data": personal_data,
                },
            )
    return case


def case_transition(*, actor: User, case: LeakCase, to: str, note: str = "", now=None) -> LeakCase:
    """L2: move the case along reported → weighing → measures → closed; other moves are
    refused with the allowed ones named."""
    _require_worker(actor, case, action="leaks.transition")
    now = now or timezone.now()
    with (
        refusal_audited(actor=actor, action="leaks.transition", obj=case, rule="L2"),
        transaction.atomic(),
    ):
        case = _locked(case)
        allowed = TRANSITIONS[CaseStatus(case.status)]
        if to not in allowed:
            raise ValidationError(
                _("Van '%(from)s' kan een leksituatie alleen naar: %(allowed)s (L2).")
                % {
                    "from": CaseStatus(case.status).label,
                    "allowed": ", ".join(str(CaseStatus(s).label) for s in allowed) or "–",
                },
                code="transition",
            )
        before = case.status
        case.status = to
        case.closed_at = now if to == CaseStatus.CLOSED else None
        case.full_clean()
        case.save(update_fields=["status", "closed_at", "updated_at"])
        notify_users(
            users=_team_and_handlers(case),
            kind="leaks.status",
            title=gettext_noop("De status van leksituatie %(reference)s is gewijzigd"),
            params={"reference": case.reference},
            link=_case_link(case),
            key=f"leaks.status:{case.uuid}:{to}:{now.isoformat()}",
            municipality=case.municipality,
            exclude=[actor],
        )
        _record(
            case,
            actor=actor,
            action="leaks.transition",
            kind="status",
            summary=gettext_noop("Status: %(from)s → %(to)s"),
            params={"from": before, "to": to, "note": note},
            details={"from": before, "to": to, "note": note},
            at=now,
        )
    return case


def case_facts_update(
    *,
    actor: User,
    case: LeakCase,
    leaked_at: datetime.datetime | None,
    suspected_source: str,
    now=None,
) -> LeakCase:
    """L2: the moment of the leak and the suspected source, which is unknown by default and
    recorded only by the case team (need-to-know). The audit event says *that* the source was
    recorded, never who it is."""
    _require_worker(actor, case, action="leaks.facts_update")
    now = now or timezone.now()
    with (
        refusal_audited(actor=actor, action="leaks.facts_update", obj=case, rule="L2"),
        transaction.atomic(),
    ):
        case = _locked(case)
        _not_closed(case)
        _not_future(leaked_at, now, _("Het moment van het lek"))
        case.leaked_at = leaked_at
        case.suspected_source = suspected_source.strip()
        case.full_clean()
        case.save(update_fields=["leaked_at", "suspected_source", "updated_at"])
        _record(
            case,
            actor=actor,
            kind="facts",
            summary=gettext_noop("Feiten bijgewerkt (moment van het lek, vermoedelijke bron)"),
            at=now,
            action="leaks.facts_update",
            details={
                "leaked_at": leaked_at,
                "suspected_source_recorded": bool(case.suspected_source),
            },
        )
    return case


# --- L3: the case team ---------------------------------------------------------------------


def team_add(*, actor: User, case: LeakCase, user: User, now=None) -> None:
    """L3: grant one person the case (an object grant). Council members never; people of
    another municipality never. The grant is audited by the core's object-permission audit
    (one event: ``permission.object_granted`` on this case)."""
    _require_worker(actor, case, action="leaks.team_add")
    now = now or timezone.now()
    from .permissions import may_see_cases

    with refusal_audited(actor=actor, action="leaks.team_add", obj=case, rule="L3"):
        if not may_see_cases(user) or user.municipality_id != case.municipality_id:
            raise ValidationError(
                _(
                    "Alleen medewerkers van de eigen gemeente kunnen in een zaakteam; "
                    "raadsleden zien leksituaties nooit (L3)."
                ),
                code="not_staff",
            )
        with transaction.atomic():
            case = _locked(case)
            if user.has_perm(TEAM_PERMISSION, case):
                return
            assign_perm(TEAM_PERMISSION, user, case)
            _event(
                case,
                actor=actor,
                kind="team_add",
                summary=gettext_noop("%(person)s toegevoegd aan het zaakteam"),
                params={"person": user.get_full_name() or user.email},
                at=now,
            )
            notify_users(
                users=[user],
                kind="leaks.assigned",
                title=gettext_noop(
                    "U bent toegevoegd aan het zaakteam van leksituatie %(reference)s"
                ),
                params={"reference": case.reference},
                link=_case_link(case),
                key=f"leaks.assigned:{case.uuid}:{user.uuid}:{now.isoformat()}",
                municipality=case.municipality,
            )


def team_remove(*, actor: User, case: LeakCase, user: User, now=None) -> None:
    """L3: take the grant away (audited by the core as ``permission.object_revoked``)."""
    _require_worker(actor, case, action="leaks.team_remove")
    now = now or timezone.now()
    with transaction.atomic():
        case = _locked(case)
        if not user.has_perm(TEAM_PERMISSION, case):
            return  # not (or no longer) on the team: nothing to do
        remove_perm(TEAM_PERMISSION, user, case)
        _event(
            case,
            actor=actor,
            kind="team_remove",
            summary=gettext_noop("%(person)s uit het zaakteam gehaald"),
            params={"person": user.get_full_name() or user.email},
            at=now,
        )


# --- L2/L6: what leaked ----------------------------------------------------------------------


def link_add(
    *, actor: User, case: LeakCase, item_reference: str = "", document_reference: str = "", now=None
) -> CaseLink:
    """L2: name what leaked — an item of the secrecy register (by its kenmerk), or a document
    outside it by description."""
    _require_worker(actor, case, action="leaks.link_add")
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
            case = _locked(case)
            _not_closed(case)
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
            _record(
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
    _require_worker(actor, case, action="leaks.access_trace")
    trace = links.access_trace(link.secrecy_item, before=case.leaked_at or case.discovered_at)
    audit_record(
        action="leaks.access_trace",
        actor=actor,
        obj=case,
        details={
            "secrecy_item": str(link.secrecy_item.uuid),
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

    _require_worker(actor, case, action="leaks.trace_code")
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
        _event(
            case,
            actor=actor,
            kind="trace_code",
            summary=gettext_noop("Traceercode opgezocht: %(code)s"),
            params={"code": code[:20]},
        )
    return copy, match


# --- L4: the weighing ----------------------------------------------------------------------


def answers_save(*, actor: User, case: LeakCase, answers: dict[int, tuple[str, str]], now=None):
    """L4: per consideration of the case's own framework version an answer and reasons. An
    answer without reasons is refused. One audit event for the page."""
    _require_worker(actor, case, action="leaks.weigh")
    now = now or timezone.now()
    with (
        refusal_audited(actor=actor, action="leaks.weigh", obj=case, rule="L4"),
        transaction.atomic(),
    ):
        case = _locked(case)
        _not_closed(case)
        allowed = set(
            Consideration.objects.filter(step__version_id=case.framework_version_id).values_list(
                "pk", flat=True
            )
        )
        changed = []
        for consideration_id, (answer, reasons) in answers.items():
            answer, reasons = answer.strip(), reasons.strip()
            if consideration_id not in allowed:
                raise ValidationError(
                    _("Deze afweging hoort niet bij de versie van deze leksituatie (L1)."),
                    code="foreign",
                )
            if not answer:
                continue
            if not reasons:
                raise ValidationError(
                    _("Geef bij elk antwoord de motivering (L4)."), code="reasons"
                )
            row, created = ConsiderationAnswer.objects.get_or_create(
                case=case,
                consideration_id=consideration_id,
                defaults={"answer": answer, "reasons": reasons, "answered_by": actor},
            )
            if not created and (row.answer, row.reasons) != (answer, reasons):
                row.answer, row.reasons, row.answered_by = answer, reasons, actor
                row.full_clean()
                row.save()
            elif not created:
                continue
            changed.append(consideration_id)
        if not changed:
            return 0
        _record(
            case,
            actor=actor,
            kind="weigh",
            summary=gettext_noop("Afwegingen beantwoord: %(count)s"),
            params={"count": len(changed)},
            at=now,
            action="leaks.weigh",
            details={"considerations": changed},
        )
    return len(changed)


def track_decide(
    *,
    actor: User,
    case: LeakCase,
    kind: str,
    choice: str,
    decided_on: datetime.date,
    decision_maker: str,
    reasons: str,
    police_filed_on: datetime.date | None = None,
    police_reference: str = "",
    police_outcome: str = "",
    police_outcome_reason: str = "",
    council_mode: str = "",
    council_item_reference: str = "",
    now=None,
) -> TrackDecision:
    """L4: the decision on one track with date, decision-maker and reasons. A police report
    (art. 272 Sr) that was made has its filing date and reference, and an outcome other than
    'pending' its reason (e.g. seponering). Informing the raad under secrecy names the secrecy
    item it was done with (Gemeentewet art. 25/86)."""
    _require_worker(actor, case, action="leaks.decide")
    now = now or timezone.now()
    with refusal_audited(actor=actor, action="leaks.decide", obj=case, rule="L4"):
        errors = {}
        if not reasons.strip():
            errors["reasons"] = _("Motiveer het besluit (L4).")
        if not decision_maker.strip():
            errors["decision_maker"] = _("Noem wie het besluit nam (L4).")
        if decided_on and decided_on > timezone.localdate(now):
            errors["decided_on"] = _("De datum van het besluit ligt in de toekomst.")
        item = None
        taken = choice == TrackChoice.TAKE
        if kind == TrackKind.POLICE_REPORT and taken:
            if not police_filed_on:
                errors["police_filed_on"] = _(
                    "Vul de datum van de aangifte in (art. 272 Wetboek van Strafrecht, L4)."
                )
            if (
                police_outcome
                and police_outcome != PoliceOutcome.PENDING
                and not (police_outcome_reason.strip())
            ):
                errors["police_outcome_reason"] = _(
                    "Geef de reden van de uitkomst, bijvoorbeeld van het sepot (L4)."
                )
        if kind == TrackKind.INFORM_COUNCIL and taken:
            if council_mode not in CouncilMode.values:
                errors["council_mode"] = _(
                    "Kies of de raad openbaar of onder geheimhouding is geïnformeerd (L4)."
                )
            elif council_mode == CouncilMode.SECRET:
                item = links.item_find(
                    municipality_id=case.municipality_id, reference=council_item_reference
                )
                if item is None:
                    errors["council_item_reference"] = _(
                        "Noem het kenmerk van het geheime stuk waarmee de raad is geïnformeerd "
                        "(L4)."
                    )
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            case = _locked(case)
            _not_closed(case)
            decision = TrackDecision.objects.filter(case=case, kind=kind).first() or TrackDecision(
                case=case, kind=kind
            )
            is_police = kind == TrackKind.POLICE_REPORT and taken
            is_council = kind == TrackKind.INFORM_COUNCIL and taken
            decision.choice = choice
            decision.decided_on = decided_on
            decision.decision_maker = decision_maker.strip()
            decision.reasons = reasons.strip()
            decision.police_filed_on = police_filed_on if is_police else None
            decision.police_reference = police_reference.strip() if is_police else ""
            decision.police_outcome = police_outcome if is_police else ""
            decision.police_outcome_reason = police_outcome_reason.strip() if is_police else ""
            decision.council_mode = council_mode if is_council else ""
            decision.council_secrecy_item = item
            decision.decided_by = actor
            decision.full_clean()
            decision.save()
            _record(
                case,
                actor=actor,
                kind="decision",
                summary=gettext_noop("Besluit over spoor '%(track)s': %(choice)s"),
                params={"track": kind, "choice": choice},
                at=now,
                action="leaks.decide",
                details={
                    "track": kind,
                    "choice": choice,
                    "decided_on": decided_on,
                    "police_outcome": decision.police_outcome,
                    "council_mode": decision.council_mode,
                },
            )
    return decision


def weighing_record_request(*, actor: User, case: LeakCase):
    """L4/X3: ask for the afwegingsverslag; a worker renders it (portal.reports)."""
    from portal.reports.services import report_request

    _require_worker(actor, case, action="leaks.weighing_record")
    return report_request(user=actor, kind="leaks.weighing_record", parameters={}, subject=case)


# --- L5: the GDPR breach track -------------------------------------------------------------


def _breach_create(case, *, actor, aware_at, now) -> Breach:
    _not_future(aware_at, now, _("Het moment van bekend worden"))
    breach = Breach(case=case, aware_at=aware_at)
    breach.full_clean()
    breach.save()
    _event(
        case,
        actor=actor,
        kind="breach_open",
        summary=gettext_noop(
            "Persoonsgegevens betrokken: datalekspoor geopend; 72-uursklok loopt tot %(deadline)s"
        ),
        params={"deadline": breach.deadline.isoformat()},
        at=now,
    )
    return breach


def breach_open(*, actor: User, case: LeakCase, aware_at: datetime.datetime, now=None) -> Breach:
    """L5: personal data turn out to be involved — open the breach track; the 72-hour clock of
    AVG art. 33(1) runs from ``aware_at``."""
    _require_worker(actor, case, action="leaks.breach_open")
    now = now or timezone.now()
    with (
        refusal_audited(actor=actor, action="leaks.breach_open", obj=case, rule="L5"),
        transaction.atomic(),
    ):
        case = _locked(case)
        _not_closed(case)
        if Breach.objects.filter(case=case).exists():
            raise ValidationError(_("Het datalekspoor is al geopend."), code="exists")
        case.personal_data = True
        case.save(update_fields=["personal_data", "updated_at"])
        breach = _breach_create(case, actor=actor, aware_at=aware_at, now=now)
        audit_record(
            action="leaks.breach_open",
            actor=actor,
            obj=case,
            details={"aware_at": aware_at, "deadline": breach.deadline},
        )
    return breach


BREACH_FIELDS = (
    "nature",
    "subject_categories",
    "subjects_approx",
    "record_categories",
    "records_approx",
    "contact",
    "consequences",
    "measures",
    "risk",
    "risk_reasons",
    "subjects_decision",
    "subjects_reasons",
    "subjects_decided_on",
)


def breach_update(*, actor: User, breach: Breach, now=None, **fields) -> Breach:
    """L5: the facts of AVG art. 33(3) a–d, the risk, and the art. 34 decision. Not informing
    the data subjects of a high risk needs one of the exemptions of art. 34(3) a–c; every
    decision on art. 34 needs reasons."""
    case = breach.case
    _require_worker(actor, case, action="leaks.breach_update")
    now = now or timezone.now()
    unknown = set(fields) - set(BREACH_FIELDS)
    if unknown:
        raise TypeError(f"unknown breach fields: {sorted(unknown)}")
    with refusal_audited(actor=actor, action="leaks.breach_update", obj=case, rule="L5"):
        errors = {}
        decision = fields.get("subjects_decision", breach.subjects_decision)
        risk = fields.get("risk", breach.risk)
        if decision and not (fields.get("subjects_reasons", breach.subjects_reasons) or "").strip():
            errors["subjects_reasons"] = _(
                "Motiveer het besluit over het informeren van betrokkenen (AVG art. 34)."
            )
        if decision and not fields.get("subjects_decided_on", breach.subjects_decided_on):
            errors["subjects_decided_on"] = _("Vul de datum van het besluit in (AVG art. 34).")
        if risk == BreachRisk.HIGH and decision == SubjectsDecision.NO_HIGH_RISK:
            errors["subjects_decision"] = _(
                "Bij een hoog risico worden betrokkenen geïnformeerd, tenzij een uitzondering "
                "van AVG art. 34 lid 3 (a–c) geldt: kies die uitzondering."
            )
        if risk and not (fields.get("risk_reasons", breach.risk_reasons) or "").strip():
            errors["risk_reasons"] = _(
                "Motiveer de inschatting van het risico (AVG art. 33 lid 1)."
            )
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            _locked(case)
            _not_closed(case)
            breach = Breach.objects.select_for_update().get(pk=breach.pk)
            changed = {}
            for name, value in fields.items():
                if isinstance(value, str):
                    value = value.strip()
                if getattr(breach, name) != value:
                    setattr(breach, name, value)
                    changed[name] = value
            if not changed:
                return breach
            breach.full_clean()
            breach.save()
            _record(
                case,
                actor=actor,
                kind="breach_update",
                summary=gettext_noop("Datalek bijgewerkt (AVG art. 33 lid 3, art. 34)"),
                params={"fields": sorted(changed)},
                at=now,
                action="leaks.breach_update",
                details={"fields": sorted(changed), "risk": breach.risk},
            )
    return breach


def breach_notify(
    *,
    actor: User,
    breach: Breach,
    notified_at: datetime.datetime,
    reference: str,
    phase: str,
    late_reasons: str = "",
    now=None,
) -> BreachNotification:
    """L5: record a notification to the Autoriteit Persoonsgegevens (AVG art. 33). The first is
    the initial one; later ones supplement, amend or withdraw it (art. 33(4)). An initial
    notification after the 72 hours — measured in elapsed time from awareness, whatever the
    time zone or daylight-saving change — must give the reasons for the delay (art. 33(1))."""
    case = breach.case
    _require_worker(actor, case, action="leaks.breach_notify")
    now = now or timezone.now()
    with refusal_audited(actor=actor, action="leaks.breach_notify", obj=case, rule="L5"):
        errors = {}
        if notified_at > now:
            errors["notified_at"] = _(
                "Het moment van melden ligt in de toekomst; leg een melding vast nadat die is "
                "gedaan."
            )
        elif notified_at < breach.aware_at.replace(second=0, microsecond=0):
            # (forms give minutes: a notification in the minute of awareness is not before it)
            errors["notified_at"] = _("Het moment van melden ligt vóór het bekend worden.")
        if not reference.strip():
            errors["reference"] = _("Vul het meldnummer van de Autoriteit Persoonsgegevens in.")
        earlier = breach.notifications.exists()
        if not earlier and phase != NotificationPhase.INITIAL:
            errors["phase"] = _(
                "De eerste melding is de eerste fase; aanvullen, wijzigen of intrekken kan "
                "daarna (AVG art. 33 lid 4)."
            )
        if earlier and phase == NotificationPhase.INITIAL:
            errors["phase"] = _(
                "Er is al een eerste melding; kies aanvulling, wijziging of intrekking "
                "(AVG art. 33 lid 4)."
            )
        late = phase == NotificationPhase.INITIAL and notified_at > breach.deadline
        if late and not late_reasons.strip():
            errors["late_reasons"] = _(
                "Deze melding is later dan 72 uur na het bekend worden (%(deadline)s): vermeld "
                "de redenen van de vertraging (AVG art. 33 lid 1)."
            ) % {"deadline": timezone.localtime(breach.deadline).strftime("%d-%m-%Y %H:%M")}
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            _locked(case)
            notification = BreachNotification(
                breach=breach,
                notified_at=notified_at,
                reference=reference.strip(),
                phase=phase,
                late_reasons=late_reasons.strip(),
                recorded_by=actor,
            )
            notification.full_clean()
            notification.save()
            _record(
                case,
                actor=actor,
                kind="breach_notify",
                summary=gettext_noop("Gemeld aan de Autoriteit Persoonsgegevens (%(phase)s)"),
                params={"phase": phase, "late": late},
                at=now,
                action="leaks.breach_notify",
                details={
                    "notified_at": notified_at,
                    "phase": phase,
                    "late": late,
                    "reference": notification.reference,
                },
            )
    return notification


# --- L8: breach deadline reminders (beat job) ------------------------------------------------


def _remind_once(
    case, *, kind, guard, notification_kind, title, summary, params, key, action, details, now
) -> int:
    """L8: one reminder, at most once: under the case's row lock, nothing when the timeline
    already holds it; else the team and the handlers are notified (the notification key is
    unique per person as well) and the reminder is recorded (timeline and audit)."""
    with transaction.atomic():
        _locked(case)
        if CaseEvent.objects.filter(case=case, kind=kind, **guard).exists():
            return 0
        notify_users(
            users=_team_and_handlers(case),
            kind=notification_kind,
            title=title,
            params={"reference": case.reference, **params},
            link=_case_link(case),
            key=key,
            municipality=case.municipality,
        )
        _record(
            case,
            actor=None,
            action=action,
            kind=kind,
            summary=summary,
            params=params,
            details=details,
            at=now,
        )
    return 1


def breach_deadline_reminders(*, now=None) -> int:
    """L8: at 48, 24 and 4 hours before the breach deadline, tell the case team and the
    handlers. Idempotent: each reminder has a fixed key per case and threshold (the
    notification table skips a key it already has) and one timeline row guarded by a
    conditional check, so a run that repeats, overlaps or comes late sends nothing twice.
    Breaches already notified, judged unlikely to carry risk, or of closed cases get nothing."""
    now = now or timezone.now()
    sent = 0
    longest = max(BREACH_REMINDER_HOURS)
    breaches = (
        Breach.objects.filter(
            case__status__in=OPEN_STATUSES,
            notifications__isnull=True,
            aware_at__gt=now - datetime.timedelta(hours=72),
            aware_at__lte=now - datetime.timedelta(hours=72 - longest),
        )
        .exclude(risk=BreachRisk.UNLIKELY)
        .select_related("case__municipality")
    )
    for breach in breaches:
        left = breach.deadline - now
        due = [h for h in BREACH_REMINDER_HOURS if left <= datetime.timedelta(hours=h)]
        if not due:
            continue
        hours = min(due)  # the closest threshold passed: a late run sends one, not three
        sent += _remind_once(
            breach.case,
            kind="deadline_reminder",
            guard={"params__hours": hours},
            notification_kind="leaks.breach_deadline",
            title=gettext_noop("Datalek %(reference)s: nog %(hours)s uur om te melden bij de AP"),
            summary=gettext_noop("Herinnering: nog %(hours)s uur tot de meldtermijn"),
            params={"hours": hours},
            key=f"leaks.breach_deadline:{breach.case.uuid}:{hours}",
            action="leaks.breach_reminder",
            details={"hours": hours, "deadline": breach.deadline},
            now=now,
        )
    return sent


def decision_overdue_reminders(*, now=None) -> int:
    """L8: a case still reported or being weighed ``LEAKS_DECISION_DAYS`` after discovery
    (the overview's 'besluiten te laat') is brought to the handlers' and the team's attention
    once. Idempotent like the breach reminders: a fixed key and a guarded timeline row."""
    from .selectors import decision_overdue_days

    now = now or timezone.now()
    days = decision_overdue_days()
    overdue = LeakCase.objects.filter(
        status__in=(CaseStatus.REPORTED, CaseStatus.WEIGHING),
        discovered_at__lt=now - datetime.timedelta(days=days),
    ).select_related("municipality")
    sent = 0
    for case in overdue:
        sent += _remind_once(
            case,
            kind="decision_overdue",
            guard={},
            notification_kind="leaks.decision_overdue",
            title=gettext_noop(
                "Leksituatie %(reference)s wacht al meer dan %(days)s dagen op een besluit"
            ),
            summary=gettext_noop("Herinnering: besluit te laat (%(days)s dagen)"),
            params={"days": days},
            key=f"leaks.decision_overdue:{case.uuid}",
            action="leaks.decision_overdue",
            details={"days": days},
            now=now,
        )
    return sent
