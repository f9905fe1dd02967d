"""Reads of leak cases, always scoped to the user (L3, T1) in one query. A case outside the
user's need-to-know is a 404 everywhere — detail, search, counts, register, export."""

from datetime import timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import JSONObject
from django.utils import timezone

from portal.queries import Rows, SubqueryCount
from portal.selectors import get_in_scope_or_404, objects_granted, person_label

from .constants import (
    BREACH_NOTIFY_WITHIN,
    OPEN_STATUSES,
    BreachRisk,
    CaseStatus,
    NotificationPhase,
)
from .models import (
    Breach,
    BreachNotification,
    CaseEvent,
    CaseLink,
    Consideration,
    ConsiderationAnswer,
    FrameworkStep,
    FrameworkVersion,
    LeakCase,
    LeakCaseGroupObjectPermission,
    LeakCaseUserObjectPermission,
    TrackDecision,
)
from .permissions import can_oversee, may_see_cases

TEAM_PERMISSION = "leaks.view_leakcase"


def current_framework(municipality_id) -> FrameworkVersion | None:
    """L1: the newest published version, the one a new case is weighed under."""
    return (
        FrameworkVersion.objects.filter(municipality_id=municipality_id, published_at__isnull=False)
        .order_by("-number")
        .first()
    )


def _is_team(user):
    """Whether the user holds the case-team grant, directly or through a group (one EXISTS)."""
    direct = LeakCaseUserObjectPermission.objects.filter(
        content_object_id=OuterRef("pk"),
        user_id=user.pk,
        permission__codename="view_leakcase",
    )
    through_group = LeakCaseGroupObjectPermission.objects.filter(
        content_object_id=OuterRef("pk"),
        group__in=user.groups.all(),
        permission__codename="view_leakcase",
    )
    return Exists(direct) | Exists(through_group)


def cases_visible_to(user) -> QuerySet:
    """L3: the case team (object grants) and the designated roles (``leaks.view_all_cases``)
    of the user's own municipality; council members, the service centre's superusers and
    everyone else: nothing. An administrator sees a case only when granted."""
    if not may_see_cases(user):
        return LeakCase.objects.none()
    cases = LeakCase.objects.filter(municipality_id=user.municipality_id)
    if not (user.has_perm("leaks.view_all_cases") and not user.is_superuser):
        cases = objects_granted(user, TEAM_PERMISSION, cases)
    return cases.annotate(is_team=_is_team(user))


def _one_case(user) -> QuerySet:
    """The visible cases with what one case's pages show of its relations."""
    return cases_visible_to(user).select_related("framework_version", "reported_by", "breach")


def case_list(user, *, status: str = "", query: str = "") -> QuerySet:
    # Only the breach the list shows: joining the reporter too made the planner read the whole
    # user table (B9: at 10×, 65,000 users hashed for a page of 25 cases).
    cases = cases_visible_to(user).select_related("breach")
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    if query:
        cases = cases.filter(
            Q(reference__icontains=query)
            | Q(title__icontains=query)
            | Q(what_leaked__icontains=query)
        )
    return cases.order_by("-discovered_at", "-pk")


def case_get(user, uuid) -> LeakCase:
    """One case in the user's need-to-know, or a 404 (audited)."""
    return get_in_scope_or_404(_one_case(user), user, uuid=uuid)


def case_get_for_detail(user, uuid) -> LeakCase:
    """The case page's case with what it shows as rows of the same query: how many
    considerations were answered, the team, and the links (QUALITY B1: ≤ 12 queries)."""
    team = LeakCaseUserObjectPermission.objects.filter(
        content_object_id=OuterRef("pk"), permission__codename="view_leakcase"
    ).order_by("user__last_name", "user__first_name")
    cases = _one_case(user).annotate(
        answered=SubqueryCount(ConsiderationAnswer.objects.filter(case_id=OuterRef("pk"))),
        considerations_total=SubqueryCount(
            Consideration.objects.filter(step__version_id=OuterRef("framework_version_id"))
        ),
        team_rows=Rows(team.values(row=person_label("user"))),
        link_rows=Rows(
            CaseLink.objects.filter(case_id=OuterRef("pk"))
            .order_by("created_at")
            .values(
                row=JSONObject(
                    uuid="uuid",
                    item="secrecy_item__reference",
                    item_uuid="secrecy_item__uuid",
                    document="document_reference",
                )
            )
        ),
    )
    return get_in_scope_or_404(cases, user, uuid=uuid)


def case_timeline(case: LeakCase) -> QuerySet:
    """L7: the case's timeline, oldest first."""
    return CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "pk")


def case_links(case: LeakCase) -> QuerySet:
    """L2: what leaked, as linked to the case."""
    return CaseLink.objects.filter(case=case).select_related("secrecy_item").order_by("created_at")


def case_team(case: LeakCase) -> QuerySet:
    """The people who hold the case-team grant."""
    from portal.models import User

    granted = LeakCaseUserObjectPermission.objects.filter(
        content_object=case, permission__codename="view_leakcase"
    ).values("user_id")
    return User.objects.filter(pk__in=granted).order_by("last_name", "first_name")


def municipality_person(case: LeakCase, uuid):
    """A person of the case's municipality (to take off its team), or None."""
    from portal.models import User

    return User.objects.filter(
        uuid=uuid, identity_domain__municipality_id=case.municipality_id
    ).first()


def team_candidates(case: LeakCase) -> QuerySet:
    """Active staff of the case's municipality who can be on a team: never council members."""
    from portal.models import User

    return (
        User.objects.filter(
            identity_domain__municipality_id=case.municipality_id,
            is_active=True,
            is_superuser=False,
        )
        .exclude(groups__permissions__codename__in=["read_only_access", "use_council_portal"])
        .exclude(pk__in=case_team(case).values("pk"))
        .distinct()
        .order_by("last_name", "first_name")
    )


def framework_with_answers(case: LeakCase) -> list[FrameworkStep]:
    """L1/L4: the steps and considerations of the case's own framework version (never a newer
    one), each consideration carrying the case's answer (``answer``, or None)."""
    answers = {
        a.consideration_id: a
        for a in ConsiderationAnswer.objects.filter(case=case).select_related("answered_by")
    }
    steps = list(
        FrameworkStep.objects.filter(version_id=case.framework_version_id)
        .prefetch_related("considerations")
        .order_by("order")
    )
    for step in steps:
        for consideration in step.considerations.all():
            consideration.answer = answers.get(consideration.pk)  # type: ignore[attr-defined]
            consideration.from_report = _from_report(case, consideration.question)  # type: ignore[attr-defined]
    return steps


# Issue 15: the weighing starts from what the report already says. A question about what leaked
# or about who had it is answered in the report in part; the answer field starts from those
# words (the team edits and motivates them; nothing is saved until they do).
_REPORT_ANSWERS = (
    ("aan wie", lambda case: str(case.get_leaked_to_display())),
    ("gelekt", lambda case: case.what_leaked),
    ("bron", lambda case: case.suspected_source),
    ("ontdekt", lambda case: case.discovered_how),
)


def _from_report(case: LeakCase, question: str) -> str:
    question = question.lower()
    return next((answer(case) for word, answer in _REPORT_ANSWERS if word in question), "") or ""


def case_decisions(case: LeakCase) -> dict[str, TrackDecision]:
    return {
        d.kind: d
        for d in TrackDecision.objects.filter(case=case).select_related(
            "decided_by", "council_secrecy_item"
        )
    }


def framework_track_guidance(case: LeakCase) -> dict[str, str]:
    return dict(case.framework_version.tracks.values_list("kind", "guidance"))


def breach_of(case: LeakCase) -> Breach | None:
    try:
        return case.breach
    except Breach.DoesNotExist:
        return None


def breach_notifications(breach: Breach) -> QuerySet:
    return (
        BreachNotification.objects.filter(breach=breach)
        .select_related("recorded_by")
        .order_by("number")
    )


def breach_versions(breach: Breach) -> list[BreachNotification]:
    """L9: the frozen versions, oldest first, each with ``changes``: what changed in the facts
    since the version before (none for the first, or when a version predates snapshots)."""
    from .notification import changes

    versions = list(breach_notifications(breach))
    previous = None
    for version in versions:
        version.changes = (
            changes(previous.snapshot, version.snapshot)
            if previous is not None and previous.snapshot and version.snapshot
            else []
        )
        previous = version
    return versions


def _with_first_notification(breaches: QuerySet) -> QuerySet:
    return breaches.prefetch_related(
        Prefetch(
            "notifications",
            queryset=BreachNotification.objects.order_by("number"),
            to_attr="notification_list",
        )
    )


def with_clock(breaches: QuerySet, *, now=None) -> QuerySet:
    """L5: the deadline (72 elapsed hours after the recorded moment of awareness), the moment of
    the first notification, and whether it was late: notified after the deadline, or not
    notified while the deadline has passed and a risk was not ruled out (AVG art. 33(1)).
    Computed in the query, so a corrected moment of awareness moves all three."""
    now = now or timezone.now()
    first = BreachNotification.objects.filter(
        breach_id=OuterRef("pk"), phase=NotificationPhase.INITIAL
    ).values("notified_at")[:1]
    return breaches.annotate(
        deadline_at=ExpressionWrapper(
            F("aware_at") + BREACH_NOTIFY_WITHIN, output_field=DateTimeField()
        ),
        first_notified_at=Subquery(first),
    ).annotate(
        late=Case(
            When(late_q(now), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def late_q(now) -> Q:
    """L5: late — over the annotations of ``with_clock`` (usable in an aggregate's filter)."""
    return Q(first_notified_at__gt=F("deadline_at")) | (
        Q(first_notified_at__isnull=True) & Q(deadline_at__lt=now) & ~Q(risk=BreachRisk.UNLIKELY)
    )


def breach_register(user, *, now=None) -> QuerySet:
    """L5, AVG art. 33(5): every breach, notified or not, of the cases the user may see."""
    if not can_oversee(user):
        return Breach.objects.none()
    return with_clock(
        _with_first_notification(
            Breach.objects.filter(case__in=cases_visible_to(user).values("pk")).select_related(
                "case"
            )
        ),
        now=now,
    ).order_by("-aware_at")


def destruction_lists(user) -> QuerySet:
    """Retention: the destruction lists of the user's own municipality, for the archivist
    (``leaks.approve_breach_destruction``); nothing for anyone else. Items are references and
    dates only."""
    from .models import BreachDestructionItem, BreachDestructionList
    from .permissions import can_approve_destruction

    if not can_approve_destruction(user):
        return BreachDestructionList.objects.none()
    return (
        BreachDestructionList.objects.filter(municipality_id=user.municipality_id)
        .select_related("approved_by")
        .prefetch_related(
            Prefetch("items", queryset=BreachDestructionItem.objects.order_by("retain_until"))
        )
        .order_by(F("approved_at").desc(nulls_first=True), "-created_at")
    )


def decision_overdue_days() -> int:
    return getattr(settings, "LEAKS_DECISION_DAYS", 14)


def dashboard(user, *, now=None) -> dict:
    """The privacy officer's and management's overview (L5, L8): open cases by status, running
    breach clocks, and decisions overdue — all over the cases the user may see."""
    now = now or timezone.now()
    cases = cases_visible_to(user) if can_oversee(user) else LeakCase.objects.none()
    counts = dict(
        cases.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    clocks = list(
        _with_first_notification(
            Breach.objects.filter(
                case__in=cases.filter(status__in=OPEN_STATUSES).values("pk")
            ).select_related("case")
        ).order_by("aware_at")
    )
    # A breach judged unlikely to carry risk needs no notification (AVG art. 33(1)).
    clocks = [b for b in clocks if not b.notification_list and b.risk != BreachRisk.UNLIKELY]
    overdue = list(
        cases.filter(
            status__in=(CaseStatus.REPORTED, CaseStatus.WEIGHING),
            discovered_at__lt=now - timedelta(days=decision_overdue_days()),
        ).order_by("discovered_at")
    )
    return {
        "by_status": [
            (status, label, counts.get(status, 0)) for status, label in CaseStatus.choices
        ],
        "open_total": sum(counts.get(s, 0) for s in OPEN_STATUSES),
        "clocks": clocks,
        "overdue": overdue,
        "overdue_days": decision_overdue_days(),
    }
