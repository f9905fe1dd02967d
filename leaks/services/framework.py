"""L1: the afwegingskader — publishing a draft and starting a new version from a published one."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.models import Municipality, User
from portal.refusals import refuse

from ..models import Consideration, FrameworkStep, FrameworkTrack, FrameworkVersion


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
                _("Een versie zonder stappen kan niet worden gepubliceerd."),
                code="empty",  # L1
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
