"""Issue 15 (X7): the rule ids leave the texts people read: a help text and the stored name of
the read-only permission (the admin shows permission names from the database)."""

from django.db import migrations, models


def rename_permission(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="portal", codename="read_only_access").update(
        name="Alleen lezen: elke wijziging wordt geweigerd"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0015_audit_partitions"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "ordering": ["last_name", "first_name", "email"],
                "permissions": [
                    ("require_mfa", "Moet aanmelden met tweestapsverificatie"),
                    ("read_only_access", "Alleen lezen: elke wijziging wordt geweigerd"),
                    ("use_council_portal", "Gebruikt het raadsledenportaal"),
                    ("view_bodies", "Ziet de organen en leden van de eigen gemeente"),
                    ("manage_memberships", "Beheert lidmaatschappen van organen"),
                    ("view_audit_trail", "Ziet de audittrail van de eigen gemeente"),
                    (
                        "download_audit_checkpoints",
                        "Downloadt de controlepunten van de audittrail van de eigen gemeente",
                    ),
                ],
                "verbose_name": "gebruiker",
                "verbose_name_plural": "gebruikers",
            },
        ),
        migrations.AlterField(
            model_name="historicalidentitydomain",
            name="email_domains",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='Bijvoorbeeld ["raadmedemblik.nl"]. Alleen ter informatie en voor uitnodigingen: een adres bewijst geen lidmaatschap.',
                verbose_name="e-maildomeinen",
            ),
        ),
        migrations.AlterField(
            model_name="identitydomain",
            name="email_domains",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='Bijvoorbeeld ["raadmedemblik.nl"]. Alleen ter informatie en voor uitnodigingen: een adres bewijst geen lidmaatschap.',
                verbose_name="e-maildomeinen",
            ),
        ),
        migrations.RunPython(rename_permission, migrations.RunPython.noop),
    ]
