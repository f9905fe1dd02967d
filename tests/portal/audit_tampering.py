"""What an attacker with the database owner's rights does to the audit trail (E2 tests)."""

from django.db import connection


class tampering:
    """Switch triggers off (the append-only trigger among them), then write with the cursor."""

    def __enter__(self):
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        return connection.cursor()

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
