"""gunicorn for production (docker-compose.yml, service ``web``), behind nginx.

Settings come from the environment, like the rest of the portal:
WEB_CONCURRENCY (workers), GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_BIND.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers: each request holds one worker, so slow work (PDFs, mail) belongs in Celery.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# nginx keeps connections to the upstream open (keepalive in deploy/nginx.conf).
keepalive = 65
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory: a container's overlay filesystem can stall workers.
worker_tmp_dir = "/dev/shm"  # noqa: S108 — the container's own tmpfs, not a shared /tmp
# Application code is imported per worker: database connections are never shared across forks.
preload_app = False
# No runtime control socket: the container is managed by restarting it, and the app user's home
# is read-only.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The request id ties an access-log line to the audit events of the same request.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}i)s "%(a)s"'
