"""Issue 20: a chain per municipality and one for installation-wide events, each with its own
signed head, instead of one head row that every writer of every municipality locked.

The events written so far form one chain: they become chain 0 (installation-wide) at their
old positions, so they still verify, and the chain continues there with the events that belong
to no municipality. Each municipality's next event starts its own chain.

``seq`` stays the installation-wide number, now taken from a sequence (no lock). The head's
signature now names its chain: the existing head is signed again, but only if its old
signature holds (a forged head stays forged, and verify_audit says so).
"""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models

GENESIS = "0" * 64


def _sign(text: str) -> str:
    return hmac.new(settings.AUDIT_HMAC_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def resign_heads(apps, schema_editor):
    AuditHead = apps.get_model("portal", "AuditHead")
    for head in AuditHead.objects.all():
        old = _sign(f"head:{head.last_seq}:{head.last_hash}")
        unused = head.last_seq == 0 and head.last_hash == GENESIS
        if unused or hmac.compare_digest(old, head.signature):
            head.signature = _sign(f"head:{head.chain}:{head.last_seq}:{head.last_hash}")
            head.save(update_fields=["signature"])


def sign_heads_back(apps, schema_editor):
    AuditHead = apps.get_model("portal", "AuditHead")
    for head in AuditHead.objects.all():
        head.signature = _sign(f"head:{head.last_seq}:{head.last_hash}")
        head.save(update_fields=["signature"])


POSITIONS = """
ALTER TABLE portal_auditevent DISABLE TRIGGER portal_auditevent_append_only;
UPDATE portal_auditevent SET chain_seq = seq;
ALTER TABLE portal_auditevent ENABLE TRIGGER portal_auditevent_append_only;
"""

SEQUENCE = """
CREATE SEQUENCE portal_audit_seq AS bigint;
SELECT setval('portal_audit_seq', COALESCE((SELECT max(seq) FROM portal_auditevent), 0) + 1, false);
-- The single head was made with an explicit id (1), which left the id sequence behind it.
SELECT setval(pg_get_serial_sequence('portal_audithead', 'id'),
              COALESCE((SELECT max(id) FROM portal_audithead), 0) + 1, false);
"""


class Migration(migrations.Migration):
    dependencies = [("portal", "0011_administrator_without_schedules")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.BigIntegerField(default=0, editable=False, verbose_name="keten"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="chain_seq",
            field=models.BigIntegerField(
                editable=False, null=True, verbose_name="plaats in de keten"
            ),
        ),
        migrations.RunSQL(POSITIONS, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="chain_seq",
            field=models.BigIntegerField(editable=False, verbose_name="plaats in de keten"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("chain", "chain_seq"), name="audit_chain_position"
            ),
        ),
        migrations.AddField(
            model_name="audithead",
            name="chain",
            field=models.BigIntegerField(default=0, unique=True),
            preserve_default=False,
        ),
        migrations.RunSQL(SEQUENCE, "DROP SEQUENCE IF EXISTS portal_audit_seq;"),
        migrations.RunPython(resign_heads, sign_heads_back),
    ]
