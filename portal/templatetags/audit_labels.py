"""The label of an audit action (X7): ``{{ event.action|action_label }}``."""

from django import template

from portal.audit_actions import action_label as _label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return _label(action)
