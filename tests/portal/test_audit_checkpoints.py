"""Issue 20, X1/E2: each audit chain's signed head exported once a day outside the database
(write-once files), downloaded by the privacy officer, and used by ``verify_audit --checkpoints``
to prove that no chain was cut back behind an exported checkpoint."""

import json
import os
import stat
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from portal.audit import audit_record
from portal.audit_checkpoints import (
    checkpoint_path,
    export_checkpoints,
    sign_checkpoint,
    verify_checkpoints,
)
from portal.audit_verify import audit_verify
from portal.background import PERIODIC
from portal.models import AuditEvent, AuditHead
from portal.roles import Role
from tests.factories import MunicipalityFactory
from tests.portal.audit_tampering import tampering

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 1)


def _events(n, municipality=None):
    return [audit_record(action=f"test.cp{i}", municipality=municipality) for i in range(n)]


def test_x1_export_writes_one_signed_read_only_file_per_chain_per_day(audit_checkpoint_dir):
    alfa = MunicipalityFactory(slug="cp-alfa")
    _events(2)
    _events(3, municipality=alfa)

    result = export_checkpoints(day=DAY)

    assert sorted(p.relative_to(audit_checkpoint_dir).as_posix() for p in result.written) == [
        f"chain-0/{DAY}.json",
        f"chain-{alfa.pk}/{DAY}.json",
    ]
    path = checkpoint_path(audit_checkpoint_dir, alfa.pk, DAY)
    payload = json.loads(path.read_text())
    head = AuditHead.objects.get(chain=alfa.pk)
    assert (payload["chain"], payload["day"], payload["last_seq"]) == (alfa.pk, str(DAY), 3)
    assert payload["last_hash"] == head.last_hash and payload["head_signature"] == head.signature
    assert payload["signature"] == sign_checkpoint(payload)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o444  # read-only from the start
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary left


def test_x1_export_never_overwrites_a_checkpoint(audit_checkpoint_dir):
    """Write-once: a second run on the same day, after more events, leaves the day's file as
    it was; the next day gets a new file."""
    alfa = MunicipalityFactory(slug="cp-once")
    _events(2, municipality=alfa)
    export_checkpoints(day=DAY)
    path = checkpoint_path(audit_checkpoint_dir, alfa.pk, DAY)
    before = path.read_bytes()

    _events(2, municipality=alfa)
    again = export_checkpoints(day=DAY)
    assert again.written == [] and again.existing == 1
    assert path.read_bytes() == before and json.loads(before)["last_seq"] == 2

    later = export_checkpoints(day=date(2026, 12, 2))
    assert [json.loads(p.read_text())["last_seq"] for p in later.written] == [4]


def test_x1_export_does_not_sign_a_forged_head(audit_checkpoint_dir):
    """A head that does not hold is never exported: a checkpoint must not bless a forgery."""
    alfa, beta = MunicipalityFactory(slug="cp-f-a"), MunicipalityFactory(slug="cp-f-b")
    events = _events(3, municipality=alfa)
    _events(1, municipality=beta)
    with tampering() as cursor:
        cursor.execute(
            "UPDATE portal_audithead SET last_seq = 2, last_hash = %s WHERE chain = %s",
            [events[1].hash, alfa.pk],
        )
    result = export_checkpoints(day=DAY)
    assert result.refused == [alfa.pk]
    assert [json.loads(p.read_text())["chain"] for p in result.written] == [beta.pk]


def test_x1_checkpoints_are_exported_by_a_periodic_job(audit_checkpoint_dir):
    """Registered as a periodic job (beat, or run_background's loop) and audited."""
    from django_celery_beat.models import PeriodicTask

    from portal.background import sync_schedule
    from portal.tasks import audit_export_checkpoints

    assert "portal.audit_export_checkpoints" in PERIODIC
    sync_schedule()
    task = PeriodicTask.objects.get(name="portal.audit_export_checkpoints")
    assert task.enabled and task.interval.every == 3600

    alfa = MunicipalityFactory(slug="cp-job")
    _events(1, municipality=alfa)
    assert audit_export_checkpoints() == 1
    # The export's own event is installation-wide: that chain gets its checkpoint next time.
    assert audit_export_checkpoints() == 1
    assert audit_export_checkpoints() == 0  # the day's files exist: nothing again
    exported = AuditEvent.objects.filter(action="audit.checkpoints_exported")
    assert [e.details["written"] for e in exported.order_by("seq")] == [1, 1]
    assert sorted(p.name for p in audit_checkpoint_dir.iterdir()) == ["chain-0", f"chain-{alfa.pk}"]


def test_x1_verify_audit_with_checkpoints_finds_a_chain_cut_back_behind_one(
    audit_checkpoint_dir,
):
    """The attack: a database owner saved a signed head, later truncated the chain and put
    the old head back. The chain verifies on its own; the checkpoint exported in between
    shows the cut, naming the chain."""
    alfa = MunicipalityFactory(name="Gemeente Knipdorp", slug="cp-cut")
    beta = MunicipalityFactory(slug="cp-heel")
    _events(3, municipality=alfa)
    _events(2, municipality=beta)
    saved = AuditHead.objects.values("last_seq", "last_hash", "signature").get(chain=alfa.pk)
    later = _events(3, municipality=alfa)
    export_checkpoints(day=DAY)

    with tampering() as cursor:
        cursor.execute("DELETE FROM portal_auditevent WHERE id IN %s", [tuple(e.pk for e in later)])
        cursor.execute(
            "UPDATE portal_audithead SET last_seq = %s, last_hash = %s, signature = %s "
            "WHERE chain = %s",
            [saved["last_seq"], saved["last_hash"], saved["signature"], alfa.pk],
        )

    assert audit_verify().ok
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "audit chains intact" in out.getvalue()

    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("verify_audit", "--checkpoints", str(audit_checkpoint_dir), stderr=err)
    message = str(refused.value)
    assert f"Gemeente Knipdorp (chain {alfa.pk})" in message
    assert f"cut back behind the checkpoint of {DAY} (#6)" in message
    assert "the chain now ends at #3" in message
    assert f"chain-{alfa.pk}" in err.getvalue()
    check = verify_checkpoints(audit_checkpoint_dir)
    assert [(p.chain, p.kind) for p in check.problems] == [(alfa.pk, "cut")]


def test_x1_verify_checkpoints_passes_on_an_intact_installation(audit_checkpoint_dir):
    alfa = MunicipalityFactory(slug="cp-ok")
    _events(2, municipality=alfa)
    export_checkpoints(day=DAY)
    _events(2, municipality=alfa)  # the chain grew after the checkpoint: that is fine
    export_checkpoints(day=date(2026, 12, 2))
    out = StringIO()
    call_command("verify_audit", "--checkpoints", str(audit_checkpoint_dir), stdout=out)
    assert "checkpoints hold: 2 files of 1 chains" in out.getvalue()


def test_x1_verify_checkpoints_finds_a_chain_deleted_with_its_head(audit_checkpoint_dir):
    alfa = MunicipalityFactory(slug="cp-weg")
    _events(2, municipality=alfa)
    export_checkpoints(day=DAY)
    with tampering() as cursor:
        cursor.execute("DELETE FROM portal_auditevent WHERE chain = %s", [alfa.pk])
        cursor.execute("DELETE FROM portal_audithead WHERE chain = %s", [alfa.pk])
    assert audit_verify().ok  # nothing left in the database to find
    check = verify_checkpoints(audit_checkpoint_dir)
    assert [(p.chain, p.kind) for p in check.problems] == [(alfa.pk, "cut")]
    assert "the chain now ends at #0" in check.problems[0].message


def test_x1_verify_checkpoints_refuses_an_altered_checkpoint_file(audit_checkpoint_dir):
    """A checkpoint edited to claim less (to cover a cut) no longer carries the key's
    signature."""
    alfa = MunicipalityFactory(slug="cp-vals")
    _events(2, municipality=alfa)
    export_checkpoints(day=DAY)
    path = checkpoint_path(audit_checkpoint_dir, alfa.pk, DAY)
    payload = json.loads(path.read_text())
    payload["last_seq"] = 1
    path.chmod(0o644)
    path.write_text(json.dumps(payload))
    check = verify_checkpoints(audit_checkpoint_dir)
    assert [(p.chain, p.kind) for p in check.problems] == [(alfa.pk, "unsigned")]


# --- the privacy officer's download -----------------------------------------------------------


def test_x1_privacy_officer_downloads_their_municipalitys_checkpoint_audited(
    world, login, audit_checkpoint_dir
):
    export_checkpoints(day=DAY)
    officer = world.a.users[Role.PRIVACY_OFFICER]
    client = login(officer)

    listing = client.get("/audit/controlepunten/")
    assert listing.status_code == 200
    assert f"/audit/controlepunten/{DAY}/" in listing.content.decode()
    assert "/audit/controlepunten/" in client.get("/audit/").content.decode()

    response = client.get(f"/audit/controlepunten/{DAY}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        f"audit-controlepunt-{world.a.municipality.slug}-{DAY}.json"
        in (response["Content-Disposition"])
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)
    assert body == checkpoint_path(audit_checkpoint_dir, world.a.municipality.pk, DAY).read_bytes()
    assert json.loads(body)["chain"] == world.a.municipality.pk
    downloaded = AuditEvent.objects.filter(action="audit.checkpoint_downloaded", actor=officer)
    assert downloaded.count() == 1
    assert downloaded.get().details == {"chain": world.a.municipality.pk, "day": str(DAY)}


def test_x1_a_checkpoint_download_is_scoped_to_the_own_municipality(
    world, login, audit_checkpoint_dir
):
    """The same day of another municipality's privacy officer is their own chain's file; a day
    without a file, or not a day at all, is a 404 and the miss is audited."""
    export_checkpoints(day=DAY)
    other = login(world.b.users[Role.PRIVACY_OFFICER])
    body = b"".join(other.get(f"/audit/controlepunten/{DAY}/").streaming_content)
    assert json.loads(body)["chain"] == world.b.municipality.pk

    officer = login(world.a.users[Role.PRIVACY_OFFICER])
    for day in ("2026-12-02", "2026-13-45", "20261201", "..."):
        assert officer.get(f"/audit/controlepunten/{day}/").status_code == 404, day
    misses = AuditEvent.objects.filter(
        action="access.not_found", object_type="portal.auditcheckpoint"
    )
    assert misses.count() == 4
    # A path in the day never reaches the view: the URL takes no slash.
    assert officer.get("/audit/controlepunten/..%2Fchain-0%2F2026-12-01/").status_code == 404
    assert misses.count() == 4


def test_x1_only_the_privacy_officer_may_download_checkpoints(world, login):
    for role in (Role.INTEGRITY_OFFICER, Role.ADMINISTRATOR, Role.CLERK):
        client = login(world.a.users[role])
        assert client.get("/audit/controlepunten/").status_code == 403, role
        assert client.get(f"/audit/controlepunten/{DAY}/").status_code == 403, role
    page = login(world.a.users[Role.INTEGRITY_OFFICER]).get("/audit/").content.decode()
    assert "/audit/controlepunten/" not in page
