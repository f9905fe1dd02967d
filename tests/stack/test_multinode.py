"""Issue 20 step 7: more than one machine. Two web nodes (each its own gunicorn, as two
containers of ``web`` would be) and two default workers behind one nginx, sharing PostgreSQL,
Redis and the private media folder, with the one beat of production.

One stack for the whole walk (it takes a minute or two to start): a session made on one node
is honoured by the other; uploads taken by either node are all stored whole and served by both;
background work sent twice to the broker, as a relay retry or a failover may do, runs once
across the two workers; a periodic job run twice on both workers at once writes nothing twice.
"""

import hashlib
import re
from collections import Counter

import pytest
from django.utils import timezone

from portal.background import dispatch, enqueue
from portal.constants import BodyKind
from portal.models import AuditEvent, Body, Notification, OutboxMessage, OutboxStatus, User
from recordings.models import Recording
from tests.confidentiality.factories import ExclusionFactory, SecrecyItemFactory
from tests.integration.conftest import wait_until
from tests.recordings.media import mp4_head
from tests.stack.test_stack import sign_in

pytestmark = [pytest.mark.integration, pytest.mark.stack]

ORGANISER = "ambtenaar@oosterbroek.example"


def served(stack, name, pattern) -> int:
    """How many lines of web node ``name``'s access log match ``pattern``."""
    log = stack["procs"][name].log_path.read_text(errors="replace")
    return len(re.findall(pattern, log))


def small_mp4(n: int, size=256 * 1024) -> bytes:
    """An MP4 the upload check accepts (its last box ends at the file's end), its own bytes."""
    head = mp4_head(size)
    body = (bytes([n]) + bytes(range(255))) * ((size - len(head)) // 256 + 1)
    return head + body[: size - len(head)]


def new_recording(organiser, n):
    import datetime

    now = timezone.now()
    return Recording.objects.create(
        municipality=organiser.identity_domain.municipality,
        organiser_domain=organiser.identity_domain,
        organiser=organiser,
        meeting_kind="committee",
        meeting_date=timezone.localdate(),
        title=f"Commissie Ruimte, deel {n} (twee nodes)",
        available_from=now,
        available_until=now + datetime.timedelta(days=7),
    )


def sessions_cross_nodes(stack):
    base = stack["base"]
    clerk = sign_in(base, "griffier@raadwesterdijk.example")  # the session is made on one node
    before = {name: served(stack, name, r'"GET / HTTP/1\.[01]" 200') for name in ("web", "web2")}
    for _ in range(12):
        page = clerk.get(f"{base}/", timeout=10, allow_redirects=False)
        assert page.status_code == 200 and "Organen en leden" in page.text
    counts = {
        name: served(stack, name, r'"GET / HTTP/1\.[01]" 200') - before[name]
        for name in ("web", "web2")
    }
    # nginx balances per request: both nodes answered the same signed-in session.
    assert all(n >= 3 for n in counts.values()), counts
    return counts


def uploads_cross_nodes(stack):
    base = stack["base"]
    organiser = User.objects.get(email=ORGANISER)
    session = sign_in(base, ORGANISER)
    uploaded = {}
    for n in range(6):
        recording = new_recording(organiser, n)
        data = small_mp4(n)
        upload = f"/opnames/{recording.uuid}/bestand/"
        page = session.get(base + upload, timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = session.post(
            base + upload,
            data={"csrfmiddlewaretoken": token},
            files={"file": (f"deel-{n}.mp4", data, "video/mp4")},
            headers={"Referer": base + upload},
            timeout=60,
        )
        assert response.status_code == 200, response.text[:300]
        assert response.url.endswith(f"/opnames/{recording.uuid}/"), response.url
        uploaded[recording.pk] = hashlib.sha256(data).hexdigest()
    upload_line = r'"POST /opnames/[^"]+/bestand/ '
    posts = {name: served(stack, name, upload_line) for name in ("web", "web2")}
    assert all(posts.values()), posts  # both nodes took uploads
    for recording in Recording.objects.filter(pk__in=uploaded):
        stored = stack["private_root"] / recording.file.name
        assert recording.file_sha256 == uploaded[recording.pk]
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == uploaded[recording.pk]
    return len(uploaded), posts


def background_work_runs_once(stack):
    messages = [enqueue("portal.background_selftest", token=f"two-{n}") for n in range(12)]
    # The same messages sent to the broker again, as a relay retry after a lost answer would:
    # both workers may now hold a copy of one message.
    for message in messages:
        dispatch(message.pk)

    def all_done():
        done = OutboxMessage.objects.filter(pk__in=[m.pk for m in messages])
        return done.filter(status=OutboxStatus.DONE).count() == len(messages)

    assert wait_until(all_done, 90), (
        stack["procs"]["worker"].tail() + stack["procs"]["worker2"].tail()
    )
    tokens = Counter(
        AuditEvent.objects.filter(action="background.selftest", details__token__startswith="two-")
        .values_list("details__token", flat=True)
        .iterator()
    )
    assert tokens == Counter({f"two-{n}": 1 for n in range(12)}), tokens
    by_worker = {
        name: served(stack, name, r"portal\.background_selftest\[[^\]]+\] succeeded")
        for name in ("worker", "worker2")
    }
    return by_worker


def periodic_job_twice_at_once(stack):
    """The beat is one, but a job may still run twice (a beat restarted over a minute boundary,
    a manual run next to the scheduled one): the secrecy register's daily job (C6, C7) sent
    twice at once, a worker each, then a third time."""
    from portal.celery import app

    def runs():
        return sum(
            served(stack, name, r"confidentiality\.daily\[[^\]]+\] succeeded")
            for name in ("worker", "worker2")
        )

    # What the job has to do today: members excluded from today (C6), three items
    # past their end date (C7).
    raad = Body.objects.get(municipality__slug="westerdijk", kind=BodyKind.RAAD)
    clerk = User.objects.get(email="griffier@raadwesterdijk.example")
    members = User.objects.filter(email__endswith="@raadwesterdijk.example").filter(
        email__startswith="raadslid"
    )
    excluded = list(members[:3])
    for member in excluded:
        ExclusionFactory(member=member, raad=raad, recorded_by=clerk)
    for _ in range(3):
        SecrecyItemFactory(ended=True)
    daily_actions = ("secrecy.exclusion_started", "secrecy.exclusion_ended", "secrecy.expire")
    for _ in range(2):
        app.send_task("confidentiality.daily", queue="default")
    assert wait_until(lambda: runs() == 2, 90), stack["procs"]["worker"].tail()
    events = AuditEvent.objects.filter(action__in=daily_actions)
    after_two = (events.count(), Notification.objects.count())
    app.send_task("confidentiality.daily", queue="default")
    assert wait_until(lambda: runs() == 3, 90), stack["procs"]["worker"].tail()
    assert (events.count(), Notification.objects.count()) == after_two  # nothing new
    moments = Counter(events.values_list("action", "object_id").iterator())
    assert len(moments) == len(excluded) + 3 and max(moments.values()) == 1, moments.most_common(4)
    return after_two


def test_x2_two_nodes_and_two_workers_share_sessions_uploads_and_background_work(
    stack_two_nodes,
):
    stack = stack_two_nodes
    pages = sessions_cross_nodes(stack)
    count, posts = uploads_cross_nodes(stack)
    by_worker = background_work_runs_once(stack)
    notifications = periodic_job_twice_at_once(stack)
    print(
        f"STACK two nodes: pages per node {pages}; {count} uploads whole, posts per node {posts}; "
        f"12 tasks sent twice ran once, per worker {by_worker}; daily job twice at once: "
        f"(audit events, notifications) {notifications}, none twice"
    )
