import pytest

from portal.roles import Role

pytestmark = pytest.mark.django_db


def test_t2_each_role_sees_a_home_page_fitting_the_role(world, login):
    clerk = login(world.a.users[Role.CLERK])
    response = clerk.get("/")
    assert response.status_code == 200
    assert "Organen en leden" in response.content.decode()

    member = login(world.a.users[Role.COUNCIL_MEMBER])
    response = member.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/raad/"
    assert "alleen-lezen" in response.content.decode()
