"""L9, issue 16 (one source for each shared list): the breach's facts are listed once, in
``leaks.constants.BREACH_FIELDS``; the breach form edits exactly those, the service accepts
exactly those, and the notification's sections lay out each of them once, in that order."""

from leaks.breach_forms import BreachForm
from leaks.constants import BREACH_FIELDS
from leaks.notification import DERIVED_LABELS, FACT_FIELDS, SECTIONS, VERSION_FIELDS


def test_l9_the_breach_form_edits_exactly_the_breach_fields():
    assert tuple(BreachForm.base_fields) == BREACH_FIELDS


def test_l9_every_breach_field_stands_once_in_the_notification_sections_in_order():
    laid_out = [field for section in SECTIONS[1:] for field in section.fields]
    own = [
        field
        for field in laid_out
        if field not in DERIVED_LABELS and field not in VERSION_FIELDS and field != "aware_at"
    ]
    assert own == list(BREACH_FIELDS)
    assert len(laid_out) == len(set(laid_out))
    assert set(FACT_FIELDS) <= set(laid_out)
