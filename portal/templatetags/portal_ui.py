"""Template helpers for the NL Design System (Utrecht) components: form widgets with their
classes and ARIA links, breadcrumbs, the current page in the navigation, alerts, pagination."""

from django import forms, template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

register = template.Library()

_WIDGET_CLASSES = [
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, ""),
    (forms.CheckboxSelectMultiple, ""),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
]


@register.filter
def utrecht_widget(field):
    """The field's widget with the Utrecht classes; when invalid also ``aria-invalid`` and the
    error message in ``aria-describedby``, so a screen reader reads what is wrong (WCAG 3.3.1)."""
    widget = field.field.widget
    css = next((c for kind, c in _WIDGET_CLASSES if isinstance(widget, kind)), "")
    attrs = {}
    if css:
        invalid = " utrecht-textbox--invalid" if field.errors and "textbox" in css else ""
        if field.errors and "select" in css:
            invalid = " utrecht-select--invalid"
        attrs["class"] = f"{css}{invalid} {widget.attrs.get('class', '')}".strip()
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def alert_type(tags):
    """Django message level → Utrecht alert type."""
    tags = str(tags or "")
    for level, kind in (("error", "error"), ("warning", "warning"), ("success", "ok")):
        if level in tags:
            return kind
    return "info"


@register.simple_tag(takes_context=True)
def nav_current(context, url):
    """``aria-current="page"`` on the link to this page, ``aria-current="true"`` on the link to
    the section this page is in (a body's page is in "Organen")."""
    request = context.get("request")
    if request is None:
        return ""
    if request.path == url:
        return mark_safe(' aria-current="page"')  # nosec B308
    home = reverse("portal:home")
    if url != home and request.path.startswith(url):
        return mark_safe(' aria-current="true"')  # nosec B308
    return ""


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *trail):
    """``{% breadcrumbs label url label url ... current_label %}``: the home page comes first by
    itself; the last label is the current page (not a link)."""
    *pairs, current = trail
    items = [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)]
    return {"items": items, "current": current, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with its filters kept and ``page`` set."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.filter
def file_size(value):
    """A size in bytes as people read it, in SI units with the language's decimal sign:
    "7 kB", "1,2 MB" (Django's filesizeformat says "7,0 KB", binary units in a decimal
    costume). Issue 15."""
    try:
        size = int(value)
    except (TypeError, ValueError):
        return "–"
    if size < 1000:
        return ngettext("%(n)s byte", "%(n)s bytes", size) % {"n": size}
    unit, factor = (
        next((u, f) for u, f in (("kB", 10**3), ("MB", 10**6), ("GB", 10**9)) if size < f * 1000)
        if size < 10**12
        else ("GB", 10**9)
    )
    amount = size / factor
    digits = 0 if amount >= 10 or unit == "kB" else 1
    return f"{number_format(round(amount, digits), digits)} {unit}"
