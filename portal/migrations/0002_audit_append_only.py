"""X1: on PostgreSQL the audit table refuses UPDATE and DELETE, whoever asks (the application
role included). Only a superuser who disables triggers can tamper, and verify_audit finds it."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION portal_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'portal_auditevent is append-only (%% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER portal_auditevent_append_only
    BEFORE UPDATE OR DELETE ON portal_auditevent
    FOR EACH ROW EXECUTE FUNCTION portal_audit_append_only();
CREATE TRIGGER portal_audithead_no_delete
    BEFORE DELETE ON portal_audithead
    FOR EACH ROW EXECUTE FUNCTION portal_audit_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS portal_auditevent_append_only ON portal_auditevent;
DROP TRIGGER IF EXISTS portal_audithead_no_delete ON portal_audithead;
DROP FUNCTION IF EXISTS portal_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # execute() passes the SQL through psycopg's formatting, which turns %% into %.
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
