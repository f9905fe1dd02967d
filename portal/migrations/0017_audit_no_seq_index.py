"""Issue 20 (B9): no index on the audit event's ``seq`` alone.

With one, PostgreSQL read a municipality's newest events (the audit trail page: its
municipality's events by ``seq`` descending) by walking every month's ``seq`` index backwards
and skipping the other municipalities' events: 10,480 buffers and 268 ms on the 3x data set
(30 municipalities, 3 M events), against 112 buffers and 2.4 ms through
(municipality, seq) without it. The cost grows with the number of municipalities, which is what
B9 measures. A list of every municipality's events by ``seq`` (the service centre's admin)
now sorts instead; ADR 0004 says so.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0016_rule_ids_out_of_texts"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="auditevent",
            name="audit_seq",
        ),
    ]
