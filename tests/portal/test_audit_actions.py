"""X7: audit actions have names. Every action string the code writes is declared once, by its
app, with a Dutch and an English label; the audit pages, the admin and the PDF extract show the
labels, and the filter is a choice of them. (tests/conftest.py also fails any test during which
the code wrote an undeclared action.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import translation

from portal import audit_actions
from portal.audit import audit_record
from portal.audit_actions import AuditActions, action_choices, action_label, declared
from portal.models import ReportJob
from portal.reports import audit_extract
from portal.roles import Role

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["portal", "confidentiality", "leaks", "recordings", "privacy_policy"]
ACTION = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _strings(node) -> list[str]:
    """The action strings an expression can be: a literal, either branch of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _template(node) -> str | None:
    """``f"{kind}.update"`` as the regular expression of the strings it can make."""
    if not isinstance(node, ast.JoinedStr):
        return None
    parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z_]+" for v in node.values]
    return "^" + "".join(parts) + "$"


def written_by_the_code() -> tuple[dict[str, str], dict[str, str]]:
    """Every action string passed to the audit functions and the helpers around them: ``action=``
    keywords (literals, conditional literals, module constants) and literals passed positionally
    to a function of the same module whose parameter is called ``action``. Returns (literal ->
    where, f-string pattern -> where)."""
    literals: dict[str, str] = {}
    patterns: dict[str, str] = {}
    for app in SOURCES:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            where = str(path.relative_to(ROOT))
            constants = {
                target.id: node.value.value
                for node in tree.body
                if isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            positions = {
                fn.name: [a.arg for a in fn.args.args].index("action")
                for fn in ast.walk(tree)
                if isinstance(fn, ast.FunctionDef) and "action" in [a.arg for a in fn.args.args]
            }
            for node in ast.walk(tree):
                # ``refused_action = "admin.user_add_refused"``: a constant named for an action
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                    for target in node.targets:
                        name = getattr(target, "id", None) or getattr(target, "attr", "")
                        if name.lower().endswith("action") and isinstance(node.value.value, str):
                            literals[node.value.value] = where
                if not isinstance(node, ast.Call):
                    continue
                values = [k.value for k in node.keywords if k.arg == "action"]
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in positions and len(node.args) > positions[name]:
                    values.append(node.args[positions[name]])
                for value in values:
                    if isinstance(value, ast.Name) and value.id in constants:
                        literals[constants[value.id]] = where
                    for literal in _strings(value):
                        literals[literal] = where
                    pattern = _template(value)
                    if pattern:
                        patterns[pattern] = where
    # argparse's action="store_true" is not an audit action
    literals = {k: v for k, v in literals.items() if ACTION.match(k)}
    return literals, patterns


def test_x7_every_action_string_in_the_code_is_declared():
    literals, patterns = written_by_the_code()
    known = declared()
    missing = {action: where for action, where in literals.items() if action not in known}
    print(f"X7 audit-actions: declared={len(known)} literals={len(literals)} ", end="")
    print(f"patterns={len(patterns)} undeclared={len(missing)}")
    assert len(literals) > 80  # the scan reads the code at all
    assert not missing, f"declare these in the app's audit_actions.py: {missing}"
    for pattern, where in patterns.items():
        assert any(re.match(pattern, action) for action in known), (pattern, where)


def test_x7_the_scale_data_set_writes_declared_actions():
    from portal.scale import AUDIT_ACTIONS

    assert {action for action, _result in AUDIT_ACTIONS} <= declared()


def test_x7_every_app_declares_its_actions():
    groups = {str(group) for group, _choices in action_choices()}
    assert {
        "Geheimhouding",
        "Lekken",
        "Opnames",
        "Moties en toezeggingen",
        "Privacybeleid",
    } <= groups


@pytest.mark.parametrize("language", ["nl", "en"])
def test_x7_no_two_actions_share_a_label(language):
    with translation.override(language):
        labels = [label for _group, choices in action_choices() for _value, label in choices]
    assert len(labels) == len(set(labels))
    assert all(not ACTION.match(label) for label in labels)


def test_x7_labels_are_translated():
    with translation.override("en"):
        assert action_label("secrecy.viewed") == "Secret item viewed"
        assert action_label("permission.group_granted") == "Role granted"
    with translation.override("nl"):
        assert action_label("secrecy.viewed") == "Geheim stuk bekeken"


def test_x7_an_undeclared_action_is_shown_as_stored():
    assert action_label("test.never_declared") == "test.never_declared"


def test_x7_an_action_declared_by_two_apps_is_refused():
    class Twice(AuditActions):
        VIEWED = "secrecy.viewed", "Bekeken"

    with pytest.raises(ImproperlyConfigured, match=r"secrecy\.viewed"):
        audit_actions.register_audit_actions("elsewhere", "Elders", Twice)
    assert "elsewhere" not in {g.key for g in audit_actions._groups.values()}


@pytest.mark.django_db
def test_x7_audit_list_shows_labels_and_filters_by_a_chosen_action(world, login):
    officer = world.a.users[Role.PRIVACY_OFFICER]
    audit_record(action="membership.add", actor=officer, municipality=world.a.municipality)
    audit_record(action="secrecy.viewed", actor=officer, municipality=world.a.municipality)
    client = login(officer)
    page = client.get("/audit/").content.decode()
    table = page[page.index("<table") :]
    assert "Lidmaatschap van een orgaan toegevoegd" in table
    assert "Geheim stuk bekeken" in table
    assert "membership.add" not in table and "secrecy.viewed" not in table
    # the filter: a select of labels grouped per app
    assert '<optgroup label="Geheimhouding">' in page
    assert '<option value="secrecy.viewed">Geheim stuk bekeken</option>' in page
    filtered = client.get("/audit/?action=secrecy.viewed").content.decode()
    table = filtered[filtered.index("<table") :]
    assert "Geheim stuk bekeken" in table
    assert "Lidmaatschap van een orgaan toegevoegd" not in table
    assert '<option value="secrecy.viewed" selected>' in filtered
    # every action of one group
    grouped = client.get("/audit/?action=@confidentiality").content.decode()
    table = grouped[grouped.index("<table") :]
    assert "Geheim stuk bekeken" in table
    assert "Lidmaatschap van een orgaan toegevoegd" not in table
    assert (
        '<option value="@confidentiality" selected>alle acties in Geheimhouding</option>' in grouped
    )
    # a value that is not a declared action filters nothing (no prefix search any more)
    assert (
        "Lidmaatschap van een orgaan toegevoegd"
        in client.get("/audit/?action=membership.").content.decode()
    )


@pytest.mark.django_db
def test_x7_audit_detail_names_the_action(world, login):
    officer = world.a.users[Role.PRIVACY_OFFICER]
    event = audit_record(action="permission.group_granted", municipality=world.a.municipality)
    page = login(officer).get(f"/audit/{event.uuid}/").content.decode()
    assert "Rol toegekend" in page


@pytest.mark.django_db
def test_x7_admin_audit_list_shows_labels_and_filters_by_them(world, login):
    admin = world.a.users[Role.ADMINISTRATOR]
    audit_record(action="leaks.viewed", actor=admin, municipality=world.a.municipality)
    audit_record(action="membership.end", actor=admin, municipality=world.a.municipality)
    client = login(admin)
    page = client.get("/admin/portal/auditevent/").content.decode()
    assert "Lekzaak bekeken" in page
    assert "Lidmaatschap van een orgaan beëindigd" in page
    assert "Lekken – Lekzaak bekeken" in page  # the filter's choice
    filtered = client.get("/admin/portal/auditevent/?action=leaks.viewed").content.decode()
    start = filtered.index('id="result_list"')
    rows = filtered[start : filtered.index("</table>", start)]
    assert "Lekzaak bekeken" in rows and "Lidmaatschap van een orgaan beëindigd" not in rows


@pytest.mark.django_db
def test_x7_audit_extract_pdf_shows_labels_and_filters_by_a_chosen_action(world):
    officer = world.a.users[Role.PRIVACY_OFFICER]
    audit_record(action="secrecy.downloaded", actor=officer, municipality=world.a.municipality)
    audit_record(action="auth.login", actor=officer, municipality=world.a.municipality)
    form = audit_extract.AuditExtractForm(data={"action": "secrecy.downloaded"})
    assert form.is_valid(), form.errors
    assert not audit_extract.AuditExtractForm(data={"action": "secrecy."}).is_valid()
    job = ReportJob(municipality=world.a.municipality, parameters={"action": "secrecy.downloaded"})
    html = render_to_string("pdf/audit_extract.html", audit_extract.build_context(job))
    assert "Geheim document gedownload (met watermerk)" in html
    assert "secrecy.downloaded" not in html and "Aanmelden" not in html
