"""The production topology on loopback (no Docker engine here): nginx (TLS, static files,
X-Accel-Redirect) → gunicorn (production settings) → PostgreSQL; Celery worker, pdf worker and
beat on a Redis server of our own; e-mail into an SMTP sink. The same roles as
docker-compose.yml, started from deploy/entrypoint's commands."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from tests.database_url import database_url
from tests.integration.conftest import RedisServer, free_port, point_app_at, wait_until
from tests.stack.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]


class Proc:
    def __init__(self, name, argv, env, log_dir, ready=None):
        self.name, self.argv, self.env = name, argv, env
        self.log_path = log_dir / f"{name}.log"
        self.ready = ready
        self.proc = None

    def start(self, timeout=60):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if self.ready is not None:
            ok = wait_until(lambda: self.proc.poll() is None and self.ready(self), timeout)
            assert ok, f"{self.name} did not start:\n{self.tail()}"
        return self

    def tail(self, n=3000):
        return self.log_path.read_text(errors="replace")[-n:]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        if self.proc:
            self.log.close()


def logged(text):
    return lambda p: text.encode() in p.log_path.read_bytes()


def self_signed_certificate(folder: Path) -> None:
    """A one-day certificate for localhost in ``folder`` (privkey.pem, fullchain.pem), the
    names deploy/nginx.conf reads."""
    folder.mkdir()
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            folder / "privkey.pem",
            "-out",
            folder / "fullchain.pem",
        ],
        check=True,
        capture_output=True,
    )


def nginx_version() -> tuple[int, ...]:
    """The version of the nginx on this machine (``nginx -v`` writes to stderr)."""
    found = subprocess.run([shutil.which("nginx"), "-v"], capture_output=True, text=True)
    match = re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", found.stderr + found.stdout)
    return tuple(int(part) for part in match.groups())


def nginx_conf(tmp, *, http_port, https_port, web_ports, static_root, private_root):
    """deploy/nginx.conf with this machine's paths and ports (one upstream server per web node);
    nothing else changed."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    replacements = [
        # pytest's temporary folders are private to the user running the tests: nginx's
        # workers run as that user here (the image runs them as `nginx`).
        (r"^user nginx;.*$", f"user {__import__('getpass').getuser()};"),
        (r"pid /tmp/nginx.pid;", f"pid {tmp}/nginx.pid;"),
        (r"error_log /dev/stderr warn;", f"error_log {tmp}/nginx-error.log warn;"),
        (r"access_log /dev/stdout portal;", f"access_log {tmp}/nginx-access.log portal;"),
        (r"server web:8000;", " ".join(f"server 127.0.0.1:{port};" for port in web_ports)),
        (r"listen 80 default_server;", f"listen 127.0.0.1:{http_port} default_server;"),
        (r"listen \[::\]:80 default_server;", ""),
        (r"listen 443 ssl default_server;", f"listen 127.0.0.1:{https_port} ssl default_server;"),
        (r"listen \[::\]:443 ssl default_server;", ""),
        # The port is not 443 here, as an installation may choose (docs/operations.md): the
        # Host goes on with its port as the file has it; only the redirect's port is set.
        (r"set \$portal_https_port 443;", f"set $portal_https_port {https_port};"),
        (r"/etc/nginx/tls/", f"{tmp}/tls/"),
        (r"alias /srv/static/", f"alias {static_root}/"),
        (r"alias /srv/private/;", f"alias {private_root}/;"),
    ]
    if nginx_version() < (1, 25, 1):
        # What the file's header says to do on an older nginx (Debian 12 ships 1.22).
        replacements.append((r"^\s*http2 on;\n", ""))
        replacements.append((r"(listen \S+ ssl) default_server;", r"\1 http2 default_server;"))
    for pattern, replacement in replacements:
        conf, n = re.subn(pattern, replacement, conf, flags=re.M)
        assert n, f"deploy/nginx.conf no longer has {pattern!r}: update the stack test"
    conf = ("daemon off;\n" + conf).replace(
        "http {",
        f"http {{\n    client_body_temp_path {tmp}/body;\n"
        f"    proxy_temp_path {tmp}/proxy;\n    fastcgi_temp_path {tmp}/fcgi;\n"
        f"    uwsgi_temp_path {tmp}/uwsgi;\n    scgi_temp_path {tmp}/scgi;",
        1,
    )
    path = tmp / "nginx.conf"
    path.write_text(conf)
    return path


@pytest.fixture
def stack(transactional_db, tmp_path, settings):
    with run_stack(tmp_path, settings) as running:
        yield running


@pytest.fixture
def stack_two_nodes(transactional_db, tmp_path, settings):
    """Issue 20 step 7: two web nodes (each its own gunicorn) and two default workers behind one
    nginx, sharing PostgreSQL, Redis and the private media folder; one beat, as in production."""
    with run_stack(tmp_path, settings, nodes=2, workers=2) as running:
        yield running


@contextmanager
def run_stack(tmp_path, settings, *, nodes=1, workers=1):
    missing = [b for b in ("nginx", "redis-server", "openssl") if not shutil.which(b)]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"stack test needs {missing} in CI")
        pytest.skip(f"needs {missing}")
    self_signed_certificate(tmp_path / "tls")
    static_root, private_root = tmp_path / "static", tmp_path / "private"
    private_root.mkdir()
    redis = RedisServer(tmp_path)
    redis.start()
    sink = SmtpSink().__enter__()
    web_ports = [free_port() for _ in range(nodes)]
    http_port, https_port = free_port(), free_port()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": "stack-test-secret-" + "x" * 50,
        "PORTAL_AUDIT_HMAC_KEY": settings.AUDIT_HMAC_KEY,  # the test process verifies it too
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "PORTAL_SITE_URL": f"https://localhost:{https_port}",
        "DATABASE_URL": database_url(db),
        "REDIS_URL": redis.url.replace("/0", "/1"),
        "CELERY_BROKER_URL": redis.url,
        "PORTAL_BACKGROUND": "celery",
        "PORTAL_PRIVATE_MEDIA_ROOT": str(private_root),
        "DJANGO_STATIC_ROOT": str(static_root),
        "PORTAL_X_ACCEL_REDIRECT": "true",
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "PORTAL_REQUIRE_MFA": "false",  # MFA has its own tests; here the topology is the point
        "WEB_CONCURRENCY": "2",
        "CELERY_LOG_LEVEL": "INFO",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    # Demo data with the real password hasher (not the tests'): seed_demo refuses under the
    # production settings, so it runs under the demo's, against the same database.
    subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.base", "PORTAL_DEMO": "true"},
        check=True,
        capture_output=True,
    )
    celery = [sys.executable, "-m", "celery", "--app", "portal"]
    info = ["--loglevel", "INFO"]
    suffix = ["", *(str(n) for n in range(2, max(nodes, workers) + 1))]
    web = [
        Proc(
            f"web{suffix[n]}",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "deploy/gunicorn.conf.py",
                "--worker-tmp-dir",
                str(tmp_path),
                "portal.wsgi:application",
            ],
            {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            tmp_path,
            ready=logged("Booting worker"),
        )
        for n, port in enumerate(web_ports)
    ]
    default_workers = [
        Proc(
            f"worker{suffix[n]}",
            [
                *celery,
                "worker",
                *info,
                "--queues",
                "default",
                "--pool",
                "solo",
                "--hostname",
                f"default@stack{suffix[n]}",
                "--without-mingle",
                "--without-gossip",
            ],
            env,
            tmp_path,
            ready=logged("ready."),
        )
        for n in range(workers)
    ]
    procs = [
        *web,
        *default_workers,
        Proc(
            "pdf-worker",
            [
                *celery,
                "worker",
                *info,
                "--queues",
                "pdf",
                "--concurrency",
                "1",
                "--max-tasks-per-child",
                "20",
                "--max-memory-per-child",
                "400000",
                "--hostname",
                "pdf@stack",
                "--without-mingle",
                "--without-gossip",
            ],
            env,
            tmp_path,
            ready=logged("ready."),
        ),
        Proc(
            "beat",
            [
                *celery,
                "beat",
                *info,
                "--scheduler",
                "django_celery_beat.schedulers:DatabaseScheduler",
                "--pidfile=",
                "--schedule",
                str(tmp_path / "beat"),
            ],
            env,
            tmp_path,
            ready=logged("beat: Starting"),
        ),
    ]
    conf = nginx_conf(
        tmp_path,
        http_port=http_port,
        https_port=https_port,
        web_ports=web_ports,
        static_root=static_root,
        private_root=private_root,
    )
    nginx = Proc(
        "nginx",
        [shutil.which("nginx"), "-c", str(conf), "-e", str(tmp_path / "nginx-error.log")],
        env,
        tmp_path,
    )
    point_app_at(__import__("portal.celery", fromlist=["app"]).app, redis.url)
    settings.PORTAL_BACKGROUND = "celery"
    started = []
    try:
        for proc in [*procs, nginx]:
            started.append(proc.start())
        assert wait_until(lambda: _answers(https_port), 30), nginx.tail()
        yield {
            "base": f"https://localhost:{https_port}",
            "site_url": env["PORTAL_SITE_URL"],
            "http": f"http://localhost:{http_port}",
            "mail": sink,
            "procs": {p.name: p for p in started},
            "private_root": private_root,
        }
    finally:
        for proc in reversed(started):
            proc.stop()
        sink.__exit__()
        redis.stop()
        point_app_at(__import__("portal.celery", fromlist=["app"]).app, "memory://")


def _answers(port):
    import requests

    try:
        return (
            requests.get(f"https://localhost:{port}/healthz", verify=False, timeout=2).status_code
            == 200
        )
    except requests.RequestException:
        time.sleep(0.2)
        return False
