"""Load (issue 8): a wrk scenario per role against gunicorn behind nginx, on loopback, bounded in
time and requests. Prints one line per role with requests held, p50/p95/p99 and errors.

In CI each role runs for a few seconds (LOAD_SECONDS, default 5) as a smoke test of the
topology under concurrency; ``bin/load`` runs it longer. Passing means: no connection errors,
no timeouts and no non-2xx/3xx answer. Latency is reported, not asserted (QUALITY.md: speed
belongs to the benchmark, not to timed tests)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.stack.test_stack import sign_in

LUA = Path(__file__).with_name("load.lua")

# What each role does most: its landing pages and lists (demo data of seed_demo).
SCENARIOS = {
    "raadslid1@raadwesterdijk.example": ["/raad/", "/geheimhouding/gedeeld/", "/meldingen/"],
    "griffier@raadwesterdijk.example": ["/", "/geheimhouding/", "/organen/", "/meldingen/"],
    "ambtenaar@westerdijk.example": ["/", "/organen/", "/opnames/beschikbaar/", "/profiel/"],
    "privacy@westerdijk.example": ["/", "/audit/", "/organen/"],
}


def wrk(base, cookie, paths):
    seconds = int(os.environ.get("LOAD_SECONDS", "5"))
    out = subprocess.run(
        [
            shutil.which("wrk"),
            "-t2",
            f"-c{os.environ.get('LOAD_CONNECTIONS', '8')}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            "-H",
            f"Cookie: {cookie}",
            "-H",
            "Host: localhost",
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
        env={
            **os.environ,
            "LOAD_PATHS": ",".join(paths),
            "LOAD_MAX_REQUESTS": os.environ.get("LOAD_MAX_REQUESTS", "5000"),
        },
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("LOAD "))
    return line, {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed (apt-get install wrk)")
def test_load_every_role_is_served_without_errors_behind_nginx(stack):
    totals = {"requests": 0, "errors": 0}
    for email, paths in SCENARIOS.items():
        session = sign_in(stack["base"], email)
        # Each page answers 200 for this role before it is put under load.
        for path in paths:
            response = session.get(f"{stack['base']}{path}", timeout=10, allow_redirects=False)
            assert response.status_code == 200, (email, path, response.status_code)
        cookie = f"__Host-sessionid={session.cookies['__Host-sessionid']}"
        line, figures = wrk(stack["base"], cookie, paths)
        errors = sum(figures[k] for k in ("connect", "read", "write", "timeout", "non_2xx_3xx"))
        print(f"{line.replace('LOAD ', f'LOAD role={email.split(chr(64))[0]} ')}")
        totals["requests"] += figures["requests"]
        totals["errors"] += errors
        assert figures["requests"] > 0
        assert errors == 0, line
    print(f"LOAD total: requests={totals['requests']:.0f} errors={totals['errors']:.0f}")
