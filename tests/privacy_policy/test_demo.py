"""The demo data of seeds 004 and 001: idempotent; motion 15 with its two assignments in each
demo municipality; the model policy adopted by both, each with a deviation (T1: each sees
only its own)."""

import pytest

from portal.demo import seed_demo
from portal.models import User
from privacy_policy import selectors
from privacy_policy.models import Adoption, Assignment, Deviation, ModelPolicy, Motion

pytestmark = pytest.mark.django_db


def test_p1_p7_demo_is_idempotent_with_the_seed_motion_and_the_shared_model_policy():
    # The motions the demo's example council information system brings (T5) are ris's demo.
    typed = Motion.objects.filter(ris_id="")
    seed_demo()
    first = [typed.count()] + [
        m.objects.count() for m in (Assignment, ModelPolicy, Adoption, Deviation)
    ]
    seed_demo()
    again = [typed.count()] + [
        m.objects.count() for m in (Assignment, ModelPolicy, Adoption, Deviation)
    ]
    assert first == again == [2, 4, 1, 2, 2]
    for motion in typed:
        assert motion.number == "15"
        assert list(motion.assignments.values_list("number", flat=True)) == [1, 2]
    officer = User.objects.get(email="privacy@westerdijk.example")
    model = ModelPolicy.objects.get()
    assert [row["municipality"] for row in selectors.comparison(officer, model)] == [
        "Gemeente Westerdijk"
    ]
