"""X5: Dutch is the default language, English is available, and every string of the project has
an English translation (the msgids are Dutch; locale/en/LC_MESSAGES/django.po)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

BASE = Path(settings.BASE_DIR)
# The project's catalogue and one per domain app (settings.LOCALE_PATHS).
CATALOGUE_DIRS = [Path(p) for p in settings.LOCALE_PATHS]
EN_POS = [d / "en" / "LC_MESSAGES" / "django.po" for d in CATALOGUE_DIRS]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}")
# What makemessages skips (bin/test and bin/demo use the same --ignore list).
# tools/semgrep holds the plain-language rule's examples: strings with rule ids, on purpose.
NOT_SOURCE = {
    ".venv",
    ".venv-lint",
    "node_modules",
    "locale",
    "staticfiles",
    "private",
    ".artifacts",
    ".git",
    "tools",
}


@pytest.fixture(scope="module")
def compiled_catalogues():
    """The .mo files are build output (git-ignored); bin/test compiles them. Compile here too
    when a .po is newer, so a plain `pytest` run after editing a .po sees the change."""
    stale = any(
        not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
        for d in CATALOGUE_DIRS
        for po in d.glob("*/LC_MESSAGES/django.po")
    )
    if stale:
        if not shutil.which("msgfmt"):
            pytest.fail("msgfmt (gettext) is missing: the catalogues cannot be compiled")
        call_command("compilemessages", ignore_patterns=[".venv", "node_modules"], verbosity=0)
        from django.utils.translation import trans_real

        trans_real._translations = {}  # drop catalogues loaded before the compile
        trans_real._default = None


@pytest.mark.django_db
def test_x5_dutch_by_default_english_after_choosing_it(world, login, compiled_catalogues):
    client = login(world.a.users["civil_servant"])
    dutch = client.get("/").content.decode()
    assert '<html lang="nl"' in dutch
    assert "Welkom," in dutch
    assert "Organen en leden" in dutch

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    english = client.get("/").content.decode()
    assert '<html lang="en"' in english
    assert "Welcome," in english
    assert "Bodies and members" in english
    assert "Skip to content" in english
    assert "Welkom," not in english


@pytest.mark.parametrize("en_po", EN_POS, ids=lambda p: str(p.relative_to(BASE)))
def test_x5_every_english_entry_is_translated_and_keeps_its_placeholders(en_po):
    assert en_po.exists(), f"{en_po} is missing: run makemessages -l en -l nl"
    po = polib.pofile(str(en_po))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"no English for: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy (check and clear the flag): {fuzzy[:10]}"

    def differ(source, translation):
        return sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation))

    broken = [
        e.msgid
        for e in po.translated_entries()
        if (
            differ(e.msgid_plural, e.msgstr_plural.get(1, ""))
            if e.msgid_plural
            else differ(e.msgid, e.msgstr)
        )
    ]
    assert not broken, f"placeholders differ between Dutch and English: {broken[:10]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="xgettext (gettext) is not installed")
def test_x5_every_msgid_in_the_source_is_in_the_english_catalogue(tmp_path, settings):
    """Extract the msgids from the source as makemessages does (into a scratch copy, never the
    working tree's catalogue) and require each to be in locale/en with a translation. Fails
    when someone adds a string without running makemessages and translating it."""
    for entry in BASE.iterdir():
        if entry.is_dir() and entry.name not in NOT_SOURCE and not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    for name in ("manage.py",):
        (tmp_path / name).symlink_to(BASE / name)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, sys; from django.core.management import call_command;"
            "django.setup(); call_command('makemessages', locale=['en'], symlinks=True,"
            " ignore_patterns=sys.argv[1:], verbosity=0)",
            *sorted(NOT_SOURCE),
        ],
        cwd=tmp_path,
        check=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.portal.i18n_settings",
            "PORTAL_I18N_LOCALE_PATH": str(tmp_path / "locale"),
            "PYTHONPATH": str(BASE),
        },
    )
    extracted = polib.pofile(str(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    # A string may sit in any catalogue (Django merges them at run time).
    ours = {}
    for en_po in EN_POS:
        for e in polib.pofile(str(en_po)):
            if not e.obsolete and (e.msgid not in ours or e.translated()):
                ours[e.msgid] = e
    missing = sorted(
        e.msgid for e in extracted if e.msgid not in ours or not ours[e.msgid].translated()
    )
    assert not missing, (
        f"{len(missing)} string(s) without English: run `manage.py makemessages -l en -l nl "
        f"--ignore=.venv --ignore=node_modules --ignore=tools` and translate them: {missing}"
    )
