"""X2 notifications: fan-out to bodies (C4, T4), e-mail after commit and only once, the reader's
language (X5), the daily digest, the inbox and its read-only exception (X4)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from portal import notifications
from portal.background import PERIODIC, run_message, run_open_messages
from portal.models import (
    AuditEvent,
    EmailDelivery,
    Notification,
    NotificationPreference,
    OutboxMessage,
)
from portal.roles import Role
from tests.factories import BodyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
SHARED = gettext_noop("Er is een stuk gedeeld met %(body)s")


def queries(ctx):
    """The statements that did work: savepoints are transaction control (tests run inside a
    transaction), as in test_query_counts."""
    return [
        q["sql"]
        for q in ctx.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    ]


def notify_raad(side, key="share-1", **extra):
    return notifications.notify_body(
        body=side.raad,
        kind="test.shared",
        title=SHARED,
        params={"body": side.raad.name},
        link=f"/organen/{side.raad.uuid}/",
        key=key,
        municipality=side.municipality,
        **extra,
    )


def notify(user, *, key="n-1", title="Er is iets gebeurd", link="/", **extra):
    return notifications.notify_users(
        users=[user],
        kind="test.event",
        title=title,
        link=link,
        key=key,
        municipality=user.municipality,
        **extra,
    )


def send_emails():
    """What the worker does: run the open outbox messages (no eager mode)."""
    return run_open_messages()


def prefer(user, delivery):
    NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_delivery": delivery}
    )


@pytest.fixture
def english(settings):
    """The English catalogue, compiled as the build does (``*.mo`` files are build output)."""
    call_command(
        "compilemessages",
        locale=["en"],
        ignore_patterns=[".venv", "node_modules", ".git"],
        verbosity=0,
    )
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)  # drops the cached catalogues


# --- fan-out --------------------------------------------------------------------------------


def test_c4_fan_out_to_a_body_is_one_insert_for_1_and_for_45_members(world):
    """Issue 3: fan-out to all 45 members of a raad is one bulk write, not a query per member."""
    small = BodyFactory(municipality=world.a.municipality, domain=world.a.council, name="Klein")
    large = BodyFactory(municipality=world.a.municipality, domain=world.a.council, name="Groot")
    MembershipFactory(body=small)
    for _ in range(45):
        MembershipFactory(body=large)

    counts = {}
    for body in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            addressed = notifications.notify_body(
                body=body,
                kind="test.shared",
                title=SHARED,
                params={"body": body.name},
                link=f"/organen/{body.uuid}/",
                key="share",
                municipality=world.a.municipality,
            )
        statements = queries(ctx)
        inserts = [s for s in statements if s.startswith('INSERT INTO "portal_notification"')]
        assert len(inserts) == 1
        counts[addressed] = len(statements)
    print(f"X2 fan-out queries: members=1:{counts[1]} members=45:{counts[45]}")
    assert counts[1] == counts[45] <= 4
    assert Notification.objects.filter(kind="test.shared").count() == 46
    assert OutboxMessage.objects.filter(task_name=notifications.EMAIL_TASK).count() == 2


def test_c4_sharing_with_the_raad_reaches_all_its_current_members(world):
    clerk = world.a.users[Role.CLERK]
    member = world.a.users[Role.COUNCIL_MEMBER]
    assert notify_raad(world.a) == 2
    assert set(Notification.objects.values_list("recipient", flat=True)) == {clerk.pk, member.pk}


def test_t4_ended_and_future_memberships_receive_nothing(world):
    ended = MembershipFactory(body=world.a.raad, ended=True).user
    future = MembershipFactory(body=world.a.raad, future=True).user
    switched_off = MembershipFactory(
        body=world.a.raad, user=UserFactory(identity_domain=world.a.council, inactive=True)
    ).user
    notify_raad(world.a)
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert recipients.isdisjoint({ended.pk, future.pk, switched_off.pk})
    assert len(recipients) == 2


def test_x2_fan_out_run_twice_creates_nothing_new(world):
    notify_raad(world.a)
    notify_raad(world.a)
    assert Notification.objects.count() == 2
    assert send_emails() == 2  # the second task finds nothing of its own to send
    assert len(mail.outbox) == 2


def test_t1_a_fan_out_never_crosses_municipalities(world):
    b_clerk = world.b.users[Role.CLERK]
    a_clerk = world.a.users[Role.CLERK]
    addressed = notifications.notify_users(
        users=[a_clerk, b_clerk],
        kind="test.event",
        title="Er is iets gebeurd",
        link="/",
        key="k",
        municipality=world.a.municipality,
    )
    assert addressed == 1
    assert list(Notification.objects.values_list("recipient", flat=True)) == [a_clerk.pk]


def test_notify_body_leaves_out_roles_and_people_not_asked_for(world):
    clerk = world.a.users[Role.CLERK]
    assert notify_raad(world.a, roles=["clerk"]) == 1
    assert notify_raad(world.a, key="share-2", exclude=[clerk]) == 1
    assert set(Notification.objects.values_list("recipient", "key")) == {
        (clerk.pk, "share-1"),
        (world.a.users[Role.COUNCIL_MEMBER].pk, "share-2"),
    }


@pytest.mark.parametrize("link", ["https://elders.example/", "//elders.example/x", "meldingen/"])
def test_x2_a_notification_links_only_inside_the_portal(world, link):
    with pytest.raises(ValueError):
        notify(world.a.users[Role.CLERK], link=link)
    assert not Notification.objects.exists()


def test_x5_a_lazy_title_is_refused_it_would_freeze_the_senders_language(world):
    with pytest.raises(TypeError):
        notify(world.a.users[Role.CLERK], title=gettext_lazy("Er is iets gebeurd"))


# --- e-mail ---------------------------------------------------------------------------------


def test_x2_notification_in_a_rolled_back_transaction_sends_nothing(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify_raad(world.a)
        raise RuntimeError("the change that caused it failed")
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert send_emails() == 0
    assert mail.outbox == []


def test_x2_email_task_run_twice_sends_one_email(world):
    clerk = world.a.users[Role.CLERK]
    notify(clerk)
    message = OutboxMessage.objects.get(task_name=notifications.EMAIL_TASK)
    assert run_message(message.pk) == "done"
    assert run_message(message.pk) == "skipped"
    # The body itself is idempotent too, should the message be delivered again.
    assert notifications.send_notification_emails(uuids=message.kwargs["uuids"]) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [clerk.email]
    assert Notification.objects.get().emailed_at is not None


def test_x2_email_has_no_confidential_content(world, settings):
    """X2: the e-mail carries the notification's title, text and link and nothing else: it never
    looks at what the link points to. Here the linked body has a telling name; the e-mail does
    not mention it."""
    settings.SITE_URL = "https://portaal.example.nl"
    secret = BodyFactory(
        municipality=world.a.municipality,
        domain=world.a.council,
        name="Commissie Grondaankoop Westpolder",
    )
    clerk = world.a.users[Role.CLERK]
    notify(clerk, title="Er is een geheim stuk met u gedeeld", link=f"/organen/{secret.uuid}/")
    send_emails()
    [email] = mail.outbox
    html = email.alternatives[0][0]
    assert email.subject == "Melding: Er is een geheim stuk met u gedeeld"
    for part in (email.subject, email.body, html):
        assert "Westpolder" not in part
        assert "Grondaankoop" not in part
    link = f"https://portaal.example.nl/organen/{secret.uuid}/"
    assert link in email.body and link in html
    assert "Deze e-mail zegt alleen wat er is gebeurd" in email.body


def test_x2_email_text_and_html_fill_in_the_values(world):
    notify_raad(world.a)
    send_emails()
    email = next(m for m in mail.outbox if m.to == [world.a.users[Role.CLERK].email])
    assert "Er is een stuk gedeeld met Gemeenteraad" in email.body
    assert "Er is een stuk gedeeld met Gemeenteraad" in email.alternatives[0][0]
    assert email.alternatives[0][1] == "text/html"
    assert "Gemeente Alfa" in email.body


def test_x5_email_in_the_recipients_language(world, english):
    dutch = world.a.users[Role.CLERK]
    english_reader = UserFactory(identity_domain=world.a.org, language="en")
    notifications.notify_users(
        users=[dutch, english_reader],
        kind="test.event",
        title="Er is iets gebeurd",
        link="/",
        key="k",
        municipality=world.a.municipality,
    )
    send_emails()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    nl, en = by_recipient[dutch.email], by_recipient[english_reader.email]
    assert nl.subject.startswith("Melding: ")
    assert "Er is een nieuwe melding voor u" in nl.body
    assert 'lang="nl"' in nl.alternatives[0][0]
    assert en.subject.startswith("Notification: ")
    assert "There is a new notification for you" in en.body
    assert "Er is een nieuwe melding" not in en.body
    assert 'lang="en"' in en.alternatives[0][0]


def test_x2_email_preference_off_sends_nothing_and_digest_waits_for_the_digest(world):
    clerk, member = world.a.users[Role.CLERK], world.a.users[Role.COUNCIL_MEMBER]
    prefer(clerk, EmailDelivery.OFF)
    prefer(member, EmailDelivery.DIGEST)
    notify_raad(world.a)
    assert not OutboxMessage.objects.exists()  # nobody wants it immediately
    assert Notification.objects.count() == 2  # both still see it in the portal


def test_x2_digest_collects_a_days_notifications_into_one_mail_and_marks_them(world):
    member = world.a.users[Role.COUNCIL_MEMBER]
    prefer(member, EmailDelivery.DIGEST)
    for i in range(3):
        notify(member, key=f"today-{i}", title=f"Er is iets gebeurd ({i})")
    notify(member, key="read", title="Al gelezen")
    Notification.objects.filter(key="read").update(read_at=timezone.now())
    notify(member, key="old", title="Van vorige week")
    Notification.objects.filter(key="old").update(
        created_at=timezone.now() - datetime.timedelta(days=7)
    )
    notify(world.a.users[Role.CLERK], key="immediate")  # someone who gets them immediately

    assert notifications.send_daily_digests() == 1
    [digest] = mail.outbox
    assert digest.to == [member.email]
    assert digest.subject == "Dagoverzicht: 3 nieuwe meldingen"
    for i in range(3):
        assert f"Er is iets gebeurd ({i})" in digest.body
        assert f"Er is iets gebeurd ({i})" in digest.alternatives[0][0]
    assert "Al gelezen" not in digest.body and "Van vorige week" not in digest.body
    marked = Notification.objects.filter(recipient=member, digest_sent_at__isnull=False)
    assert set(marked.values_list("key", flat=True)) == {"today-0", "today-1", "today-2"}

    assert notifications.send_daily_digests() == 0  # the second run finds nothing to send
    assert len(mail.outbox) == 1


def test_x2_daily_digest_is_a_periodic_job_at_seven():
    job = PERIODIC["portal.send_daily_digests"]
    assert (job.at_hour, job.at_minute, job.every) == (7, 0, None)


# --- the inbox ------------------------------------------------------------------------------


def test_x2_unread_count_in_the_header(world, login):
    clerk = world.a.users[Role.CLERK]
    client = login(clerk)
    assert "ongelezen</span>" not in client.get("/").content.decode()
    for i in range(3):
        notify(clerk, key=f"k{i}")
    assert '3<span class="visually-hidden"> ongelezen</span>' in client.get("/").content.decode()
    Notification.objects.filter(key="k0").update(read_at=timezone.now())
    assert '2<span class="visually-hidden"> ongelezen</span>' in client.get("/").content.decode()


def test_x2_mark_one_read_is_audited(world, login):
    clerk = world.a.users[Role.CLERK]
    notify(clerk, key="a")
    notify(clerk, key="b")
    first = Notification.objects.get(key="a")
    response = login(clerk).post(f"/meldingen/{first.uuid}/gelezen/")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert Notification.objects.get(key="b").read_at is None
    event = AuditEvent.objects.get(action="notification.read")
    assert (event.actor, event.object_id) == (clerk, str(first.uuid))
    assert event.municipality == world.a.municipality


def test_x2_another_users_notification_is_404(world, login):
    member = world.a.users[Role.COUNCIL_MEMBER]
    notify(member)
    theirs = Notification.objects.get()
    clerk = world.a.users[Role.CLERK]
    response = login(clerk).post(f"/meldingen/{theirs.uuid}/gelezen/")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    miss = AuditEvent.objects.get(action="access.out_of_scope")
    assert (miss.actor, miss.result) == (clerk, "denied")


def test_x2_mark_all_read(world, login):
    clerk = world.a.users[Role.CLERK]
    for i in range(3):
        notify(clerk, key=f"k{i}")
    notify(world.a.users[Role.COUNCIL_MEMBER], key="someone-else")
    response = login(clerk).post("/meldingen/alles-gelezen/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=clerk, read_at__isnull=True).exists()
    assert Notification.objects.filter(key="someone-else", read_at__isnull=True).exists()
    assert AuditEvent.objects.get(action="notification.read_all").details == {"count": 3}


def test_x2_list_shows_only_own_notifications_newest_first_unread_highlighted(world, login):
    clerk = world.a.users[Role.CLERK]
    notify(clerk, key="old", title="Eerste melding")
    notify(clerk, key="new", title="Tweede melding")
    Notification.objects.filter(key="old").update(
        created_at=timezone.now() - datetime.timedelta(hours=1), read_at=timezone.now()
    )
    notify(world.a.users[Role.COUNCIL_MEMBER], key="x", title="Niet voor de griffie")
    page = login(clerk).get("/meldingen/").content.decode()
    assert page.index("Tweede melding") < page.index("Eerste melding")
    assert "Niet voor de griffie" not in page
    assert page.count("notification--unread") == 1


def test_x2_empty_list_says_so(world, login):
    page = login(world.a.users[Role.CLERK]).get("/meldingen/").content.decode()
    assert "U hebt nog geen meldingen" in page


def test_x2_preference_is_saved_and_audited(world, login):
    clerk = world.a.users[Role.CLERK]
    client = login(clerk)
    assert client.get("/meldingen/voorkeuren/").status_code == 200
    assert client.post("/meldingen/voorkeuren/", {"email_delivery": "digest"}).status_code == 302
    assert NotificationPreference.objects.get(user=clerk).email_delivery == "digest"
    event = AuditEvent.objects.get(action="notification.preference")
    assert event.details == {"email_delivery": "digest", "before": "immediate"}
    response = client.post("/meldingen/voorkeuren/", {"email_delivery": "elk uur"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_x4_council_member_marks_own_notifications_read_and_chooses_email(world, login):
    """X4 refuses every write of a council member, except these: they change only the member's
    own inbox, nothing of the municipality's."""
    member = world.a.users[Role.COUNCIL_MEMBER]
    client = login(member)
    notify(member, key="a")
    notify(member, key="b")
    first = Notification.objects.get(key="a")
    assert client.post(f"/meldingen/{first.uuid}/gelezen/").status_code == 302
    assert client.post("/meldingen/alles-gelezen/").status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    response = client.post("/meldingen/voorkeuren/", {"email_delivery": "off"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=member).email_delivery == "off"
    assert not AuditEvent.objects.filter(action="write.refused").exists()
    # Everything else stays refused.
    assert client.post("/profiel/").status_code == 403


@pytest.mark.parametrize("role", [Role.CLERK, Role.COUNCIL_MEMBER])
def test_b1_notification_list_query_count_is_constant_for_1_and_20(world, login, role):
    user = world.a.users[role]
    client = login(user)

    def count():
        client.get("/meldingen/")  # warm per-process caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/meldingen/")
        assert response.status_code == 200
        return len(queries(ctx))

    notify(user, key="k0")
    one = count()
    for i in range(1, 20):
        notify(user, key=f"k{i}")
    twenty = count()
    print(f"B1 queries /meldingen/ ({role}) rows=1:{one} rows=20:{twenty}")
    assert one == twenty <= MAX_QUERIES
