"""Issue 20 step 3: the audit table partitioned by month of ``created_at`` (PostgreSQL
declarative partitioning), so the audit pages and the verifier read the months they need, and
years of events stay a dozen tables a year instead of one that grows without end.

The existing table is moved, not altered (a table cannot become partitioned in place): under
an exclusive lock (writers wait; nothing is lost) the rows are copied into the partitioned
table, the old table is dropped and the new one takes its name, its id sequence and the
append-only trigger, which a partitioned table passes on to every partition, future ones too.

PostgreSQL requires every unique index of a partitioned table to hold the partition key: the
primary key becomes (id, created_at) and a chain's positions are unique with their time. Django
still knows ``id`` as the primary key (it comes from a sequence); ``seq`` and ``uuid`` keep
indexes, no unique constraints (a sequence and uuid4 make them). The single-column indexes on
actor and municipality go: the composite indexes the pages use start with those columns.

``portal_audit_partition(month)`` makes one month's partition; the migration makes every month
of the existing events up to two months ahead, and the periodic job
``portal.audit_partitions_ensure`` keeps two months ahead (``portal/audit_partitions.py``).
An event of a month without a partition lands in the default partition instead of failing; that
month then keeps using the default partition (a partition cannot be made over rows the default
holds, and the trail's rows are not moved about by a job).
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

PARTITION_FUNCTION = """
CREATE OR REPLACE FUNCTION portal_audit_partition(month date) RETURNS text AS $$
DECLARE
    first_day date := date_trunc('month', month)::date;
    next_day date := (date_trunc('month', month) + interval '1 month')::date;
    name text := 'portal_auditevent_p' || to_char(first_day, 'YYYY_MM');
    lower_bound timestamptz := (first_day::text || ' 00:00:00+00')::timestamptz;
    upper_bound timestamptz := (next_day::text || ' 00:00:00+00')::timestamptz;
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM portal_auditevent_default
               WHERE created_at >= lower_bound AND created_at < upper_bound) THEN
        RETURN 'default';
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF portal_auditevent FOR VALUES FROM (%L) TO (%L)',
                   name, lower_bound, upper_bound);
    RETURN name;
END;
$$ LANGUAGE plpgsql
"""

TRIGGER = """
CREATE TRIGGER portal_auditevent_append_only
    BEFORE UPDATE OR DELETE ON portal_auditevent
    FOR EACH ROW EXECUTE FUNCTION portal_audit_append_only()
"""

# The indexes of the audit pages, in both forms of the table.
PAGE_INDEXES = [
    "CREATE INDEX audit_municipality_seq ON portal_auditevent (municipality_id, seq DESC)",
    "CREATE INDEX audit_actor_seq ON portal_auditevent (actor_id, seq DESC)",
    "CREATE INDEX audit_object ON portal_auditevent (object_type, object_id)",
]

FORWARD = [
    "LOCK TABLE portal_auditevent IN ACCESS EXCLUSIVE MODE",
    "ALTER TABLE portal_auditevent RENAME TO portal_auditevent_unpartitioned",
    "CREATE TABLE portal_auditevent (LIKE portal_auditevent_unpartitioned) "
    "PARTITION BY RANGE (created_at)",
    "CREATE TABLE portal_auditevent_default PARTITION OF portal_auditevent DEFAULT",
    PARTITION_FUNCTION,
    """SELECT portal_audit_partition(month::date) FROM generate_series(
        date_trunc('month', COALESCE(
            (SELECT min(created_at) FROM portal_auditevent_unpartitioned), now()
        ) AT TIME ZONE 'UTC'),
        date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months',
        interval '1 month') AS month""",
    "INSERT INTO portal_auditevent SELECT * FROM portal_auditevent_unpartitioned",
    "DROP TABLE portal_auditevent_unpartitioned",
    "CREATE SEQUENCE portal_auditevent_id_seq AS bigint OWNED BY portal_auditevent.id",
    "ALTER TABLE portal_auditevent ALTER id SET DEFAULT nextval('portal_auditevent_id_seq')",
    "SELECT setval('portal_auditevent_id_seq', "
    "COALESCE((SELECT max(id) FROM portal_auditevent), 0) + 1, false)",
    "ALTER TABLE portal_auditevent ADD CONSTRAINT portal_auditevent_pkey "
    "PRIMARY KEY (id, created_at)",
    "ALTER TABLE portal_auditevent ADD CONSTRAINT audit_chain_position "
    "UNIQUE (chain, chain_seq, created_at)",
    *PAGE_INDEXES,
    "CREATE INDEX audit_seq ON portal_auditevent (seq)",
    "CREATE INDEX audit_uuid ON portal_auditevent (uuid)",
    "CREATE INDEX audit_created_at ON portal_auditevent (created_at)",
    "CREATE INDEX audit_action ON portal_auditevent (action)",
    TRIGGER,
    "ANALYZE portal_auditevent",
]

# Back to one table with the constraints and index names of migration 0014.
BACKWARD = [
    "LOCK TABLE portal_auditevent IN ACCESS EXCLUSIVE MODE",
    "ALTER TABLE portal_auditevent RENAME TO portal_auditevent_partitioned",
    "CREATE TABLE portal_auditevent (LIKE portal_auditevent_partitioned)",
    "INSERT INTO portal_auditevent SELECT * FROM portal_auditevent_partitioned",
    "DROP TABLE portal_auditevent_partitioned CASCADE",
    "DROP FUNCTION portal_audit_partition(date)",
    "ALTER TABLE portal_auditevent ALTER id ADD GENERATED BY DEFAULT AS IDENTITY",
    "SELECT setval(pg_get_serial_sequence('portal_auditevent', 'id'), "
    "COALESCE((SELECT max(id) FROM portal_auditevent), 0) + 1, false)",
    "ALTER TABLE portal_auditevent ADD CONSTRAINT portal_auditevent_pkey PRIMARY KEY (id)",
    "ALTER TABLE portal_auditevent ADD CONSTRAINT portal_auditevent_seq_key UNIQUE (seq)",
    "ALTER TABLE portal_auditevent ADD CONSTRAINT portal_auditevent_uuid_key UNIQUE (uuid)",
    "ALTER TABLE portal_auditevent ADD CONSTRAINT audit_chain_position UNIQUE (chain, chain_seq)",
    *PAGE_INDEXES,
    "CREATE INDEX portal_auditevent_action_c0d3e523 ON portal_auditevent (action)",
    "CREATE INDEX portal_auditevent_action_c0d3e523_like "
    "ON portal_auditevent (action varchar_pattern_ops)",
    "CREATE INDEX portal_auditevent_actor_id_c61bf5c0 ON portal_auditevent (actor_id)",
    "CREATE INDEX portal_auditevent_created_at_6054f358 ON portal_auditevent (created_at)",
    "CREATE INDEX portal_auditevent_municipality_id_6ea43147 "
    "ON portal_auditevent (municipality_id)",
    TRIGGER,
]


class Migration(migrations.Migration):
    dependencies = [("portal", "0014_assignable_roles")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="auditevent",
                    name="audit_chain_position",
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="action",
                    field=models.CharField(max_length=80, verbose_name="actie"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="created_at",
                    field=models.DateTimeField(editable=False, verbose_name="tijdstip (UTC)"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="municipality",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="portal.municipality",
                        verbose_name="gemeente",
                    ),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="seq",
                    field=models.BigIntegerField(editable=False, verbose_name="volgnummer"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="uuid",
                    field=models.UUIDField(default=uuid.uuid4, editable=False),
                ),
                migrations.AddIndex(
                    model_name="auditevent",
                    index=models.Index(fields=["seq"], name="audit_seq"),
                ),
                migrations.AddIndex(
                    model_name="auditevent",
                    index=models.Index(fields=["uuid"], name="audit_uuid"),
                ),
                migrations.AddIndex(
                    model_name="auditevent",
                    index=models.Index(fields=["created_at"], name="audit_created_at"),
                ),
                migrations.AddIndex(
                    model_name="auditevent",
                    index=models.Index(fields=["action"], name="audit_action"),
                ),
                migrations.AddConstraint(
                    model_name="auditevent",
                    constraint=models.UniqueConstraint(
                        fields=("chain", "chain_seq", "created_at"), name="audit_chain_position"
                    ),
                ),
            ],
        )
    ]
