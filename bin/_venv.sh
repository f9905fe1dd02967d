# Shared by bin/demo and bin/test: find Python ≥ 3.11, create .venv, install the locked project.
# Sourced, not executed.

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[1;33mWARNING: %s\033[0m\n' "$*" >&2; }
die() {
    printf '\033[1;31mERROR: %s\033[0m\n' "$*" >&2
    exit 1
}

python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null && python_ok "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# venv_ensure LOCK: create .venv if missing and install requirements/LOCK.txt (base, demo or
# dev: every package, direct and indirect, pinned with the hashes of its files; bin/lock writes
# them), pip refusing any file whose hash is not listed. Then the project itself, without
# dependencies and with the locked setuptools (no build environment fetched unchecked). Skipped
# when neither the lock nor pyproject.toml changed since the last successful install.
venv_ensure() {
    local lock="requirements/$1.txt" stamp hash
    [ -f "$lock" ] || die "$lock is missing (bin/lock writes it)."
    if [ ! -x .venv/bin/python ] || ! python_ok .venv/bin/python; then
        local python
        python="$(find_python)" || die "Python 3.11 or newer is needed (set PYTHON=/path/to/python3)."
        step "Creating .venv with $("$python" --version)"
        rm -rf .venv
        "$python" -m venv .venv
    fi
    stamp=".venv/.installed-$1"
    hash="$(cat "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
        return 0
    fi
    step "Installing the locked dependencies (pip install --require-hashes -r $lock)"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
    echo "$hash" >"$stamp"
}

# nlds_ensure: the NL Design System CSS and axe-core from the npm registry (package-lock.json),
# with `npm ci`. Skipped when node_modules already matches the lock file. Without npm the portal
# still works on static/portal/portal.css alone, so outside CI that is a warning.
nlds_ensure() {
    local stamp="node_modules/.installed-lock" hash
    hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
        return 0
    fi
    if ! command -v npm >/dev/null; then
        [ "${CI:-false}" != "true" ] || die "CI=true but npm is missing: the NL Design System CSS and axe-core cannot be installed."
        warn "npm is not installed: no NL Design System CSS (the pages fall back to static/portal/portal.css) and no browser tests."
        return 0
    fi
    step "Installing the NL Design System CSS and axe-core (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$hash" >"$stamp"
}
