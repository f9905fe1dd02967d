"""Model policies shared across municipalities and their local adoptions (P7)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.models import Body, User
from portal.notifications import notify_users
from portal.refusals import audited_write, refuse

from ..diff import section_diff
from ..models import Adoption, Deviation, ModelPolicy, ModelPolicySection, ModelPolicyVersion
from ..permissions import can_edit_model_policy, can_manage_adoptions

MSG_NO_SECTIONS = _("Een versie van voorbeeldbeleid heeft ten minste één paragraaf.")  # P7
MSG_DUPLICATE_KEY = _("Elke paragraaf heeft een eigen nummer; %(key)s komt twee keer voor.")  # P7
MSG_UNKNOWN_SECTION = _(
    "Paragraaf %(key)s staat niet in de vastgestelde versie. Afwijken kan alleen per paragraaf "
    "van die versie."  # P7
)
MSG_REASON_REQUIRED = _("Geef bij een afwijking de eigen tekst en de reden.")  # P7
MSG_BODY_ELSEWHERE = _("Kies een orgaan van uw eigen gemeente.")  # P7, T1
MSG_OLDER_VERSION = _("U kunt niet terug naar een oudere versie dan de vastgestelde.")  # P7


def adopters_to_notify(municipality_id: int):
    """Who keeps a municipality's adoptions: people holding ``manage_adoptions`` there."""
    perm = Permission.objects.get(
        content_type__app_label="privacy_policy", codename="manage_adoptions"
    )
    return User.objects.filter(
        Q(groups__permissions=perm) | Q(user_permissions=perm),
        identity_domain__municipality_id=municipality_id,
        is_active=True,
    ).distinct()


def model_policy_publish_version(
    *,
    actor: User,
    model_policy: ModelPolicy,
    sections: list[tuple[str, str, str]],
    published_on: datetime.date,
    notes: str = "",
) -> ModelPolicyVersion:
    """P7: publish a new version (sections: key, heading, text). Needs the object grant on
    this model policy. Every municipality that adopted an earlier version is told, with the
    sections that changed; the linked page shows the section-by-section difference."""
    if not can_edit_model_policy(actor, model_policy):
        refuse(actor=actor, action="model_policy.publish", obj=model_policy, rule="P7")
    with audited_write(actor=actor, action="model_policy.publish", rule="P7", obj=model_policy):
        if not sections:
            raise ValidationError(MSG_NO_SECTIONS, code="no_sections")
        keys = [key for key, _h, _t in sections]
        for key in keys:
            if keys.count(key) > 1:
                raise ValidationError(MSG_DUPLICATE_KEY, code="duplicate", params={"key": key})
        model_policy = ModelPolicy.objects.select_for_update().get(pk=model_policy.pk)
        previous = model_policy.versions.order_by("-number").first()
        number = (model_policy.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = ModelPolicyVersion(
            model_policy=model_policy,
            number=number,
            published_on=published_on,
            notes=notes,
            created_by=actor,
        )
        version.full_clean()
        version.save()
        rows = [
            ModelPolicySection(version=version, key=k, heading=h, text=t, position=i)
            for i, (k, h, t) in enumerate(sections, start=1)
        ]
        for row in rows:
            row.full_clean(exclude=["version"])
        ModelPolicySection.objects.bulk_create(rows)
        changed = []
        if previous is not None:
            old = list(previous.sections.values_list("key", "heading", "text"))
            changed = [c.key for c in section_diff(old, sections) if c.change != "unchanged"]
        link = reverse("privacy_policy:model_policy_detail", kwargs={"uuid": model_policy.uuid})
        municipality_ids = list(
            Adoption.objects.filter(model_policy=model_policy).values_list(
                "municipality_id", flat=True
            )
        )
        for adoption in Adoption.objects.filter(model_policy=model_policy).select_related(
            "municipality", "version"
        ):
            notify_users(
                users=adopters_to_notify(adoption.municipality_id),
                kind="privacy_policy.model_version",
                title=gettext_noop(
                    "Nieuwe versie %(number)s van voorbeeldbeleid %(title)s: gewijzigd in "
                    "paragraaf %(sections)s"
                ),
                params={
                    "number": number,
                    "title": model_policy.title[:80],
                    "sections": ", ".join(changed)[:60] or "-",
                },
                link=f"{link}?van={adoption.version.number}&naar={number}",
                key=f"privacy_policy.model_version:{version.uuid}",
                municipality=adoption.municipality,
            )
        audit_record(
            action="model_policy.publish",
            actor=actor,
            obj=model_policy,
            details={
                "version": number,
                "changed_sections": changed,
                "adopters_notified": len(municipality_ids),
            },
        )
    return version


def adoption_record(
    *,
    actor: User,
    model_policy: ModelPolicy,
    version: ModelPolicyVersion,
    adopted_by: Body,
    adopted_on: datetime.date,
    decision_reference: str,
) -> Adoption:
    """P7: the municipality adopts a version (or moves its adoption to a newer one)."""
    if not can_manage_adoptions(actor):
        refuse(actor=actor, action="model_policy.adopt", obj=model_policy, rule="P7")
    with audited_write(actor=actor, action="model_policy.adopt", rule="P7", obj=model_policy):
        if adopted_by.municipality_id != actor.municipality_id:
            raise ValidationError(MSG_BODY_ELSEWHERE, code="other_municipality")
        if version.model_policy_id != model_policy.pk:
            raise ValidationError(MSG_UNKNOWN_SECTION, code="version", params={"key": "-"})
        adoption = (
            Adoption.objects.select_for_update()
            .filter(municipality_id=actor.municipality_id, model_policy=model_policy)
            .select_related("version")
            .first()
        )
        if adoption is None:
            adoption = Adoption(municipality_id=actor.municipality_id, model_policy=model_policy)
        elif version.number < adoption.version.number:
            raise ValidationError(MSG_OLDER_VERSION, code="older")
        adoption.version = version
        adoption.adopted_by = adopted_by
        adoption.adopted_on = adopted_on
        adoption.decision_reference = decision_reference
        adoption.full_clean()
        adoption.save()
        audit_record(
            action="model_policy.adopt",
            actor=actor,
            obj=adoption,
            details={"model_policy": str(model_policy.uuid), "version": version.number},
        )
    return adoption


def deviation_record(
    *, actor: User, adoption: Adoption, section_key: str, text: str, reason: str
) -> Deviation:
    """P7: the municipality's own text for one section of the adopted version, and why."""
    if not can_manage_adoptions(actor) or adoption.municipality_id != actor.municipality_id:
        refuse(actor=actor, action="model_policy.deviate", obj=adoption, rule="P7")
    with audited_write(actor=actor, action="model_policy.deviate", rule="P7", obj=adoption):
        if not text.strip() or not reason.strip():
            raise ValidationError(MSG_REASON_REQUIRED, code="reason")
        if not adoption.version.sections.filter(key=section_key).exists():
            raise ValidationError(
                MSG_UNKNOWN_SECTION, code="unknown_section", params={"key": section_key}
            )
        deviation = Deviation.objects.filter(adoption=adoption, section_key=section_key).first()
        deviation = deviation or Deviation(adoption=adoption, section_key=section_key)
        deviation.text, deviation.reason = text, reason
        deviation.full_clean()
        deviation.save()
        audit_record(
            action="model_policy.deviate",
            actor=actor,
            obj=adoption,
            details={"section": section_key},
        )
    return deviation
