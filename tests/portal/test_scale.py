"""The scale data set (issue 8, manage.py seed_scale): the shape QUALITY.md asks for, idempotent,
and an audit chain that verifies (the benchmark's B7 figure depends on it)."""

import io

import pytest
from django.core.management import call_command

from portal.audit import audit_record
from portal.audit_verify import audit_verify
from portal.constants import BodyKind, DomainKind
from portal.models import AuditEvent, Body, IdentityDomain, Membership, Municipality, User
from portal.progress import Progress
from portal.scale import Size, seed_scale

pytestmark = pytest.mark.django_db(transaction=True)

SMALL = Size(
    municipalities=2,
    staff=30,
    audit_events=1_200,
    secrecy_items=40,
    motions=20,
    leak_cases=5,
    recordings=3,
)


def test_seed_scale_builds_the_shape_and_a_chain_that_verifies():
    audit_record(action="test.before")  # the seed continues an existing chain
    added = seed_scale(SMALL)

    assert added["municipalities"] == 2
    assert added["audit_events"] == 1_200
    # The domain apps add their share (register_scale_seeder), e.g. the secrecy register.
    assert added["secrecy_items"] == 2 * 40
    assert added["motions"] == 2 * 20
    assert added["leak_cases"] == 2 * 5
    assert added["recordings"] == 2 * 3
    town = Municipality.objects.get(slug="schaal01")
    kinds = IdentityDomain.objects.filter(municipality=town).values_list("kind", flat=True)
    assert sorted(kinds) == sorted(DomainKind.values)
    assert Body.objects.filter(municipality=town).count() == 12
    raad = Body.objects.get(municipality=town, kind=BodyKind.RAAD)
    assert raad.memberships.filter(user__groups__name__startswith="Raadslid").count() == 45
    people = User.objects.filter(identity_domain__municipality=town)
    assert people.count() == 45 + 5 + 30
    # Council members sit in their own domain (T2), staff in the organisation's.
    assert not Membership.objects.filter(
        body=raad, user__identity_domain__kind=DomainKind.ORGANISATION
    ).exists()

    result = audit_verify()
    assert result.ok, result.message
    assert result.checked == AuditEvent.objects.count()
    assert AuditEvent.objects.filter(user_agent="seed_scale").count() == 1_200

    # Idempotent: a second run adds nothing, and the chain still verifies after new events.
    again = seed_scale(SMALL)
    assert again["municipalities"] == 0 and again["audit_events"] == 0
    audit_record(action="test.after")
    assert audit_verify().ok


def test_seed_scale_command_prints_progress_and_what_it_added():
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_scale", "--fraction", "0.001", stdout=out, stderr=err)
    assert "municipalities           +1" in out.getvalue()
    assert AuditEvent.objects.filter(user_agent="seed_scale").count() == 1_000


def test_progress_bar_reaches_100_percent():
    stream = io.StringIO()
    progress = Progress(stream=stream)
    progress("rows", 5, 10)
    progress("rows", 10, 10)
    assert " 50% rows: 5/10" in stream.getvalue()
    assert stream.getvalue().endswith("\n") and "100% rows: 10/10" in stream.getvalue()


def test_b9_the_data_set_grows_in_place_and_every_municipality_acts():
    """B9's growth curve seeds 3× on top of 1×: more municipalities, each of the same size, and
    every municipality's chain gets its share of the new events."""
    assert Size().times(3).municipalities == 30 and Size().times(10).audit_events == 10_000_000
    assert Size().times(3).staff == Size().staff
    seed_scale(SMALL)
    bigger = Size(**{**SMALL.__dict__, "municipalities": 3, "audit_events": 3_000})
    added = seed_scale(bigger)
    assert added["municipalities"] == 1 and added["audit_events"] == 1_800
    towns = Municipality.objects.filter(slug__startswith="schaal").values_list("pk", flat=True)
    assert set(towns) <= set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    result = audit_verify()
    assert result.ok and result.checked == AuditEvent.objects.count(), result.message


def test_b9_seed_scale_in_two_processes_builds_the_same_shape_and_chains_that_verify():
    """Issue 20 step 6: the municipalities' items and the audit chains made by two worker
    processes; each chain is appended by one worker from its head, so it verifies, and its
    installation-wide numbers rise with its positions as audit_record makes them."""
    audit_record(action="test.before")
    added = seed_scale(SMALL, workers=2)
    assert added == {
        "municipalities": 2,
        "secrecy_items": 2 * 40,
        "recordings": 2 * 3,
        "leak_cases": 2 * 5,
        "motions": 2 * 20,
        "audit_events": 1_200,
    }
    assert AuditEvent.objects.filter(user_agent="seed_scale").count() == 1_200
    for town in Municipality.objects.filter(slug__startswith="schaal"):
        chain = AuditEvent.objects.filter(chain=town.pk).order_by("chain_seq")
        assert list(chain.values_list("chain_seq", flat=True)) == list(range(1, chain.count() + 1))
        numbers = list(chain.values_list("seq", flat=True))
        assert numbers == sorted(numbers)
    result = audit_verify()
    assert result.ok and result.checked == AuditEvent.objects.count(), result.message
    # Growing the set later continues every chain from its head.
    more = Size(**{**SMALL.__dict__, "municipalities": 3, "audit_events": 2_000})
    assert seed_scale(more, workers=2)["audit_events"] == 800
    assert audit_verify().ok


def test_b9_the_events_are_split_by_whole_chains_and_add_up():
    from portal.scale_workers import split_by_chain

    actors = [(n, f"p{n}@x.example", 100 + n % 5) for n in range(23)]
    jobs = split_by_chain(1_001, actors, parts=3)
    assert sum(count for count, _ in jobs) == 1_001
    chains = [{m for _, _, m in group} for _, group in jobs]
    assert len(jobs) == 3 and all(a.isdisjoint(b) for a in chains for b in chains if a is not b)
    assert set().union(*chains) == {100, 101, 102, 103, 104}
