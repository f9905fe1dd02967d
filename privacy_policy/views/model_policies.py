"""Model policies shared across municipalities, adoptions and deviations (P7)."""

import re

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from portal.form_flow import form_page, posted
from portal.refusals import refuse
from portal.selectors import bodies_for

from .. import selectors, services
from ..diff import section_diff
from ..forms import AdoptionForm, DeviationForm, ModelVersionForm
from ..permissions import can_edit_model_policy, can_manage_adoptions

HEADING = re.compile(r"^##\s+(\S+)\s+(.+)$")
MSG_SECTION_FORMAT = gettext_lazy(
    # P7
    "Begin elke paragraaf met een regel '## <nummer> <kop>', gevolgd door de tekst."
)


def parse_sections(text: str) -> list[tuple[str, str, str]]:
    """'## 1 Uitgangspunten' starts a section; the lines below it are its text."""
    sections, current = [], None
    for line in text.replace("\r\n", "\n").split("\n"):
        match = HEADING.match(line.strip())
        if match:
            current = [match.group(1), match.group(2).strip(), []]
            sections.append(current)
        elif current is not None:
            current[2].append(line)
        elif line.strip():
            raise ValidationError(MSG_SECTION_FORMAT, code="format")
    return [(key, heading, "\n".join(lines).strip()) for key, heading, lines in sections]


def format_sections(version) -> str:
    return "\n\n".join(f"## {s.key} {s.heading}\n{s.text}" for s in version.sections.all())


def _require_view(request):
    if not selectors.may_see_model_policies(request.user):
        refuse(actor=request.user, action="model_policy.list", obj=None, rule="P7")


@require_GET
def model_policy_list(request):
    _require_view(request)
    policies = list(selectors.model_policies_for(request.user))
    adopted = selectors.adopted_versions(request.user)
    for policy in policies:
        policy.own_version = adopted.get(policy.pk)
    return render(request, "privacy_policy/model_policy_list.html", {"policies": policies})


def _version(versions, number):
    try:
        return next(v for v in versions if v.number == int(number))
    except (StopIteration, TypeError, ValueError):
        return None


@require_GET
def model_policy_detail(request, uuid):
    """The latest version by section, side by side with the municipality's own deviations; the
    difference between two versions (the adopted one and the latest by default); who deviates
    where."""
    model_policy = selectors.model_policy_get(request.user, uuid)
    can_edit = can_edit_model_policy(request.user, model_policy)
    versions = list(model_policy.versions.all())
    latest = versions[-1] if versions else None
    adoption = selectors.adoption_for(request.user, model_policy)
    deviations = {d.section_key: d for d in adoption.deviations.all()} if adoption else {}
    sections = []
    if latest is not None:
        for section in latest.sections.all():
            sections.append({"section": section, "deviation": deviations.get(section.key)})
    old = _version(versions, request.GET.get("van")) or (
        _version(versions, adoption.version.number) if adoption else None
    )
    new = _version(versions, request.GET.get("naar")) or latest
    changes = None
    if old is not None and new is not None and old.number != new.number:
        changes = section_diff(
            [(s.key, s.heading, s.text) for s in old.sections.all()],
            [(s.key, s.heading, s.text) for s in new.sections.all()],
        )
    return render(
        request,
        "privacy_policy/model_policy_detail.html",
        {
            "model_policy": model_policy,
            "versions": versions,
            "latest": latest,
            "adoption": adoption,
            "sections": sections,
            "old": old,
            "new": new,
            "changes": changes,
            "comparison": selectors.comparison(request.user, model_policy, editor=can_edit),
            "can_edit": can_edit,
            "can_adopt": can_manage_adoptions(request.user) and latest is not None,
        },
    )


@require_http_methods(["GET", "POST"])
def model_policy_version_new(request, uuid):
    """P7: only someone granted this model policy publishes a new version."""
    model_policy = selectors.model_policy_get(request.user, uuid)
    if not can_edit_model_policy(request.user, model_policy):
        refuse(actor=request.user, action="model_policy.publish", obj=model_policy, rule="P7")
    latest = model_policy.versions.order_by("-number").first()
    initial = {"published_on": timezone.localdate()}
    if latest is not None:
        initial["sections"] = format_sections(latest)
    form = ModelVersionForm(posted(request), initial=initial)
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={
            "title": _("Nieuwe versie van %(title)s") % {"title": model_policy.title},
            "submit": _("Versie uitbrengen"),
        },
        save=lambda data: services.model_policy_publish_version(
            actor=request.user,
            model_policy=model_policy,
            sections=parse_sections(data["sections"]),
            published_on=data["published_on"],
            notes=data["notes"],
        ),
        success_message=_("De nieuwe versie is uitgebracht; wie het vaststelde is ingelicht."),
        success_url=reverse(
            "privacy_policy:model_policy_detail", kwargs={"uuid": model_policy.uuid}
        ),
    )


@require_http_methods(["GET", "POST"])
def adoption_record(request, uuid):
    """P7: the municipality adopts a version (body, date, decision)."""
    model_policy = selectors.model_policy_get(request.user, uuid)
    if not can_manage_adoptions(request.user):
        refuse(actor=request.user, action="model_policy.adopt", obj=model_policy, rule="P7")
    form = AdoptionForm(
        posted(request),
        versions=model_policy.versions.order_by("-number"),
        bodies=bodies_for(request.user).order_by("name"),
    )
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={
            "title": _("%(title)s vaststellen") % {"title": model_policy.title},
            "submit": _("Vaststelling vastleggen"),
        },
        save=lambda data: services.adoption_record(
            actor=request.user, model_policy=model_policy, **data
        ),
        success_message=_("De vaststelling is vastgelegd."),
        success_url=reverse(
            "privacy_policy:model_policy_detail", kwargs={"uuid": model_policy.uuid}
        ),
    )


@require_http_methods(["GET", "POST"])
def deviation_add(request, uuid):
    """P7: a deviation per section of the adopted version: own text and reason."""
    adoption = selectors.adoption_get(request.user, uuid)
    form = DeviationForm(posted(request), sections=adoption.version.sections.all())
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={
            "title": _("Afwijking van %(title)s") % {"title": adoption.model_policy.title},
            "submit": _("Afwijking vastleggen"),
        },
        save=lambda data: services.deviation_record(actor=request.user, adoption=adoption, **data),
        success_message=_("De afwijking is vastgelegd."),
        success_url=lambda _deviation: reverse(
            "privacy_policy:model_policy_detail", kwargs={"uuid": adoption.model_policy.uuid}
        ),
    )
