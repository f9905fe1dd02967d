# Examples for `semgrep --test tools/semgrep/`: each "ruleid" line must be found, each "ok" line
# must not. Never imported.
# ruff: noqa
from . import selectors
from .models import Item


def item_list(request):
    # ruleid: no-orm-in-views-or-forms
    items = Item.objects.filter(municipality=request.user.municipality)
    # ruleid: no-orm-in-views-or-forms
    first = Item._default_manager.first()
    # ok: no-orm-in-views-or-forms
    items = selectors.items_visible_to(request.user)
    return items, first
