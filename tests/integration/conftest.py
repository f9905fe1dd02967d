"""Real processes for integration tests: a Redis server of our own (so a test can stop and
start it) and Celery workers, against the test database on PostgreSQL."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.database_url import database_url

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout=30.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return False


class RedisServer:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.proc = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_until(self.answers, 10), "redis-server did not start"

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


class Worker:
    def __init__(self, broker_url, log_path):
        self.broker_url = broker_url
        self.log_path = log_path
        self.proc = None

    def start(self):
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": database_url(db),
            "CELERY_BROKER_URL": self.broker_url,
            "PORTAL_BACKGROUND": "celery",
        }
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "-Q",
                "default,pdf",
                "-P",
                "solo",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
                "-l",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        assert wait_until(lambda: b"ready." in Path(self.log_path).read_bytes(), 60), Path(
            self.log_path
        ).read_text()[-3000:]

    def kill(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def real_stack(transactional_db, tmp_path, settings):
    """A stopped Redis server, a worker factory, and the portal pointed at that broker."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    from portal.celery import app

    redis = RedisServer(tmp_path)
    settings.PORTAL_BACKGROUND = "celery"
    settings.CELERY_BROKER_URL = redis.url
    point_app_at(app, redis.url)
    workers = []

    def worker():
        w = Worker(redis.url, tmp_path / f"worker{len(workers)}.log")
        w.start()
        workers.append(w)
        return w

    yield redis, worker
    for w in workers:
        w.stop()
    redis.stop()
    point_app_at(app, "memory://")


def point_app_at(app, url):
    """Send to another broker: drop the cached connection and producer pools too."""
    app.conf.broker_url = url
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
