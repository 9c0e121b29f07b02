"""The fields the guide's checkable claims need (0006 fills them): a source's key for
citations, when it was published and when we checked it (and no year for an undated
NHS page), when a page was first published, and the reviewer's GMC number."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0003_urgent_advice"),
    ]

    operations = [
        migrations.AddField(
            model_name="page",
            name="first_published",
            field=models.DateField(
                blank=True, help_text="When the page was first published.", null=True
            ),
        ),
        migrations.AddField(
            model_name="reviewer",
            name="gmc_number",
            field=models.CharField(
                blank=True,
                help_text="The reviewer's General Medical Council reference number, as on the GMC's register. Until it is filled in, the guide says it is still to be confirmed.",
                max_length=7,
                verbose_name="GMC number",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="checked_on",
            field=models.DateField(
                blank=True,
                help_text="When we last checked it against the guide.",
                null=True,
                verbose_name="checked",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="key",
            field=models.SlugField(
                blank=True,
                help_text="A short name that guide text cites, as [ref:key], e.g. [ref:statpearls].",
                max_length=40,
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="published",
            field=models.CharField(
                blank=True,
                help_text='When it was published or last updated, as the source says, e.g. "March 2018".',
                max_length=120,
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Empty when the source gives no date (most NHS pages).",
                null=True,
            ),
        ),
    ]
