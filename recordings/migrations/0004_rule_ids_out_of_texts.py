"""Issue 15 (X7): the rule id leaves a help text."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recordings", "0003_file_and_download"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accessgrant",
            name="may_download",
            field=models.BooleanField(
                default=False,
                help_text="Downloaden staat uit tenzij het hier wordt toegestaan.",
                verbose_name="mag downloaden",
            ),
        ),
    ]
