"""Issue 15 (C9): an item's public subject, apart from its internal title; the public register
shows only this one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("confidentiality", "0005_rule_ids_out_of_texts"),
    ]

    operations = [
        migrations.AddField(
            model_name="secrecyitem",
            name="public_subject",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Wordt gepubliceerd in het openbare register. Noem geen namen of wat geheim "
                    "is; leeg toont het register 'Onderwerp niet openbaar'."
                ),
                max_length=300,
                verbose_name="openbaar onderwerp",
            ),
        ),
    ]
