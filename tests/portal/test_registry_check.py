"""Issue 16: one registry through which an app plugs in everything, and a system check that
fails when an app of this project forgets a piece (portal.E101-E106)."""

from django.conf import settings
from django.core import checks

from portal.checks import check_apps_plugged_in, project_apps


class NewAppConfig:
    """A new domain app as it looks before it plugs in: a top-level package of the project
    (named for none that exists: ``ris`` did, until issue 19 made it real)."""

    name = "nieuwe_app"
    label = "nieuwe_app"
    path = str(settings.BASE_DIR / "nieuwe_app")


def test_every_app_of_the_project_is_plugged_in():
    labels = sorted(c.label for c in project_apps())
    errors = check_apps_plugged_in(None)
    print(f"registry-check: apps={len(labels)} errors={len(errors)} ({', '.join(labels)})")
    assert "confidentiality" in labels and "portal" not in labels
    assert errors == []


def test_the_check_runs_with_django_checks():
    errors = [e for e in checks.run_checks(tags=["portal"]) if e.id.startswith("portal.E10")]
    assert errors == []


def test_an_app_that_forgets_its_pieces_fails_with_what_to_add():
    errors = check_apps_plugged_in([NewAppConfig()])

    assert sorted(e.id for e in errors) == [
        "portal.E101",
        "portal.E102",
        "portal.E103",
        "portal.E104",
        "portal.E105",
    ]
    tile = next(e for e in errors if e.id == "portal.E101")
    assert tile.msg.startswith("App 'nieuwe_app' is not fully plugged into the portal")
    assert "register_module" in tile.hint
    assert "docs/extension-points.md" in tile.hint


def test_a_piece_left_out_on_purpose_needs_a_reason():
    class WithReason(NewAppConfig):
        portal_absent = {"scale_seeder": "not in the benchmark's data set yet"}

    class WithoutReason(NewAppConfig):
        portal_absent = {"scale_seeder": " "}

    assert "portal.E103" not in {e.id for e in check_apps_plugged_in([WithReason()])}
    assert "portal.E103" in {e.id for e in check_apps_plugged_in([WithoutReason()])}


def test_a_forgotten_tasks_module_fails(monkeypatch):
    import portal.checks

    monkeypatch.setattr(portal.checks, "_has_module", lambda package, name: name == "tasks")
    errors = check_apps_plugged_in([NewAppConfig()])
    assert "portal.E106" in {e.id for e in errors}
