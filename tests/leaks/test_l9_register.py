"""L9, AVG art. 33(5): the breach register with the structured columns (kinds of data, special
categories yes/no, people minimum–maximum, notified yes/no and when, informed yes/no, late),
its filters and the CSV export with the same filters."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from leaks import services
from leaks.constants import DataKind, NotificationPhase, SubjectsDecision
from portal.models import AuditEvent
from portal.roles import Role
from tests.leaks.factories import BreachFactory, LeakCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(world, framework, privacy_officer):
    """Three breaches of Alfa of this year and one of last year, and one of Beta."""
    now = timezone.now()

    def breach(title, days_ago, **facts):
        case = LeakCaseFactory(
            framework_version=framework,
            title=title,
            discovered_at=now - datetime.timedelta(days=days_ago),
        )
        b = BreachFactory(case=case, aware_at=case.discovered_at)
        if facts:
            services.breach_update(actor=privacy_officer, breach=b, **facts)
        return b

    health = breach(
        "Zorgmail",
        3,
        data_kinds=[DataKind.NAME_ADDRESS, DataKind.HEALTH],
        people_min=12,
        people_max=40,
        risk="high",
        risk_reasons="Gezondheid",
        subjects_decision=SubjectsDecision.INFORM,
        subjects_reasons="Hoog risico",
        subjects_decided_on=timezone.localdate(),
        subjects_informed_at=now - datetime.timedelta(days=1),
    )
    services.breach_notify(
        actor=privacy_officer,
        breach=health,
        notified_at=health.aware_at + datetime.timedelta(hours=20),
        phase=NotificationPhase.INITIAL,
        reference="M-1",
    )
    late = breach("Verloren laptop", 10, data_kinds=[DataKind.BSN])
    services.breach_notify(
        actor=privacy_officer,
        breach=late,
        notified_at=late.aware_at + datetime.timedelta(hours=80),
        phase=NotificationPhase.INITIAL,
        reference="M-2",
        late_reasons="Weekend",
    )
    quiet = breach("Adreslijst", 1, data_kinds=[DataKind.NAME_ADDRESS], people_min=3)
    old = breach("Vorig jaar", 400)
    foreign = BreachFactory()  # another municipality
    return {"health": health, "late": late, "quiet": quiet, "old": old, "foreign": foreign}


def shown(client, register, **filters):
    response = client.get(reverse("leaks:breach_register"), filters)
    assert response.status_code == 200, response.content.decode()[:500]
    html = response.content.decode()
    return {name for name, b in register.items() if b.case.reference in html}


def test_l9_the_register_filters_on_the_structured_columns(login, register, privacy_officer):
    client = login(privacy_officer)
    assert shown(client, register) == {"health", "late", "quiet", "old"}
    assert shown(client, register, sensitive="yes") == {"health"}
    assert shown(client, register, sensitive="no") == {"late", "quiet", "old"}
    assert shown(client, register, kind="bsn") == {"late"}
    assert shown(client, register, notified="yes") == {"health", "late"}
    assert shown(client, register, notified="no") == {"quiet", "old"}
    assert shown(client, register, informed="yes") == {"health"}
    # late: notified after 72 hours, or not notified while the deadline passed (old, quiet
    # has 47 hours left)
    assert shown(client, register, late="yes") == {"late", "old"}
    year = timezone.localtime(register["old"].aware_at).year
    assert "old" in shown(client, register, year=year)
    assert shown(client, register, year=timezone.localdate().year) >= {"health", "quiet"}


def test_l9_the_register_shows_the_structured_columns(login, register, privacy_officer):
    html = login(privacy_officer).get(reverse("leaks:breach_register")).content.decode()
    for header in (
        "Soorten persoonsgegevens",
        "Bijzondere of strafrechtelijke gegevens",
        "Betrokkenen (min.–max.)",
        "Gemeld aan de AP",
        "Betrokkenen geïnformeerd",
        "Te laat",
    ):
        assert header in html
    assert "12–40" in html
    assert "Gegevens over gezondheid (AVG art. 9)" in html


def test_l9_a_bad_filter_is_refused_in_dutch_and_the_rest_still_applies(
    login, register, privacy_officer
):
    response = login(privacy_officer).get(
        reverse("leaks:breach_register"), {"year": "twintig", "sensitive": "yes"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een jaartal in, bijvoorbeeld 2026." in html
    assert register["health"].case.reference in html
    assert register["late"].case.reference not in html


def test_l9_the_export_has_the_columns_and_the_filters_and_is_audited(
    login, register, privacy_officer
):
    client = login(privacy_officer)
    export = client.get(reverse("leaks:breach_register_export"), {"notified": "yes"})
    assert export["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    for column in (
        "Soorten persoonsgegevens",
        "Bijzondere of strafrechtelijke gegevens",
        "Betrokkenen (min.–max.)",
        "Gemeld aan de AP",
        "Gemeld op",
        "Betrokkenen geïnformeerd",
        "Te laat",
    ):
        assert column in header
    by_ref = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    assert set(by_ref) == {register["health"].case.reference, register["late"].case.reference}
    health = by_ref[register["health"].case.reference]
    assert health["Bijzondere of strafrechtelijke gegevens"] == "ja"
    assert health["Betrokkenen (min.–max.)"] == "12–40"
    assert health["Betrokkenen geïnformeerd"] == "ja"
    assert health["Meldnummer"] == "M-1"
    assert by_ref[register["late"].case.reference]["Te laat"] == "ja"
    assert register["foreign"].case.reference not in export.content.decode("utf-8-sig")
    event = AuditEvent.objects.get(action="leaks.breach_register_export")
    assert event.details["rows"] == 2 and event.details["filters"] == {"notified": "yes"}


def test_l9_management_reads_the_register_a_clerk_does_not(world, login, register):
    assert (
        login(world.a.users[Role.MANAGEMENT]).get(reverse("leaks:breach_register")).status_code
        == 200
    )
    assert login(world.a.users[Role.CLERK]).get(reverse("leaks:breach_register")).status_code == 403


def test_l9_the_dashboard_shows_the_years_figures_as_chart_and_table(
    login, register, privacy_officer
):
    from leaks.figures import breach_figures

    year = timezone.localtime(register["quiet"].aware_at).year
    this_year = [
        b
        for name, b in register.items()
        if name != "foreign" and timezone.localtime(b.aware_at).year == year
    ]
    figures = breach_figures(privacy_officer, year=year)
    assert figures.total == len(this_year)
    assert figures.notified == sum(1 for b in this_year if b.notifications.exists())
    assert figures.late == sum(1 for b in this_year if b.case.title == "Verloren laptop")
    assert sum(n for _m, n in figures.per_month) == figures.total
    old_year = timezone.localtime(register["old"].aware_at).year
    assert old_year in figures.years

    page = login(privacy_officer).get(reverse("leaks:dashboard"), {"jaar": year})
    html = page.content.decode()
    assert page.status_code == 200
    assert f"Datalekken per maand in {year}" in html  # the chart's title and the table
    assert '<svg role="img"' in html and "<table" in html
    assert f"gemeld aan de Autoriteit Persoonsgegevens: {figures.notified}" in html
    bad = login(privacy_officer).get(reverse("leaks:dashboard"), {"jaar": "vorig"})
    assert bad.status_code == 400
    assert "Vul een jaartal in, bijvoorbeeld 2026." in bad.content.decode()
