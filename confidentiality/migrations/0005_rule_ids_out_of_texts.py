"""Issue 15 (X7): the rule ids leave the texts people read: a help text, a constraint's message
and the stored name of the trace permission (the admin shows permission names from the
database)."""

from django.conf import settings
from django.db import migrations, models


def rename_permission(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="confidentiality", codename="trace_copies"
    ).update(name="Zoekt op aan wie een exemplaar met een traceercode is verstrekt")


class Migration(migrations.Migration):
    dependencies = [
        ("confidentiality", "0004_list_order_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="secrecyitem",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    ("view_register", "Ziet het geheimhoudingsregister van de eigen gemeente"),
                    ("manage_register", "Beheert het geheimhoudingsregister (griffie)"),
                    (
                        "view_shared_secrets",
                        "Ziet geheime stukken die met een eigen orgaan zijn gedeeld",
                    ),
                    (
                        "trace_copies",
                        "Zoekt op aan wie een exemplaar met een traceercode is verstrekt",
                    ),
                ],
                "verbose_name": "geheim stuk",
                "verbose_name_plural": "geheime stukken",
            },
        ),
        migrations.AlterField(
            model_name="documentversion",
            name="is_public",
            field=models.BooleanField(
                default=False,
                help_text="De versie zonder de geheime passages.",
                verbose_name="openbare versie",
            ),
        ),
        migrations.AlterConstraint(
            model_name="review",
            name="review_next_after_reviewed",
            constraint=models.CheckConstraint(
                condition=models.Q(("next_review_date__gt", models.F("reviewed_on"))),
                name="review_next_after_reviewed",
                violation_error_message=(
                    "De volgende heroverweging ligt na de datum van deze heroverweging."
                ),
            ),
        ),
        migrations.RunPython(rename_permission, migrations.RunPython.noop),
    ]
