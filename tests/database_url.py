"""The test database as a ``DATABASE_URL`` for the processes a test starts (gunicorn, Celery
workers, manage.py): the host percent-encoded, so that a socket folder (the embedded
PostgreSQL of a machine without a server) reaches them as the settings read it."""

from urllib.parse import quote


def database_url(db: dict) -> str:
    host = quote(db["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
