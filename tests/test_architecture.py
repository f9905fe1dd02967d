"""The shape of the code (issue 16): files a reader can hold.

A module outside migrations and tests that passes ~400 lines is split along its
responsibilities, as `privacy_policy/` is (services/, selectors/, views/ packages), or says
at its top why it stays whole: its first line is `# Stays whole: <the reason>`.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
REASON = "# Stays whole:"
SKIPPED_DIRS = {"migrations", "tests", "node_modules", "__pycache__", ".git"}


def _modules(root):
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in parts[:-1]):
            continue
        yield path


def _too_long_without_reason(root):
    offenders = []
    for path in _modules(root):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) <= MAX_LINES:
            continue
        first = lines[0] if lines else ""
        if not (first.startswith(REASON) and len(first) > len(REASON) + 10):
            offenders.append(f"{path.relative_to(root)} ({len(lines)} lines)")
    return offenders


def test_no_module_passes_400_lines_without_a_reason_at_its_top():
    offenders = _too_long_without_reason(ROOT)
    print(f"module-size: modules={sum(1 for _ in _modules(ROOT))} offenders={len(offenders)}")
    assert offenders == [], (
        f"Over {MAX_LINES} lines: split these along their responsibilities, or write "
        f"'{REASON} <why>' as their first line: {offenders}"
    )


def test_the_size_guard_finds_a_long_module_and_accepts_a_reason(tmp_path):
    (tmp_path / "app").mkdir()
    long_body = "x = 1\n" * (MAX_LINES + 1)
    (tmp_path / "app" / "big.py").write_text(long_body)
    (tmp_path / "app" / "kept.py").write_text(
        f"{REASON} one script read top to bottom\n{long_body}"
    )
    (tmp_path / "app" / "migrations").mkdir()
    (tmp_path / "app" / "migrations" / "0001_initial.py").write_text(long_body)
    (tmp_path / "app" / "small.py").write_text("x = 1\n" * MAX_LINES)

    assert _too_long_without_reason(tmp_path) == [f"app/big.py ({MAX_LINES + 1} lines)"]
