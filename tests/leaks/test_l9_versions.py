"""L9: the breach's facts follow the AP's notification form as structured data, and every
notification to the AP is a frozen version — the initial one, supplements, corrections and a
withdrawal under the AP's reference — that a later version never changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from leaks import services
from leaks.breach_forms import BreachForm
from leaks.constants import DataKind, NatureKind, NotificationPhase, SubjectKind
from leaks.models import Breach, BreachNotification
from leaks.notification import SECTIONS, changes, facts_snapshot, present
from portal.models import AuditEvent
from tests.leaks.factories import BreachFactory

pytestmark = pytest.mark.django_db

FACTS = {
    "contact_name": "Fatima Gegevens",
    "contact_function": "Functionaris gegevensbescherming",
    "contact_phone": "010 123 45 67",
    "contact_email": "fg@alfa.example",
    "nature_kinds": [NatureKind.WRONG_RECIPIENT],
    "nature": "Een e-mail met een bijlage is naar de verkeerde ontvanger gestuurd.",
    "cause": "Verkeerde adressuggestie in het e-mailprogramma.",
    "data_kinds": [DataKind.NAME_ADDRESS, DataKind.BSN, DataKind.HEALTH],
    "subject_kinds": [SubjectKind.CLIENTS],
    "people_min": 12,
    "people_max": 12,
    "records_min": 12,
    "records_max": 14,
    "consequences": "Anderen kennen de zorgvraag van cliënten.",
    "measures": "De ontvanger heeft de e-mail verwijderd en dat bevestigd.",
}


@pytest.fixture
def breach(case):
    return BreachFactory(case=case, aware_at=case.discovered_at)


def record(breach, actor, phase, at, **extra):
    return services.breach_notify(
        actor=actor,
        breach=breach,
        notified_at=at,
        phase=phase,
        now=at + datetime.timedelta(minutes=1),
        **extra,
    )


def test_l9_a_supplement_a_day_later_keeps_the_initial_version_unchanged(breach, privacy_officer):
    services.breach_update(actor=privacy_officer, breach=breach, **FACTS)
    first_at = breach.aware_at + datetime.timedelta(hours=20)
    initial = record(breach, privacy_officer, NotificationPhase.INITIAL, first_at)
    frozen = dict(initial.snapshot)
    assert initial.number == 1 and initial.reference == ""  # the AP's number may follow
    assert frozen["people_max"] == 12 and frozen["data_kinds"] == ["name_address", "bsn", "health"]

    services.breach_update(
        actor=privacy_officer,
        breach=breach,
        people_min=12,
        people_max=40,
        data_kinds=[DataKind.NAME_ADDRESS, DataKind.BSN, DataKind.HEALTH, DataKind.FINANCIAL],
        now=first_at + datetime.timedelta(hours=23),
    )
    supplement = record(
        breach,
        privacy_officer,
        NotificationPhase.SUPPLEMENT,
        first_at + datetime.timedelta(days=1),
        reference="M-2026-004711",
        note="Meer betrokkenen gevonden; ook financiële gegevens.",
    )
    assert supplement.number == 2
    initial.refresh_from_db()
    assert initial.snapshot == frozen  # the earlier version did not change
    assert initial.reference == ""
    assert supplement.snapshot["people_max"] == 40
    labels = [c["label"] for c in changes(initial.snapshot, supplement.snapshot)]
    assert labels == ["Soorten persoonsgegevens", "Aantal betrokkenen (maximaal)"]
    event = AuditEvent.objects.filter(action="leaks.breach_notify").order_by("seq").last()
    assert event.details["number"] == 2 and len(event.details["changed"]) == 2

    # and the frozen version cannot be changed, by the ORM or by SQL
    with pytest.raises(ValidationError):
        initial.note = "later bijgewerkt"
        initial.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        BreachNotification.objects.filter(pk=initial.pk).update(reference="M-0")
    with pytest.raises(DatabaseError), transaction.atomic():
        BreachNotification.objects.filter(pk=initial.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        Breach.objects.filter(pk=breach.pk).delete()
    initial.refresh_from_db()
    assert initial.snapshot == frozen and initial.reference == ""


def test_l9_a_withdrawal_needs_the_reference_and_its_reason(breach, privacy_officer):
    at = breach.aware_at + datetime.timedelta(hours=2)
    record(breach, privacy_officer, NotificationPhase.INITIAL, at)
    before = BreachNotification.objects.count()
    with pytest.raises(ValidationError) as refused:
        record(breach, privacy_officer, NotificationPhase.WITHDRAWAL, at)
    assert "meldnummer" in " ".join(refused.value.message_dict["reference"])
    assert "reden" in " ".join(refused.value.message_dict["note"])
    assert BreachNotification.objects.count() == before
    assert AuditEvent.objects.filter(action="leaks.breach_notify", result="denied").count() == 1
    withdrawal = record(
        breach,
        privacy_officer,
        NotificationPhase.WITHDRAWAL,
        at,
        reference="M-2026-1",
        note="Na onderzoek bleek de bijlage leeg: geen persoonsgegevens.",
    )
    assert withdrawal.number == 2
    with pytest.raises(ValidationError, match="ingetrokken"):
        record(breach, privacy_officer, NotificationPhase.SUPPLEMENT, at, reference="M-2026-1")


def test_l9_the_database_refuses_a_later_version_without_reference():
    breach = BreachFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        BreachNotification.objects.create(
            breach=breach,
            number=1,
            notified_at=timezone.now(),
            phase=NotificationPhase.WITHDRAWAL,
            recorded_by=breach.case.reported_by,
        )


def test_l9_later_versions_keep_the_ap_reference(breach, privacy_officer):
    at = breach.aware_at + datetime.timedelta(hours=2)
    record(breach, privacy_officer, NotificationPhase.INITIAL, at, reference="M-1")
    with pytest.raises(ValidationError, match="M-1"):
        record(breach, privacy_officer, NotificationPhase.AMENDMENT, at, reference="M-2")
    correction = record(breach, privacy_officer, NotificationPhase.AMENDMENT, at, reference="M-1")
    assert correction.get_phase_display() == "Correctie"


def test_l9_minimum_above_maximum_is_refused_by_form_service_and_database(breach, privacy_officer):
    form = BreachForm({"people_min": "40", "people_max": "12"}, instance=breach)
    assert not form.is_valid()
    assert form.errors["people_max"] == [
        "Het maximum aantal betrokkenen is kleiner dan het minimum."
    ]
    with pytest.raises(ValidationError) as refused:
        services.breach_update(
            actor=privacy_officer, breach=breach, records_min=9, records_max=3, nature="x"
        )
    assert "records_max" in refused.value.message_dict
    breach.refresh_from_db()
    assert breach.records_min is None and breach.nature == ""  # nothing stored
    with pytest.raises(IntegrityError), transaction.atomic():
        Breach.objects.filter(pk=breach.pk).update(people_min=40, people_max=12)


def test_l9_the_timeline_of_the_breach_is_in_order(breach, privacy_officer):
    start = breach.aware_at - datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as refused:
        services.breach_update(
            actor=privacy_officer,
            breach=breach,
            started_at=start,
            ended_at=start - datetime.timedelta(hours=1),
        )
    assert "ended_at" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.breach_update(actor=privacy_officer, breach=breach, ongoing=True, ended_at=start)


def test_l9_checklists_are_stored_so_the_register_can_count_them(breach, privacy_officer):
    services.breach_update(actor=privacy_officer, breach=breach, **FACTS)
    other = BreachFactory(case__framework_version=breach.case.framework_version)
    assert list(Breach.objects.filter(data_kinds__contains=[DataKind.BSN])) == [breach]
    assert Breach.objects.filter(data_kinds__overlap=[DataKind.HEALTH, DataKind.RACE]).count() == 1
    assert other.data_kinds == []
    with pytest.raises(ValidationError):  # only the choices of the AP form
        services.breach_update(actor=privacy_officer, breach=breach, data_kinds=["shoe_size"])


def test_l9_the_snapshot_follows_the_ap_forms_sections(breach, privacy_officer):
    services.breach_update(actor=privacy_officer, breach=breach, **FACTS)
    breach.refresh_from_db()
    sections = present(facts_snapshot(breach))
    assert [s["number"] for s in sections] == [s.number for s in SECTIONS][1:]
    rows = {row["key"]: row for s in sections for row in s["rows"]}
    assert rows["data_kinds"]["text"] == (
        "Naam-, adres- en woonplaatsgegevens; Burgerservicenummer (BSN); "
        "Gegevens over gezondheid (AVG art. 9)"
    )
    assert rows["sensitive"]["text"] == "Ja"
    assert rows["discovered_at"]["value"] == breach.case.discovered_at.isoformat()


def test_l9_the_case_page_shows_what_changed_between_versions(login, breach, privacy_officer):
    services.breach_update(actor=privacy_officer, breach=breach, **FACTS)
    at = breach.aware_at + datetime.timedelta(hours=3)
    record(breach, privacy_officer, NotificationPhase.INITIAL, at)
    services.breach_update(actor=privacy_officer, breach=breach, people_max=40)
    record(
        breach,
        privacy_officer,
        NotificationPhase.SUPPLEMENT,
        at + datetime.timedelta(hours=1),
        reference="M-7",
    )
    page = login(privacy_officer).get(
        reverse("leaks:case_detail", kwargs={"uuid": breach.case.uuid})
    )
    html = page.content.decode()
    assert "Versie 2, Aanvulling (art. 33 lid 4)" in html
    assert "Wat is er veranderd ten opzichte van versie 1 (1 gegeven)" in html
    assert "Aantal betrokkenen (maximaal)" in html


def test_l9_the_breach_form_refuses_bad_input_in_dutch_and_stores_nothing(
    login, breach, privacy_officer
):
    url = reverse("leaks:breach_edit", kwargs={"uuid": breach.case.uuid})
    client = login(privacy_officer)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for section in SECTIONS[1:]:
        assert str(section.title) in html
    response = client.post(
        url, {"people_min": "40", "people_max": "12", "data_kinds": ["bsn", "shoe_size"]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Het maximum aantal betrokkenen is kleiner dan het minimum." in html
    assert "Kies alleen uit de opties in de lijst." in html
    breach.refresh_from_db()
    assert breach.people_min is None and breach.data_kinds == []
    response = client.post(
        url, {"people_min": "12", "people_max": "40", "data_kinds": ["bsn", "health"]}
    )
    assert response.status_code == 302
    breach.refresh_from_db()
    assert (breach.people_min, breach.people_max, breach.data_kinds) == (12, 40, ["bsn", "health"])
