"""PDF reports (X3): rendered in the background from Django templates, stored privately,
watermarked per recipient (C8).

Apps plug in a report kind in their ``AppConfig.ready()``::

    register_report_kind(
        ReportKind(
            key="leaks.weighing_record",
            title=_("Afwegingsverslag"),
            template="pdf/leaks/weighing_record.html",
            build_context=lambda job: {...},  # runs in the worker; plain values for the template
            may_view=lambda user, job: ...,  # may this user see the job's subject?
        )
    )

and request one with :func:`portal.reports.services.report_request`. ``may_view`` is asked
before a job is created (with the unsaved job), and again at every status view and download:
access that ends (a role taken away, an exclusion under C6) ends the download too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django import forms

    from portal.models import ReportJob, User


class ReportError(Exception):
    """A report that cannot be made for a reason the requester should read (Dutch, translated):
    the message is shown on the status page as it is."""


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str  # lazy translatable
    template: str
    build_context: Callable[[ReportJob], dict]
    may_view: Callable[[User, ReportJob], bool]
    # Parameters a person picks on the generic request page (/rapporten/nieuw/<key>/). Kinds
    # without a form are requested by their app's own views, through the same service.
    form_class: type[forms.Form] | None = None
    description: str = ""
    filename_stem: str = ""  # the download's name: <stem>-<date>-<trace code>.pdf

    @property
    def stem(self) -> str:
        return self.filename_stem or self.key.replace(".", "-").replace("_", "-")


_kinds: dict[str, ReportKind] = {}


def register_report_kind(kind: ReportKind) -> None:
    _kinds[kind.key] = kind


def unregister_report_kind(key: str) -> None:
    """For tests that register a kind of their own."""
    _kinds.pop(key, None)


def get_report_kind(key: str) -> ReportKind | None:
    return _kinds.get(key)


def report_kinds() -> list[ReportKind]:
    return list(_kinds.values())
