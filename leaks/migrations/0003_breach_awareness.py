"""L5, issue 13 part 7: the 72-hour clock runs from the moment the organisation became aware
(AVG art. 33(1)), recorded by the privacy officer, by default the discovery — not from the
moment the case was typed in.

Existing breaches: a breach opened at reporting had its clock started at the moment of entering
(``aware_at`` equal to the moment of the case's "reported" timeline row, or to its creation when
there is no such row). Those move to the discovery time the reporter entered, with a row on the
timeline saying so (L7). A breach whose moment somebody entered when opening the track later
keeps it, as recorded. Where the discovery lies after the old moment (not possible through the
services), the old basis stays and is marked as such."""

import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.translation import gettext_noop

SAME_MOMENT = datetime.timedelta(seconds=1)
DEADLINE = datetime.timedelta(hours=72)
SUMMARY = gettext_noop(
    "Moment van bekend worden gelijkgesteld aan het moment van ontdekken (correctie van de "
    "meldtermijn); 72-uursklok loopt tot %(deadline)s"
)


def awareness_from_discovery(apps, schema_editor):
    Breach = apps.get_model("leaks", "Breach")
    CaseEvent = apps.get_model("leaks", "CaseEvent")
    for breach in Breach.objects.filter(aware_basis="entered").select_related("case"):
        case = breach.case
        reported = CaseEvent.objects.filter(case=case, kind="reported").order_by("at").first()
        entered_at = reported.at if reported is not None else case.created_at
        from_entering = abs(breach.aware_at - entered_at) <= SAME_MOMENT
        if from_entering and case.discovered_at <= breach.aware_at:
            before = breach.aware_at
            breach.aware_at = case.discovered_at
            breach.aware_basis = "discovery"
            breach.save(update_fields=["aware_at", "aware_basis"])
            deadline = case.discovered_at.astimezone(datetime.UTC) + DEADLINE
            CaseEvent.objects.create(
                case=case,
                at=datetime.datetime.now(datetime.UTC),
                kind="breach_awareness",
                summary=SUMMARY,
                params={"deadline": deadline.isoformat(), "before": before.isoformat()},
            )
        elif not from_entering:
            breach.aware_basis = "recorded"
            breach.save(update_fields=["aware_basis"])


class Migration(migrations.Migration):
    dependencies = [
        ("leaks", "0002_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Existing rows start as "entered" (the old basis) and are sorted out below.
        migrations.AddField(
            model_name="breach",
            name="aware_basis",
            field=models.CharField(
                choices=[
                    ("discovery", "het moment van ontdekken"),
                    ("recorded", "vastgesteld door de privacyfunctionaris"),
                    ("entered", "het moment van invoeren van de melding"),
                ],
                default="entered",
                max_length=12,
                verbose_name="grond van het moment van bekend worden",
            ),
        ),
        migrations.AddField(
            model_name="breach",
            name="aware_reason",
            field=models.TextField(blank=True, verbose_name="reden van de correctie"),
        ),
        migrations.AddField(
            model_name="breach",
            name="aware_recorded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="vastgesteld op"),
        ),
        migrations.AddField(
            model_name="breach",
            name="aware_recorded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="vastgesteld door",
            ),
        ),
        migrations.RunPython(awareness_from_discovery, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="breach",
            name="aware_basis",
            field=models.CharField(
                choices=[
                    ("discovery", "het moment van ontdekken"),
                    ("recorded", "vastgesteld door de privacyfunctionaris"),
                    ("entered", "het moment van invoeren van de melding"),
                ],
                default="discovery",
                max_length=12,
                verbose_name="grond van het moment van bekend worden",
            ),
        ),
    ]
