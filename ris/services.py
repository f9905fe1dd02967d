"""Writes of the council information system's app (T5): a sync run, linking a person of the
RIS to a portal user, confirming a closed session (C3). Each atomic and audited."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit import audit_record
from portal.background import enqueue
from portal.constants import DomainKind
from portal.models import User
from portal.refusals import refusal_audited, refuse

from . import constants, links
from .apply import Counts, apply_snapshot
from .client import Client, RisError
from .constants import ProposalStatus, SyncStatus
from .models import AgendaItem, Connection, Person, SyncRun
from .parse import snapshot

#: What one sync reads, in this order (ORI collection → key of the snapshot).
COLLECTIONS = (
    (constants.PATH_PERSONS, "persons"),
    (constants.PATH_GROUP_MEMBERSHIPS, "group_memberships"),
    (constants.PATH_MEETINGS, "meetings"),
    (constants.PATH_AGENDA_ITEMS, "agenda_items"),
    (constants.PATH_DOCUMENTS, "documents"),
    (constants.PATH_SUBMITTERS, "submitters"),
    (constants.PATH_VOTES, "votes"),
)

MSG_LINK_DOMAIN = gettext_lazy(
    "Alleen iemand die zich aanmeldt bij het domein van de raad van deze gemeente kan aan een "
    "raadslid uit het raadsinformatiesysteem worden gekoppeld."
)
MSG_NOT_PROPOSED = gettext_lazy("Dit agendapunt wacht niet (meer) op bevestiging.")


def can_manage(user) -> bool:
    return user.is_active and user.municipality_id is not None and user.has_perm("ris.manage_ris")


def sync_run(
    *,
    connection: Connection,
    url: str = "",
    actor: User | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    sleep: Callable = time.sleep,
    client=None,
) -> SyncRun:
    """T5: read the whole RIS first, check it, then write it in one transaction. When the API
    fails or answers nonsense, nothing is written and the run records why."""
    run = SyncRun.objects.create(connection=connection, started_by=actor)
    try:
        client = client or Client.for_connection(connection, url=url, sleep=sleep)
        raw = {}
        for index, (path, key) in enumerate(COLLECTIONS, start=1):
            raw[key] = client.collection(path)
            if progress:
                progress(path, index, len(COLLECTIONS))
        snap = snapshot(raw)
        counts = Counts()
        with transaction.atomic():
            Connection.objects.select_for_update().get(pk=connection.pk)  # one sync at a time
            apply_snapshot(
                municipality=connection.municipality, snap=snap, actor=actor, counts=counts
            )
    except (RisError, ValidationError, DatabaseError) as exc:
        message = (
            exc.args[0]
            if isinstance(exc, RisError)
            else _("De gegevens uit het raadsinformatiesysteem passen niet (%(error)s).")
            % {"error": _error_text(exc)}
        )
        return _finish(run, actor, status=SyncStatus.FAILED, error=str(message))
    connection.last_success_at = timezone.now()
    connection.save(update_fields=["last_success_at", "updated_at"])
    return _finish(run, actor, status=SyncStatus.DONE, counts=counts)


def _error_text(exc) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())[:300]
    return "; ".join(getattr(exc, "messages", [str(exc)]))[:300]


def _finish(run, actor, *, status, counts: Counts | None = None, error: str = "") -> SyncRun:
    run.status = status
    run.finished_at = timezone.now()
    run.error = error
    if counts is not None:
        run.created = counts.total("created")
        run.changed = counts.total("changed") + counts.total("proposed")
        run.ended = counts.total("ended")
        run.summary = counts.as_dict()
    run.save()
    audit_record(
        action="ris.synced" if status == SyncStatus.DONE else "ris.sync_failed",
        actor=actor,
        obj=run.connection,
        details={"run": str(run.uuid), "summary": run.summary, "error": error},
    )
    return run


def sync_request(*, actor: User) -> None:
    """The griffie's button: the sync runs in the background (never in a web request)."""
    connection = Connection.objects.filter(
        municipality_id=actor.municipality_id, is_active=True
    ).first()
    if not can_manage(actor) or connection is None:
        refuse(actor=actor, action="ris.sync_requested", obj=connection, rule="T5")
    with transaction.atomic():
        enqueue("ris.sync", connection_id=connection.pk, actor_id=actor.pk)
        audit_record(action="ris.sync_requested", actor=actor, obj=connection)


def person_link(*, actor: User, person: Person, user: User | None) -> Person:
    """T5: the griffie links a person of the RIS to a portal account (never by e-mail alone);
    the next sync gives the account the person's seats."""
    if not can_manage(actor) or person.municipality_id != actor.municipality_id:
        refuse(actor=actor, action="ris.person_linked", obj=person, rule="T5")
    with (
        refusal_audited(actor=actor, action="ris.person_linked", obj=person, rule="T5"),
        transaction.atomic(),
    ):
        person = Person.objects.select_for_update().get(pk=person.pk)
        if user is not None and (
            user.municipality_id != actor.municipality_id
            or user.identity_domain is None
            or user.identity_domain.kind != DomainKind.COUNCIL
        ):
            raise ValidationError(MSG_LINK_DOMAIN, code="domain")
        person.user = user
        person.full_clean()
        person.save(update_fields=["user", "updated_at"])
        audit_record(
            action="ris.person_linked",
            actor=actor,
            obj=person,
            details={"user": str(user.uuid) if user else None},
        )
    return person


def closed_session_confirm(
    *, actor: User, item: AgendaItem, grounds: list[str], review_date: datetime.date
) -> AgendaItem:
    """C3: the griffie confirms the proposed closed session; the secrecy register records it."""
    if not can_manage(actor) or item.meeting.municipality_id != actor.municipality_id:
        refuse(actor=actor, action="ris.closed_session_confirmed", obj=item, rule="C3")
    with (
        refusal_audited(actor=actor, action="ris.closed_session_confirmed", obj=item, rule="C3"),
        transaction.atomic(),
    ):
        item = (
            AgendaItem.objects.select_for_update().select_related("meeting__body").get(pk=item.pk)
        )
        if item.proposal != ProposalStatus.PROPOSED:
            raise ValidationError(MSG_NOT_PROPOSED, code="state")
        session = links.closed_session_confirm(
            actor=actor,
            agenda_item=item,
            grounds=grounds,
            review_date=review_date,
            reference=f"{item.meeting.ris_id}/{item.ris_id}"[:100],
        )
        item.proposal = ProposalStatus.CONFIRMED
        item.closed_session_uuid = session.uuid
        item.save(update_fields=["proposal", "closed_session_uuid", "updated_at"])
        audit_record(
            action="ris.closed_session_confirmed",
            actor=actor,
            obj=item,
            details={"closed_session": str(session.uuid)},
        )
    return item
