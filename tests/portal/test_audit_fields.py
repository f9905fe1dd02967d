"""Issue 20 step 4 (X1, E2): one list of an event's columns. audit_record's insert and
seed_scale's COPY write the same columns, every column of the table is either hashed or named
as not hashed, and a field added to the hash without the seeder knowing it fails the seeding
loudly instead of leaving seeded chains that do not verify."""

import pytest

from portal import audit
from portal.audit import HASHED_FIELDS, STORED_FIELDS, UNHASHED_FIELDS, _stored_fields
from portal.audit_verify import audit_verify
from portal.models import AuditEvent
from portal.scale import COPY_COLUMNS, seed_audit_events
from tests.factories import MunicipalityFactory


def test_x1_every_column_of_an_event_is_hashed_or_named_unhashed():
    columns = {f.column for f in AuditEvent._meta.concrete_fields if not f.primary_key}
    assert set(STORED_FIELDS) == columns
    assert not set(HASHED_FIELDS) & set(UNHASHED_FIELDS)
    assert len(STORED_FIELDS) == len(set(STORED_FIELDS))


def test_x1_the_writer_and_the_seeder_write_the_same_columns():
    fields = _stored_fields()
    assert [f.column for f in fields] == list(STORED_FIELDS)
    assert tuple(COPY_COLUMNS) == STORED_FIELDS


@pytest.mark.django_db
def test_x1_seeded_events_verify_with_live_ones():
    town = MunicipalityFactory()
    seed_audit_events(12, [(1, "persoon@velden.example", town.pk)], lambda *a: None)
    audit.audit_record(action="test.after_seed", municipality=town)
    result = audit_verify()
    assert result.ok and result.checked == 13, result.message


@pytest.mark.django_db
def test_x1_a_hashed_field_the_seeder_does_not_fill_fails_the_seed(monkeypatch):
    town = MunicipalityFactory()
    monkeypatch.setattr(audit, "HASHED_FIELDS", (*HASHED_FIELDS, "purpose"))
    with pytest.raises(KeyError, match="purpose"):
        seed_audit_events(3, [(1, "persoon@velden.example", town.pk)], lambda *a: None)
    assert not AuditEvent.objects.filter(municipality_id=town.pk).exists()
