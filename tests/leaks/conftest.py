import pytest
from guardian.shortcuts import assign_perm

from portal.roles import Role
from tests.leaks.factories import FrameworkVersionFactory, LeakCaseFactory


@pytest.fixture
def framework(world):
    """Alfa's published afwegingskader (version 1)."""
    return FrameworkVersionFactory(municipality=world.a.municipality, number=1)


@pytest.fixture
def privacy_officer(world):
    """Handles every case of Alfa (leaks.view_all_cases + leaks.manage_cases)."""
    return world.a.users[Role.PRIVACY_OFFICER]


@pytest.fixture
def reporter(world):
    return world.a.users[Role.CIVIL_SERVANT]


@pytest.fixture
def case(world, framework, reporter):
    return LeakCaseFactory(framework_version=framework, reported_by=reporter)


@pytest.fixture
def team_member(world, case):
    """Alfa's integrity officer, on this case's team by an object grant."""
    user = world.a.users[Role.INTEGRITY_OFFICER]
    assign_perm("leaks.view_leakcase", user, case)
    return user
