"""The rule book belongs to the project: every rule id the code or the tests cite (``C4``,
``X1``, ``B7`` …) is defined in ``docs/rules.md`` (the domain's rules and their legal sources)
or ``docs/quality.md`` (the quality bars the suite and the benchmark measure).

A citation is an id where a reader meets it as a reference to a rule: a test's name
(``test_c4_…``), a docstring, a comment, a ``ValidationError(code=…)`` or a ``rule=`` argument,
a translatable message, a template, a Markdown page or a shell script's comment. Ordinary
string data that happens to look like an id (a commitment's number, a party's name) is not a
citation and is not read; nor is CSS (where A4 is a paper size).
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import tokenize
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOKS = ("docs/rules.md", "docs/quality.md")

# The families of ids: the domain's rules (T, C, L, R, P, X) and the quality bars (A, B, D, E,
# F, H, U, V). Other letters followed by digits (N1 norms, S3 storage, Q1 quarters) are not ids.
FAMILIES = "TCLRPXABDEFHUV"
ID = re.compile(rf"(?<![\w])([{FAMILIES}])(\d{{1,2}})(?![\w])")
# In a test's name the id is the first word after ``test_``, possibly several: test_c4_l6_…
TEST_NAME = re.compile(rf"^test_((?:[{FAMILIES.lower()}]\d{{1,2}}_)+)")
DEFINITION = re.compile(r"^#{2,4} ([A-Z]\d{1,2})\b", re.M)
TRANSLATING = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
TRANSLATING |= {"pgettext", "pgettext_lazy"}
CITING_KEYWORDS = {"code", "rule"}


def _tracked(*patterns: str) -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *patterns],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / p for p in out if not p.startswith("node_modules/") and (ROOT / p).is_file()]


def ids_in(text: str) -> set[str]:
    return {f"{letter}{number}" for letter, number in ID.findall(text)}


def _python_citations(source: str) -> set[str]:
    found: set[str] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found |= ids_in(token.string)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            found |= ids_in(ast.get_docstring(node, clean=False) or "")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            match = TEST_NAME.match(node.name)
            if match:
                found |= {word.upper() for word in match.group(1).split("_") if word}
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in TRANSLATING:
                for arg in node.args:
                    found |= _strings_in(arg)
            for keyword in node.keywords:
                if keyword.arg in CITING_KEYWORDS:
                    found |= _strings_in(keyword.value)
    return found


def _strings_in(node: ast.AST) -> set[str]:
    found: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            found |= ids_in(sub.value)
    return found


def _shell_comments(text: str) -> set[str]:
    return ids_in("\n".join(line for line in text.splitlines() if line.lstrip().startswith("#")))


def citations() -> dict[str, set[str]]:
    """id -> the files that cite it."""
    cited: dict[str, set[str]] = defaultdict(set)

    def add(ids: set[str], path: Path) -> None:
        for rule_id in ids:
            cited[rule_id].add(str(path.relative_to(ROOT)))

    for path in _tracked("*.py"):
        add(_python_citations(path.read_text(encoding="utf-8")), path)
    for path in _tracked("*.html", "*.txt", "*.md", "*.js"):
        if str(path.relative_to(ROOT)) in BOOKS or "/static/vendor/" in str(path):
            continue
        add(ids_in(path.read_text(encoding="utf-8")), path)
    for path in _tracked("bin/*", ".ci/*", "deploy/*", "Dockerfile", "*.sh", "*.yml", "*.toml"):
        add(_shell_comments(path.read_text(encoding="utf-8", errors="replace")), path)
    return cited


def defined() -> dict[str, str]:
    """id -> the book that defines it."""
    out: dict[str, str] = {}
    for book in BOOKS:
        for rule_id in DEFINITION.findall((ROOT / book).read_text(encoding="utf-8")):
            out[rule_id] = book
    return out


def test_every_cited_rule_id_is_defined_in_the_rule_book():
    cited, known = citations(), defined()
    missing = {rule_id: sorted(paths) for rule_id, paths in cited.items() if rule_id not in known}
    print(f"RULE-BOOK cited={len(cited)} defined={len(known)} undefined={len(missing)}")
    assert not missing, "cited but not defined in docs/rules.md or docs/quality.md:\n" + "\n".join(
        f"  {rule_id}: {', '.join(paths[:5])}" for rule_id, paths in sorted(missing.items())
    )


def test_no_rule_id_is_defined_twice():
    seen: dict[str, list[str]] = defaultdict(list)
    for book in BOOKS:
        for rule_id in DEFINITION.findall((ROOT / book).read_text(encoding="utf-8")):
            seen[rule_id].append(book)
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}


@pytest.mark.parametrize("family", list("TCLRPX"))
def test_every_domain_rule_names_its_source_and_where_it_is_enforced(family):
    """Each rule of docs/rules.md has a "Source:" line (the law, or why there is none) and a
    "Where:" line (the code that enforces it, or the issue that will build it)."""
    text = (ROOT / "docs/rules.md").read_text(encoding="utf-8")
    sections = re.split(r"^(?=#{2,4} [A-Z]\d{1,2}\b)", text, flags=re.M)
    rules = [s for s in sections if re.match(rf"#{{2,4}} {family}\d", s)]
    assert rules, f"no {family} rules in docs/rules.md"
    for section in rules:
        head = section.splitlines()[0]
        assert "\n- Source:" in section, f"{head}: no Source line"
        assert "\n- Where:" in section, f"{head}: no Where line"


def test_the_scanner_reads_citations_not_data():
    """The scanner itself: a docstring, a comment, a test name, a code= and a translatable
    string are citations; a commitment number and a party name are data."""
    source = '''
def test_c4_l6_shares():
    """X1: audited."""
    number = "T12"  # R3 warns
    party = "D66"
    raise ValidationError(_("Niet toegestaan (C7)."), code="P2")
'''
    assert _python_citations(source) == {"C4", "L6", "X1", "R3", "C7", "P2"}


def test_the_scanner_reads_ids_joined_by_a_slash_or_a_dash():
    source = 'refuse(action="x", rule="L1/L2")\n# C1–C10\n'
    assert _python_citations(source) == {"L1", "L2", "C1", "C10"}
