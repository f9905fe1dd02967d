# Examples for `semgrep --test tools/semgrep/`: each "ruleid" line must be found, each "ok" line
# must not. Never imported.
# ruff: noqa
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy, pgettext
from django.utils.translation import gettext_lazy as _

# ruleid: no-rule-id-in-translatable-string
MSG = _("Kies een eigenaar van uw eigen gemeente (T1).")
# ruleid: no-rule-id-in-translatable-string
OTHER = gettext_lazy("Dit mag niet (R3, R6).")
# ruleid: no-rule-id-in-translatable-string
CTX = pgettext("menu", "Regel C7")
# ok: no-rule-id-in-translatable-string
LAW = _("Geheimhouding vraagt een grond uit de Woo (art. 5.1), Gemeentewet art. 88 lid 5.")
# ok: no-rule-id-in-translatable-string
PAPER = gettext("Een verslag op A4-formaat.")


def refuse():
    # ok: no-rule-id-in-translatable-string
    raise ValidationError(LAW, code="C1")
