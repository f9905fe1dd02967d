"""What the griffie's pages of this app share: the core's form flow (``portal.form_flow``: GET
shows the form, a valid POST calls one service and redirects, a refusal comes back on the form
with status 400 and nothing stored) on this app's form page, and the 403 for who may not
write."""

from __future__ import annotations

from functools import partial

from portal.form_flow import form_page as core_form_page
from portal.refusals import refuse

from ..permissions import can_manage_publications

TEMPLATE = "publications/form.html"

form_page = partial(core_form_page, template=TEMPLATE)


def require_manager(request, action: str) -> None:
    if not can_manage_publications(request.user):
        refuse(actor=request.user, action=action, obj=None, rule="X4")
