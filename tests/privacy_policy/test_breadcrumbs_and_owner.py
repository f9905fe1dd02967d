"""Issue 15, navigation: breadcrumbs show titles ("Motie 2026-M17: …", not "2026-M17 › 1"),
and "Eigenaar" means one thing: the person who reports progress (P1); the portfolio holder and
the department are called what they are."""

import re
from html import escape

import pytest
from django.urls import reverse

from portal.roles import Role
from tests.privacy_policy.factories import AssignmentFactory

pytestmark = pytest.mark.django_db

CRUMBS = re.compile(r'<nav class="utrecht-breadcrumb-nav".*?</nav>', re.S)


def test_p1_breadcrumbs_name_the_motion_by_its_title(world, login):
    assignment = AssignmentFactory(motion__municipality=world.a.municipality)
    motion = assignment.motion
    client = login(world.a.users[Role.CLERK])
    url = reverse("privacy_policy:assignment_detail", kwargs={"uuid": assignment.uuid})
    crumbs = CRUMBS.search(client.get(url).content.decode()).group(0)
    assert escape(f"Motie {motion.number}: {motion.title}") in crumbs
    assert f"Opdracht {assignment.number}" in crumbs
    url = reverse("privacy_policy:motion_detail", kwargs={"uuid": motion.uuid})
    page = client.get(url).content.decode()
    assert escape(f"Motie {motion.number}: {motion.title}") in CRUMBS.search(page).group(0)
    # P1: the column with the portfolio holder and the department is not "Eigenaar".
    assert "Portefeuillehouder en afdeling" in page and ">Eigenaar<" not in page


def test_p1_progress_form_says_which_assignment_it_is_for(world, login):
    assignment = AssignmentFactory(motion__municipality=world.a.municipality)
    url = reverse("privacy_policy:assignment_progress", kwargs={"uuid": assignment.uuid})
    page = login(world.a.users[Role.CLERK]).get(url).content.decode()
    motion = assignment.motion
    assert f"Opdracht {assignment.number} van motie {motion.number}" in page
    assert escape(motion.title) in page and escape(assignment.description[:40]) in page
