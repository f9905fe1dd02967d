"""X7: people read the law in words, never our rule ids. Every string a person can be shown
goes through a catalogue or a template, so both are read here: no msgid or translation and no
template text outside a comment cites an id of docs/rules.md. The ids stay in
``ValidationError(code=…)``, audit details, comments and tests (tests/test_rule_book.py); the
browser crawl (tests/e2e/test_crawl_language.py, U3) reads the rendered pages themselves."""

from __future__ import annotations

import re

import polib
from django.conf import settings

from tests.test_rule_book import ROOT, _tracked

# The domain's rules only: quality bars (A1, B7 …) are never in user-facing text either, but
# "A4" is a paper size and "B1" a language level, so they are not searched for here.
RULE_ID = re.compile(r"(?<![\w])[TCLRPX]\d{1,2}(?![\w])")
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}|<!--.*?-->", re.S)


def rule_ids_in_catalogues() -> list[str]:
    found = []
    for folder in settings.LOCALE_PATHS:
        for po_path in sorted(folder.glob("*/LC_MESSAGES/django.po")):
            for entry in polib.pofile(str(po_path)):
                texts = [entry.msgid, entry.msgid_plural, entry.msgstr]
                texts += list(entry.msgstr_plural.values())
                for text in filter(None, texts):
                    if not entry.obsolete and RULE_ID.search(text):
                        found.append(f"{po_path.relative_to(ROOT)}: {text[:90]!r}")
    return found


def rule_ids_in_templates() -> list[str]:
    found = []
    for path in _tracked("*.html", "*.txt"):
        relative = str(path.relative_to(ROOT))
        if relative.startswith(("tests/", "docs/", "requirements/", "tools/")) or "/static/" in (
            f"/{relative}"
        ):
            continue
        text = TEMPLATE_COMMENT.sub(" ", path.read_text(encoding="utf-8"))
        found += [f"{relative}: {m.group(0)}" for m in RULE_ID.finditer(text)]
    return found


def test_x7_no_rule_id_in_any_catalogue():
    found = rule_ids_in_catalogues()
    assert not found, "rule ids in translatable text:\n" + "\n".join(found)


def test_x7_no_rule_id_in_the_text_of_a_template():
    found = rule_ids_in_templates()
    assert not found, "rule ids in templates (outside {# comments #}):\n" + "\n".join(found)


def test_x7_the_scanner_finds_an_id_and_skips_comments():
    assert RULE_ID.search("Motiveer het besluit (L4).")
    assert not RULE_ID.search("Gemeentewet art. 88 lid 5; raadsinformatiebrief RIB-12")
    assert TEMPLATE_COMMENT.sub(" ", "{# C4: to bodies only #}<p>Delen</p>") == " <p>Delen</p>"
